"""The ladder of an overdue handover: the receiving side reminded, then the coordinators of
both sides told (the tick calls it for each handover past its time)."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral
from bot.app.handover_notices import to_receiving
from bot.app.places import find_place
from bot.domain.model import HandoverState, check_handover_transition
from bot.domain.rules import Rules
from store.schema.cases import Escalation, Handover
from store.uow import UnitOfWork


def remind_or_escalate(uow: UnitOfWork, rules: Rules, handover: Handover, *, now: datetime) -> str:
    """One rung for an overdue handover: remind the receiving side, then escalate to the
    coordinators of both sides (of the giving team only, when a partner organisation
    receives it: it has no coordinators here)."""
    referral, case = load_referral(uow, handover.referral_id)
    giving = uow.directory.team(id=handover.from_team_id)
    place = find_place(uow, handover.to_team_id or handover.to_organisation_id or "")
    assert giving is not None
    late = rules.calendar.working_days_between(handover.due_at, now)
    reminders_before_escalation = 2
    if handover.reminders_sent < reminders_before_escalation:
        check_handover_transition(handover.state, HandoverState.OVERDUE)
        handover.state = HandoverState.OVERDUE
        handover.reminders_sent += 1
        handover.next_action_at = rules.calendar.add_working_days(
            handover.due_at, handover.reminders_sent
        )
        to_receiving(
            uow,
            rules,
            handover,
            place,
            key=f"handover:{handover.id}:reminder:{handover.reminders_sent}",
            message_key="handover.reminder",
            params={
                "case_ref": case.ref,
                "from_team": giving.name,
                "since": rules.day_text(handover.requested_at),
                "due": rules.moment_text(handover.due_at),
            },
            now=now,
            referral=referral,
            case_ref=case.ref,
        )
        return "reminded"
    check_handover_transition(handover.state, HandoverState.ESCALATED)
    handover.state = HandoverState.ESCALATED
    handover.next_action_at = None
    sides = [giving] + ([place.team] if place.team is not None else [])
    for team in sides:
        uow.escalations.add(
            Escalation(
                kind="handover",
                team_id=team.id,
                referral_id=referral.id,
                handover_id=handover.id,
                created_at=now,
            )
        )
        notify.to_coordinators(
            uow,
            key=f"escalation:handover:{handover.id}:{team.id}",
            team_id=team.id,
            message_key="handover.escalation",
            params={
                "case_ref": case.ref,
                "from_team": giving.name,
                "to_team": place.name,
                "days": str(late),
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            referral=referral,
            case_ref=case.ref,
        )
    return "escalated"
