"""Handovers between teams: request, accept, refuse, and the overdue ladder."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral
from bot.app.referrals.flow import apply_status, schedule_feedback_prompt
from bot.domain.errors import NotAllowed, UnknownCase, UnknownPerson, UnknownTeam
from bot.domain.model import (
    HandoverState,
    PromptState,
    ReferralStatus,
    Role,
    check_handover_transition,
)
from bot.domain.rules import Rules
from bot.messages import Action, text
from store.schema.cases import Escalation, Handover
from store.uow import UnitOfWork


def decision_actions(handover: Handover) -> tuple[Action, ...]:
    """The receiving team's two buttons."""
    return (
        Action("accept", "action.accept", str(handover.id), "primary"),
        Action("refuse", "action.refuse", str(handover.id), "danger"),
    )


def request_handover(
    uow: UnitOfWork,
    rules: Rules,
    *,
    referral_id: int,
    to_team: str,
    by: str,
    now: datetime,
    warm: bool = False,
) -> int:
    with uow:
        referral, case = load_referral(uow, referral_id, lock=True)
        person = uow.directory.person(id=by)
        if person is None or not person.active:
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover")
            raise UnknownPerson(person=by)
        if person.id != referral.assignee_id and not (
            person.team_id == referral.team_id and person.has_role(Role.COORDINATOR)
        ):
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover")
            raise NotAllowed(case_ref=case.ref)
        receiving = uow.directory.team(id=to_team)
        giving = uow.directory.team(id=referral.team_id)
        if receiving is None or giving is None or receiving.id == giving.id:
            raise UnknownTeam(team=to_team)
        due = rules.calendar.add_working_days(now, rules.handover_norm)
        handover = uow.handovers.add(
            Handover(
                referral_id=referral_id,
                from_team_id=giving.id,
                to_team_id=receiving.id,
                warm=warm,
                requested_by=by,
                requested_at=now,
                due_at=due,
                next_action_at=due,
            )
        )
        notify.to_team_intake(
            uow,
            key=f"handover:{handover.id}:requested",
            team=receiving,
            message_key="handover.requested",
            params={
                "from_team": giving.name,
                "to_team": receiving.name,
                "case_ref": case.ref,
                "warm": text("handover.warm_suffix") if warm else "",
                "due": rules.moment_text(due),
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            actions=decision_actions(handover),
            referral=referral,
            case_ref=case.ref,
        )
        uow.commit()
        assert handover.id is not None
        return handover.id


def decide_handover(
    uow: UnitOfWork, rules: Rules, *, handover_id: int, accept: bool, by: str, now: datetime
) -> str:
    """A professional of the receiving team accepts (and becomes contact person) or refuses."""
    with uow:
        handover = uow.handovers.get(id=handover_id, lock=True)
        if handover is None:
            raise UnknownCase(case_ref=str(handover_id))
        referral, case = load_referral(uow, handover.referral_id, lock=True)
        person = uow.directory.person(id=by)
        if person is None or not person.active:
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover_decision")
            raise UnknownPerson(person=by)
        if person.team_id != handover.to_team_id or not (
            person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)
        ):
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="handover_decision")
            raise NotAllowed(case_ref=case.ref)
        target = HandoverState.ACCEPTED if accept else HandoverState.REFUSED
        check_handover_transition(handover.state, target)
        handover.state = target
        handover.decided_by = person.id
        handover.decided_at = handover.closed_at = now
        handover.next_action_at = None
        uow.escalations.resolve_for(referral=referral.id or 0, now=now)
        receiving = uow.directory.team(id=handover.to_team_id)
        assert receiving is not None
        if accept:
            for prompt in uow.prompts.open_for(referral=referral.id or 0):
                prompt.state = PromptState.CANCELLED  # the giving team is done asking
                prompt.closed_at = now
            referral.team_id = receiving.id
            referral.assignee_id = person.id
            case.lead_id = person.id
            case.team_id = receiving.id
            apply_status(
                uow, rules, referral, case, ReferralStatus.HANDED_OVER, by=person.id, now=now
            )
            schedule_feedback_prompt(uow, rules, referral, person, now=now, after=rules.followup)
        requester = uow.directory.person(id=handover.requested_by)
        if requester is not None:
            notify.to_person(
                uow,
                key=f"handover:{handover.id}:{target.value}",
                person=requester,
                message_key=f"handover.{target.value}",
                params={"to_team": receiving.name, "case_ref": case.ref, "name": person.name},
                now=now,
                not_before=rules.calendar.next_send_moment(now),
                referral=referral,
                case_ref=case.ref,
            )
        uow.commit()
        return case.ref


def remind_or_escalate(uow: UnitOfWork, rules: Rules, handover: Handover, *, now: datetime) -> str:
    """One rung for an overdue handover: remind the receiving team, then escalate both sides."""
    referral, case = load_referral(uow, handover.referral_id)
    giving = uow.directory.team(id=handover.from_team_id)
    receiving = uow.directory.team(id=handover.to_team_id)
    assert giving is not None and receiving is not None
    late = rules.calendar.working_days_between(handover.due_at, now)
    reminders_before_escalation = 2
    if handover.reminders_sent < reminders_before_escalation:
        check_handover_transition(handover.state, HandoverState.OVERDUE)
        handover.state = HandoverState.OVERDUE
        handover.reminders_sent += 1
        handover.next_action_at = rules.calendar.add_working_days(
            handover.due_at, handover.reminders_sent
        )
        notify.to_team_intake(
            uow,
            key=f"handover:{handover.id}:reminder:{handover.reminders_sent}",
            team=receiving,
            message_key="handover.reminder",
            params={
                "case_ref": case.ref,
                "from_team": giving.name,
                "since": rules.day_text(handover.requested_at),
                "due": rules.moment_text(handover.due_at),
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            actions=decision_actions(handover),
            referral=referral,
            case_ref=case.ref,
        )
        return "reminded"
    check_handover_transition(handover.state, HandoverState.ESCALATED)
    handover.state = HandoverState.ESCALATED
    handover.next_action_at = None
    for team in (giving, receiving):
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
                "to_team": receiving.name,
                "days": str(late),
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            referral=referral,
            case_ref=case.ref,
        )
    return "escalated"
