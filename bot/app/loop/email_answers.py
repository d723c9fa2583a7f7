"""E-mail answers of the referrer's own loop through signed single-use links (bot/app/links.py):
"geregeld" on a request, and the four answers of the check-in; the chat buttons that ask
the same (SETTLED, CHECKIN) become those links in an e-mail."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from bot.app import links
from bot.app.cases import load_referral
from bot.app.loop.checkins import CHECKIN, record_checkin
from bot.app.loop.referrer_requests import SETTLED, record_settled
from bot.domain.errors import AlreadyAnswered, TerugkoppelError
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import CheckInAnswer
from bot.domain.rules import Rules
from store.uow import UnitOfWork

REQUEST_LINK = "referrer_request"
CHECKIN_LINK = "checkin"
_CHOICES = {
    CheckInAnswer.BETTER.value: "checkin.better",
    CheckInAnswer.SAME.value: "checkin.same",
    CheckInAnswer.WORSE.value: "checkin.worse",
    CheckInAnswer.UNKNOWN.value: "checkin.unknown",
}


def link_kinds(rules: Rules) -> dict[str, links.LinkKind]:
    """Both answer kinds with the rules they are recorded under (the composition root
    registers them at start, bot/main/wiring.py)."""

    def settle(uow: UnitOfWork, link: links.Link, now: datetime) -> None:
        request = uow.loop.request(id=link.subject)
        referral = uow.referrals.get(id=request.referral_id) if request else None
        if referral is None:
            raise links.LinkInvalid()
        _refused_as_link(
            lambda: record_settled(
                uow,
                rules,
                request_id=link.subject,
                by=referral.referrer_id,
                now=now,
                channel="email",
            )
        )

    def check_in(uow: UnitOfWork, link: links.Link, now: datetime) -> None:
        checkin = uow.loop.checkin(id=link.subject)
        referral = uow.referrals.get(id=checkin.referral_id) if checkin else None
        if referral is None:
            raise links.LinkInvalid()
        _refused_as_link(
            lambda: record_checkin(
                uow,
                rules,
                checkin_id=link.subject,
                answer=CheckInAnswer(link.choice),
                by=referral.referrer_id,
                now=now,
                channel="email",
            )
        )

    return {
        REQUEST_LINK: links.LinkKind(
            question_key="links.request.question",
            choices=frozenset({SETTLED}),
            choice_key=lambda _choice: "links.request.choice",
            apply=settle,
            params=_request_params,
            action=SETTLED,
        ),
        CHECKIN_LINK: links.LinkKind(
            question_key="links.checkin.question",
            choices=frozenset(_CHOICES),
            choice_key=lambda choice: _CHOICES[choice],
            apply=check_in,
            params=_checkin_params,
            action=CHECKIN,
        ),
    }


def _refused_as_link(record: Callable[[], object]) -> None:
    """A domain refusal (already answered, not allowed) becomes the page's sentence; the link
    stays unused."""
    try:
        record()
    except AlreadyAnswered as exc:
        given = _strings(exc.params)
        raise links.LinkRefused(
            "links.answered_before",
            case_ref=given.get("case_ref", ""),
            by=given.get("by", ""),
            at=given.get("at", ""),
        ) from exc
    except TerugkoppelError as exc:
        raise links.LinkRefused("links.invalid") from exc


def _strings(params: Mapping[str, object]) -> dict[str, str]:
    return {key: str(value) for key, value in params.items()}


def _request_params(uow: UnitOfWork, subject: int) -> Mapping[str, str]:
    request = uow.loop.request(id=subject)
    if request is None:
        raise links.LinkInvalid()
    return _case_params(uow, request.referral_id)


def _checkin_params(uow: UnitOfWork, subject: int) -> Mapping[str, str]:
    checkin = uow.loop.checkin(id=subject)
    if checkin is None:
        raise links.LinkInvalid()
    return _case_params(uow, checkin.referral_id)


def _case_params(uow: UnitOfWork, referral_id: int) -> Mapping[str, str]:
    referral, case = load_referral(uow, referral_id)
    team = uow.directory.team(id=referral.team_id)
    return {
        "case_ref": case.ref,
        "external_ref": shown_external_ref(referral.external_ref),
        "team": team.name if team else "",
    }
