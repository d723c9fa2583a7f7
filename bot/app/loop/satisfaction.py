"""The referrer's satisfaction question: "Hoe tevreden bent u over de samenwerking? (1–10)",
asked once after a referral is closed, in the referrer's own channel; answered once, by a
button in Slack or Teams or a signed single-use link in e-mail (bot/app/links.py). The digest
reads the scores (store/repos/reports.py: average and count).

Not asked after a decline: the team never worked with the referrer on that case, so there
is no collaboration to score (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.app import links, notify
from bot.domain.consent import PROCEDURAL
from bot.domain.errors import NotAllowed, UnknownCase
from bot.domain.external_ref import shown as shown_external_ref
from bot.messages import Action
from store.schema.cases import Case, Referral
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork

KIND = "satisfaction"  # the Action id, and the link kind of the same answer
SCORES = tuple(str(n) for n in range(1, 11))
QUESTION = "satisfaction.question"


def actions(satisfaction_id: int) -> tuple[Action, ...]:
    """Ten one-click answers; the value carries `<satisfaction id>:<score>`."""
    return tuple(Action(KIND, f"satisfaction.{n}", f"{satisfaction_id}:{n}") for n in SCORES)


def parse(value: str) -> tuple[int, int]:
    """`17:8` → (17, 8); ValueError for anything else."""
    subject, _, score = value.partition(":")
    if score not in SCORES:
        raise ValueError(value)
    return int(subject), int(score)


def ask(uow: UnitOfWork, referral: Referral, case: Case, *, now: datetime) -> bool:
    """Queues the question to the referrer, once per referral (in the caller's transaction);
    it follows the closing message in the referrer's queue. False when asked before."""
    if referral.id is None or uow.satisfaction.for_referral(referral=referral.id) is not None:
        return False
    referrer = uow.directory.person(id=referral.referrer_id)
    team = uow.directory.team(id=referral.team_id)
    if referrer is None or not referrer.active or team is None:
        return False
    organisation = uow.directory.organisation(id=referrer.organisation_id or "")
    row = uow.satisfaction.add(
        SatisfactionScore(
            referral_id=referral.id,
            team_id=referral.team_id,
            referrer_kind=organisation.kind if organisation else "other",
            asked_at=now,
        )
    )
    assert row.id is not None
    notify.to_person(
        uow,
        key=f"satisfaction:{referral.id}",
        person=referrer,
        message_key=QUESTION,
        params={
            "case_ref": case.ref,
            "external_ref": shown_external_ref(referral.external_ref),
            "team": team.name,
        },
        now=now,
        not_before=now,
        actions=actions(row.id),
        referral=referral,
        case_ref=case.ref,
        disclosure_basis=PROCEDURAL,  # the closure was told already; no case content
    )
    return True


def answer(
    uow: UnitOfWork,
    *,
    satisfaction_id: int,
    score: int,
    by: str | None,
    channel: str,
    now: datetime,
) -> tuple[bool, str]:
    """Stores the score once: (True, case ref) the first time, (False, case ref) after.
    `by` is the person who clicked in chat (they must be the referrer asked); None for a
    signed e-mail link, which is its own proof. Commits."""
    with uow:
        row = uow.satisfaction.get(id=satisfaction_id)
        if row is None:
            raise UnknownCase(case_ref=str(satisfaction_id))
        referral = uow.referrals.get(id=row.referral_id) if row.referral_id else None
        case = uow.cases.get(id=referral.case_id) if referral else None
        case_ref = case.ref if case else ""
        if by is not None and (referral is None or referral.referrer_id != by):
            notify.refuse(uow, now=now, actor=by, case_ref=case_ref or None, what=KIND)
            raise NotAllowed(case_ref=case_ref)
        recorded = uow.satisfaction.record(
            id=satisfaction_id, score=score, channel=channel, now=now
        )
        uow.commit()
        return recorded, case_ref


# -- the e-mail link ------------------------------------------------------------------------


def _apply_link(uow: UnitOfWork, link: links.Link, now: datetime) -> None:
    if not uow.satisfaction.record(
        id=link.subject, score=int(link.choice), channel="email", now=now
    ):
        raise links.LinkRefused("satisfaction.already")


def _link_params(uow: UnitOfWork, subject: int) -> Mapping[str, str]:
    row = uow.satisfaction.get(id=subject)
    team = uow.directory.team(id=row.team_id) if row else None
    return {"team": team.name if team else "—"}


# The answer by e-mail link; the composition root registers it (bot/main/wiring.py).
LINK_KIND = links.LinkKind(
    question_key="satisfaction.question_page",
    choices=frozenset(SCORES),
    choice_key=lambda _choice: "satisfaction.choice",
    apply=_apply_link,
    params=_link_params,
)
