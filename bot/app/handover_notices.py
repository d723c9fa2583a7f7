"""Who hears about a handover: the receiving team's intake, or every active person of the
receiving partner organisation, with the buttons to accept or to refuse with a reason."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.places import Place
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from bot.messages import Action
from store.schema.cases import Handover, Referral
from store.uow import UnitOfWork

# The reasons offered as buttons: few enough for a Teams card (at most six actions show).
BUTTON_REASONS = (
    DeclineReason.NO_CAPACITY,
    DeclineReason.NOT_OUR_SERVICE,
    DeclineReason.OUTSIDE_AREA,
    DeclineReason.OTHER,
)


def decision_actions(handover: Handover) -> tuple[Action, ...]:
    """The receiving side's buttons: accept, or refuse with one reason of the list (each
    chat shows them as they are; the value is `<handover>:<reason>`)."""
    return (
        Action("accept", "action.accept", str(handover.id), "primary"),
        *(
            Action("refuse", f"action.refuse.{r.value}", f"{handover.id}:{r.value}", "danger")
            for r in BUTTON_REASONS
        ),
    )


def to_receiving(
    uow: UnitOfWork,
    rules: Rules,
    handover: Handover,
    place: Place,
    *,
    key: str,
    message_key: str,
    params: dict[str, str],
    now: datetime,
    referral: Referral,
    case_ref: str,
) -> None:
    """The receiving team's intake, or every active person of the partner organisation."""
    not_before = rules.calendar.next_send_moment(now)
    if place.team is not None:
        notify.to_team_intake(
            uow,
            key=key,
            team=place.team,
            message_key=message_key,
            params=params,
            now=now,
            not_before=not_before,
            actions=decision_actions(handover),
            referral=referral,
            case_ref=case_ref,
        )
        return
    for person in uow.directory.referrers_of(organisation=place.id):
        notify.to_person(
            uow,
            key=f"{key}:{person.id}",
            person=person,
            message_key=message_key,
            params=params,
            now=now,
            not_before=not_before,
            actions=decision_actions(handover),
            referral=referral,
            case_ref=case_ref,
            disclosure_basis="procedural",
        )
