"""An urgent referral pages the piket at once; a page nobody answers (nobody took the
referral) goes on after the team's minutes to the next person in the piket rota, and after
as many minutes again to the coordinators — day or night, because urgent means urgent.

The page is a prompt of kind `page` on the tick's due index: its rungs are applied by
reminders/jobs/due.py in the transaction that locks it, with outbox keys derived from the
prompt and the rung, so a tick that runs again after a crash pages no one twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import notify
from bot.app.cases import referrer_organisation_name
from bot.domain.model import PromptKind, PromptState, check_prompt_transition
from bot.domain.rules import Rules
from bot.messages import Action
from store.rows import DuePrompt, ReferralView
from store.schema.cases import Escalation, Prompt
from store.schema.directory import Person
from store.uow import UnitOfWork


def start(
    uow: UnitOfWork, rules: Rules, referral: ReferralView, piket: Person, *, now: datetime
) -> Prompt:
    """The page to `piket` (already sent by the intake) waits for someone to take it."""
    team = uow.directory.team(id=referral.team_id)
    minutes = rules.norms(team).repage_minutes
    return uow.prompts.add(
        Prompt(
            referral_id=referral.id or 0,
            kind=PromptKind.PAGE,
            person_id=piket.id,
            created_at=now,
            sent_at=now,
            next_action_at=now + timedelta(minutes=minutes),
        )
    )


def repage(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralView,
    case_ref: str,
    *,
    now: datetime,
    actions: tuple[Action, ...] = (),
) -> None:
    """The next rung: the next person in the rota (once), then the coordinators."""
    team = uow.directory.team(id=referral.team_id)
    minutes = rules.norms(team).repage_minutes
    organisation = referrer_organisation_name(uow, referral)
    first = uow.directory.person(id=prompt.person_id or "")
    if prompt.reminders_sent == 0:
        check_prompt_transition(prompt.state, PromptState.REMINDED)
        prompt.state = PromptState.REMINDED
        prompt.reminders_sent = 1
        following = uow.directory.next_on_call(
            team=referral.team_id, day=rules.today(now), other_than=prompt.person_id or ""
        )
        if following is not None and following.active:
            notify.to_person(
                uow,
                key=f"page:{prompt.id}:repage:{following.id}",
                person=following,
                message_key="page.again",
                params={
                    "case_ref": case_ref,
                    "organisation": organisation,
                    "first": first.name if first else "",
                    "minutes": str(minutes),
                },
                now=now,
                not_before=now,  # day or night
                actions=actions,
                referral=referral,
                case_ref=case_ref,
            )
            prompt.next_action_at = now + timedelta(minutes=minutes)
            return
        # Nobody next in the rota: straight on to the coordinators.
    check_prompt_transition(prompt.state, PromptState.ESCALATED)
    prompt.state = PromptState.ESCALATED
    prompt.next_action_at = None
    uow.escalations.add(
        Escalation(
            kind="page",
            team_id=referral.team_id,
            referral_id=referral.id,
            prompt_id=prompt.id,
            created_at=now,
        )
    )
    for coordinator in uow.directory.members(team=referral.team_id, role="coordinator"):
        notify.to_person(
            uow,
            key=f"page:{prompt.id}:coordinator:{coordinator.id}",
            person=coordinator,
            message_key="page.coordinator",
            params={"case_ref": case_ref, "organisation": organisation, "minutes": str(minutes)},
            now=now,
            not_before=now,  # day or night
            actions=actions,
            referral=referral,
            case_ref=case_ref,
        )
