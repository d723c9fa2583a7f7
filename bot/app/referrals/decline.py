"""A team does not take a referral: the reason from the fixed list and, where known, the
better place ("wie voor wat" in the directory); the referrer is told in plain Dutch what to
do next."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral, member_or_refuse, referral_by_case_ref
from bot.app.places import Place, find_place
from bot.app.referrals.flow import Told, apply_status
from bot.domain.consent import PROCEDURAL, disclosure_basis, may_share_status
from bot.domain.errors import NotAllowed, ReasonRequired, ReferralEnded
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import TERMINAL, ReferralStatus, Role
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Case, Referral
from store.uow import UnitOfWork


def decline_referral(
    uow: UnitOfWork,
    rules: Rules,
    *,
    referral_id: int,
    by: str,
    now: datetime,
    reason: DeclineReason = DeclineReason.OTHER,
    suggest: str | None = None,
    channel: str | None = None,
) -> str:
    """A coordinator of the team declines a referral (not taken into care)."""
    with uow:
        referral, case = load_referral(uow, referral_id, lock=True)
        _decline(
            uow,
            rules,
            referral,
            case,
            by=by,
            now=now,
            reason=reason,
            suggest=suggest,
            channel=channel,
        )
        uow.commit()
        return case.ref


def decline_by_ref(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    by: str,
    now: datetime,
    reason: DeclineReason | None,
    suggest: str | None = None,
    channel: str | None = None,
) -> str:
    """`decline_referral` for a case reference (CLI, REST, chat)."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        if reason is None:
            raise ReasonRequired(case_ref=case.ref)
        _decline(
            uow,
            rules,
            referral,
            case,
            by=by,
            now=now,
            reason=reason,
            suggest=suggest,
            channel=channel,
        )
        uow.commit()
        return case.ref


def _decline(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    *,
    by: str,
    now: datetime,
    reason: DeclineReason,
    suggest: str | None,
    channel: str | None,
) -> None:
    coordinator = member_or_refuse(
        uow, referral, case, by=by, now=now, what="decline", channel=channel
    )
    if not coordinator.has_role(Role.COORDINATOR):
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="decline", channel=channel)
        raise NotAllowed(case_ref=case.ref)
    if referral.status in TERMINAL:
        raise ReferralEnded(case_ref=case.ref)
    place = find_place(uow, suggest) if suggest else None
    referral.decline_reason = reason.value
    referral.redirect_to = place.id if place else None
    told = next_step(uow, referral, case, reason, place)
    apply_status(uow, rules, referral, case, ReferralStatus.DECLINED, by=by, now=now, told=told)


def next_step(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    reason: DeclineReason,
    place: Place | None,
) -> Told:
    """The one message the referrer gets for a decline: that it ended and what to do
    next (the status message and a second one read as two, with the team's name twice as
    "contact person"). Where to go is procedural (the directory's "wie voor wat"); the
    reason says something about the family, so it goes along only with consent."""
    referrer = uow.directory.person(id=referral.referrer_id)
    team = uow.directory.team(id=referral.team_id)
    assert referrer is not None and team is not None
    language = referrer.language
    with_reason = may_share_status(referral.consent)
    params = {
        "case_ref": case.ref,
        "external_ref": shown_external_ref(referral.external_ref),
        "team": team.name,
        "next": _next_step(uow, place, language),
    }
    if with_reason:
        params["reason"] = text(f"reason.{reason.value}", language)
    return Told(
        key="referrer.next_step_reason" if with_reason else "referrer.next_step",
        params=params,
        basis=disclosure_basis(referral.consent) if with_reason else PROCEDURAL,
    )


def _next_step(uow: UnitOfWork, place: Place | None, language: str) -> str:
    """What the referrer does next: the better place with its "wie voor wat", or ask us."""
    if place is None:
        return text("decline.next_unknown", language)
    place_name = place.name
    guide = uow.directory.guide(id=place.id)
    if guide is None:
        return text("decline.next_place", language, place=place_name)
    if guide.how_to_refer:
        return text(
            "decline.next_guide_how",
            language,
            place=place_name,
            helps_with=guide.helps_with,
            how=guide.how_to_refer,
        )
    return text("decline.next_guide", language, place=place_name, helps_with=guide.helps_with)
