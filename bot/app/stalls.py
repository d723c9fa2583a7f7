"""Care that stalls is seen by someone who can act: "not yet" answered too often in a row,
help not started long after the intake, no status change for too long. Each raises one
escalation to the team's coordinators, with the team's own norms (directory file) or the
installation's defaults. The outbox key of each message is derived from what it is about,
so a scan that runs again after a crash tells no one twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.app import notify
from bot.domain.model import ReferralStatus
from bot.domain.rules import Rules
from bot.messages import text
from store.repos.waits import Stalled
from store.schema.cases import Case, Escalation, Prompt, Referral
from store.schema.directory import Person, Team
from store.uow import UnitOfWork

# Before help started a referral waits on the team; after it, help runs for months and the
# check-in and the prompts follow it, so "no status change" is not a stall.
WAITING = (ReferralStatus.ASSIGNED, ReferralStatus.CONTACT_MADE, ReferralStatus.INTAKE_PLANNED)


def working_days_ago(rules: Rules, now: datetime, days: int) -> datetime:
    """The moment a status change must lie before to be at least `days` working days old:
    the local midnight of the `days`-th working day back from today (today counted)."""
    day: date = rules.today(now)
    seen = 0
    while True:
        if rules.calendar.is_working_day(day):
            seen += 1
            if seen >= days:
                return datetime.combine(day, time(0), rules.calendar.tz)
        day -= timedelta(days=1)


def after_snooze(
    uow: UnitOfWork,
    rules: Rules,
    prompt: Prompt,
    referral: Referral,
    case: Case,
    person: Person,
    *,
    now: datetime,
) -> bool:
    """Counts a "not yet"; at the team's cap the coordinators are asked to look (once per
    question: the prompt's next real answer starts a new question). True when asked."""
    prompt.snoozes += 1
    team = uow.directory.team(id=referral.team_id)
    cap = rules.norms(team).snooze_cap
    if prompt.snoozes != cap:
        return False
    uow.escalations.add(
        Escalation(
            kind="snooze_cap",
            team_id=referral.team_id,
            referral_id=referral.id,
            prompt_id=prompt.id,
            created_at=now,
        )
    )
    for coordinator in uow.directory.members(team=referral.team_id, role="coordinator"):
        notify.to_person(
            uow,
            key=f"stall:snooze_cap:{prompt.id}:{coordinator.id}",
            person=coordinator,
            message_key="stall.snooze_cap",
            params={"case_ref": case.ref, "name": person.name, "count": str(cap)},
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            referral=referral,
            case_ref=case.ref,
        )
    return True


def scan_team(uow: UnitOfWork, rules: Rules, team: Team, *, now: datetime) -> int:
    """The team's referrals whose help has not started N working days after the intake was
    planned, and those without a status change for N working days before help started:
    one escalation each, until the referral moves on. Returns the escalations raised."""
    norms = rules.norms(team)
    found = [
        ("help_late", row)
        for row in uow.waits.stalled(
            team=team.id,
            kind="help_late",
            statuses=[ReferralStatus.INTAKE_PLANNED],
            since_column="intake_planned_at",
            before=working_days_ago(rules, now, norms.help_start),
        )
    ]
    found += [
        ("stale", row)
        for row in uow.waits.stalled(
            team=team.id,
            kind="stale",
            statuses=list(WAITING),
            since_column="status_changed_at",
            before=working_days_ago(rules, now, norms.stale),
        )
    ]
    for kind, row in found:
        _raise(uow, rules, kind, row, now=now)
    return len(found)


def _raise(uow: UnitOfWork, rules: Rules, kind: str, row: Stalled, *, now: datetime) -> None:
    uow.escalations.add(
        Escalation(kind=kind, team_id=row.team_id, referral_id=row.referral_id, created_at=now)
    )
    holder = uow.directory.person(id=row.assignee_id or "")
    days = rules.calendar.working_days_between(row.since, now)
    for coordinator in uow.directory.members(team=row.team_id, role="coordinator"):
        language = coordinator.language
        notify.to_person(
            uow,
            key=f"stall:{kind}:{row.referral_id}:{row.since.isoformat()}:{coordinator.id}",
            person=coordinator,
            message_key=f"stall.{kind}",
            params={
                "case_ref": row.case_ref,
                "name": holder.name if holder else text("stall.nobody", language),
                "days": str(days),
                "status": text(f"status.{row.status}", language),
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            case_ref=row.case_ref,
        )


def scan(uow: UnitOfWork, rules: Rules, *, now: datetime) -> int:
    """Every team, each in its own transaction (one bad team never stops the others)."""
    raised = 0
    with uow:
        teams = list(uow.directory.teams())
    for team in teams:
        with uow:
            raised += scan_team(uow, rules, team, now=now)
            uow.commit()
    return raised
