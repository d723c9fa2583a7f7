"""What the overview shows: a professional's own work, and for a coordinator their team's.
Texts come from the catalogue in the person's language; the web adapter only lays them out."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.app.referrals.flow import next_answers
from bot.app.referrals.view import phase_of
from bot.domain.model import PromptState, Role
from bot.domain.rules import Rules
from bot.messages import CATALOGUES, text

FIGURE_WEEKS = 13  # a quarter: long enough for a median, short enough to show a change
STALLED = (PromptState.REMINDED.value, PromptState.ESCALATED.value)


@dataclass(frozen=True)
class Button:
    value: str
    label: str
    primary: bool


@dataclass(frozen=True)
class PromptItem:
    prompt_id: int
    case_ref: str
    line: str
    buttons: list[Button]


@dataclass(frozen=True)
class CaseItem:
    case_ref: str
    status: str


@dataclass(frozen=True)
class Mine:
    prompts: list[PromptItem]
    cases: list[CaseItem]
    lead: list[CaseItem]
    absence: str
    contacts: list[str]

    def case_refs(self) -> list[str]:
        return [p.case_ref for p in self.prompts] + [c.case_ref for c in self.cases + self.lead]


@dataclass(frozen=True)
class Row:
    referral_id: int
    case_ref: str
    status: str
    partner: str
    age: int
    on_it: str
    assignee_id: str | None
    overdue: bool
    stalled: bool


@dataclass(frozen=True)
class Group:
    heading: str
    rows: list[Row]


@dataclass(frozen=True)
class HandoverItem:
    case_ref: str
    direction: str
    requested: str
    due: str


@dataclass(frozen=True)
class EscalationItem:
    kind: str
    subject: str
    since: str
    referral_id: int | None
    case_ref: str | None


@dataclass(frozen=True)
class Filter:
    partner: str | None = None
    min_age: int = 0


@dataclass(frozen=True)
class TeamWork:
    team: str
    heading: str
    groups: list[Group]
    overdue: list[Row]
    stalled: list[Row]
    handovers: list[HandoverItem]
    escalations: list[EscalationItem]
    gaps: list[str]
    figures: list[str]
    partners: list[tuple[str, str]]
    people: list[tuple[str, str]]
    chosen: Filter = field(default_factory=Filter)

    def case_refs(self) -> list[str]:
        refs = [r.case_ref for g in self.groups for r in g.rows]
        refs += [h.case_ref for h in self.handovers]
        return refs + [e.case_ref for e in self.escalations if e.case_ref]


def mine(data: Data, rules: Rules, person: Actor, *, now: datetime) -> Mine:
    language = person.language
    with data.uow() as uow:
        prompts = uow.overview.open_prompts(person=person.id)
        cases = uow.overview.my_cases(person=person.id)
        absence = uow.directory.absence_on(person=person.id, day=rules.today(now))
        pairs = uow.overview.contact_pairs(person=person.id)
    nobody = text("overview.nobody", language)
    return Mine(
        prompts=[
            PromptItem(
                p.prompt_id,
                p.case_ref,
                text(
                    "overview.prompt_line",
                    language,
                    case_ref=p.case_ref,
                    organisation=p.organisation,
                    since=rules.day_text(p.since),
                ),
                [
                    Button(a.value, text(f"action.{a.value}", language), a.value != "not_yet")
                    for a in next_answers(p.status)
                ],
            )
            for p in prompts
        ],
        cases=[_case(c.case_ref, c.status, language) for c in cases if c.assigned_to_me],
        lead=[_case(c.case_ref, c.status, language) for c in cases if c.lead],
        absence=(
            text("overview.absent", language, until=rules.day_text(absence.ends_on))
            if absence
            else text("overview.present", language)
        ),
        contacts=[
            text(
                "overview.primary_line" if c.primary else "overview.backup_line",
                language,
                partner=c.partner,
                other=c.other or nobody,
            )
            for c in pairs
        ],
    )


def _case(case_ref: str, status: str, language: str) -> CaseItem:
    return CaseItem(case_ref, text(f"status.{status}", language))


def team_work(
    data: Data, rules: Rules, person: Actor, *, now: datetime, chosen: Filter
) -> TeamWork | None:
    """The coordinator's team; None for anyone else (a professional sees only their own)."""
    if not person.has_role(Role.COORDINATOR) or not person.team:
        return None
    language = person.language
    since = now - timedelta(weeks=FIGURE_WEEKS)
    with data.uow() as uow:
        team = uow.directory.team(id=person.team)
        if team is None:
            return None
        referrals = uow.overview.team_referrals(team=team.id)
        handovers = uow.overview.handovers(team=team.id)
        escalations = uow.overview.escalations(team=team.id)
        gaps = uow.overview.partners_without_contact(team=team.id)
        days = uow.overview.first_feedback_days(team=team.id, since=since)
        people = uow.overview.professionals(team=team.id)
    nobody = text("overview.nobody", language)
    every = [
        Row(
            r.referral_id,
            r.case_ref,
            text(f"status.{r.status}", language),
            r.partner,
            rules.calendar.working_days_between(r.received_at, now),
            r.assignee or nobody,
            r.assignee_id,
            overdue=r.first_feedback_at is None and r.feedback_due_at <= now,
            stalled=r.prompt_state in STALLED,
        )
        for r in referrals
    ]
    partners = sorted({(r.partner_id, r.partner) for r in referrals if r.partner_id})
    shown = [
        row
        for row, r in zip(every, referrals, strict=True)
        if (chosen.partner is None or r.partner_id == chosen.partner) and row.age >= chosen.min_age
    ]
    phases = {r.referral_id: phase_of(r.status) for r in referrals}
    groups = [
        Group(
            text(f"overview.phase.{phase}", language),
            [row for row in shown if phases[row.referral_id] == phase],
        )
        for phase in ("received", "in_progress")
    ]
    return TeamWork(
        team=team.name,
        heading=text("overview.team", language, team=team.name),
        groups=groups,
        overdue=[row for row in shown if row.overdue],
        stalled=[row for row in shown if row.stalled],
        handovers=[
            HandoverItem(
                h.case_ref,
                text(
                    "overview.handover_out" if h.outgoing else "overview.handover_in",
                    language,
                    team=h.other_team,
                ),
                rules.day_text(h.requested_at),
                rules.day_text(h.due_at),
            )
            for h in handovers
        ],
        escalations=[
            EscalationItem(
                _escalation_kind(e.kind, language),
                e.case_ref or e.partner or "—",
                rules.day_text(e.since),
                e.referral_id,
                e.case_ref,
            )
            for e in escalations
        ],
        gaps=gaps,
        figures=_figures(rules, every, days, language),
        partners=partners,
        people=[(p.id, p.name) for p in people],
        chosen=chosen,
    )


def _escalation_kind(kind: str, language: str) -> str:
    """The kind in words; a kind added later reads "anders" until it has its own text."""
    key = f"overview.escalation.{kind}"
    return text(key if key in CATALOGUES["nl"] else "overview.escalation.other", language)


def _figures(rules: Rules, rows: list[Row], days: list[int], language: str) -> list[str]:
    lines = [text("overview.figure_open", language, count=str(len(rows)))]
    if rows:
        oldest = max(row.age for row in rows)
        lines.append(text("overview.figure_oldest", language, days=str(oldest)))
    if not days:
        return [*lines, text("overview.figure_none", language)]
    median = statistics.median(days)
    within = round(100 * sum(1 for d in days if d <= rules.feedback_norm) / len(days))
    shown = f"{median:g}".replace(".", ",") if language == "nl" else f"{median:g}"
    return [
        *lines,
        text("overview.figure_median", language, days=shown),
        text(
            "overview.figure_within", language, norm=str(rules.feedback_norm), percent=str(within)
        ),
    ]
