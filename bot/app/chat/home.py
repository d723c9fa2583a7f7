"""One person's home in a chat (Slack's App Home): open prompts, overdue referrals,
contact assignments, and for coordinators their team's overdue list and open escalations;
and the open prompts alone, as Teams shows them on request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.domain.model import Role
from bot.domain.rules import Rules
from bot.messages import Language, Message, language_of, text

ROWS = 15  # lines per section; the queries fetch one more, to know there are more


@dataclass(frozen=True)
class Section:
    """A heading and its lines (already in the person's language); `more`: rows left out."""

    heading: str
    lines: list[str] = field(default_factory=list)
    more: bool = False


@dataclass(frozen=True)
class Home:
    heading: str
    updated: str
    notice: str | None
    sections: list[Section]
    language: Language


def home_for(data: Data, rules: Rules, person: Actor | None, *, now: datetime) -> Home:
    """One person's home; an unknown person reads how to get registered."""
    if person is None:
        language = language_of(None)
        return Home(
            heading="terugkoppel",
            updated=text("home.updated", language, at=rules.moment_text(now)),
            notice=text("home.unknown", language),
            sections=[],
            language=language,
        )
    language = person.language
    with data.uow() as uow:
        absence = uow.directory.absence_on(person=person.id, day=rules.today(now))
        notice = (
            text("home.absent", language, until=rules.day_text(absence.ends_on))
            if absence
            else None
        )
        prompts = uow.home.open_prompts(person=person.id, limit=ROWS + 1)
        overdue = uow.home.overdue(now=now, assignee=person.id, limit=ROWS + 1)
        sections = [
            _section(
                text("home.prompts", language),
                [
                    text(
                        "home.prompt_line",
                        language,
                        case_ref=p.case_ref,
                        organisation=p.organisation,
                        state=text(f"home.state.{p.state}", language),
                        since=rules.day_text(p.since),
                        lead=p.lead or text("lead.none", language),
                    )
                    for p in prompts
                ],
            ),
            _section(
                text("home.leads", language),
                uow.home.led_by(person=person.id, limit=ROWS + 1),
            ),
            _section(
                text("home.overdue", language),
                [
                    text(
                        "home.overdue_line",
                        language,
                        case_ref=o.case_ref,
                        organisation=o.organisation,
                        due=rules.day_text(o.due),
                    )
                    for o in overdue
                ],
            ),
            _section(
                text("home.contacts", language),
                [
                    text(
                        "home.contact_line",
                        language,
                        partner=c.partner,
                        team=c.team,
                        role=text(
                            "home.role_primary" if c.primary else "home.role_backup", language
                        ),
                    )
                    for c in uow.home.contact_roles(person=person.id)
                ],
            ),
        ]
        team = uow.directory.team(id=person.team or "")
        if team is not None and person.has_role(Role.COORDINATOR):
            late = uow.home.overdue(now=now, team=team.id, limit=ROWS + 1)
            sections.append(
                _section(
                    text("home.team_overdue", language, team=team.name),
                    [
                        text(
                            "home.team_overdue_line",
                            language,
                            case_ref=o.case_ref,
                            organisation=o.organisation,
                            name=o.assignee or text("slack.nobody", language),
                            due=rules.day_text(o.due),
                        )
                        for o in late
                    ],
                )
            )
            escalations = uow.home.open_escalations(team=team.id, limit=ROWS + 1)
            sections.append(
                _section(
                    text("home.escalations", language, team=team.name),
                    [
                        text(
                            "home.escalation_line",
                            language,
                            kind=text(f"home.escalation.{e.kind}", language),
                            case_ref=e.case_ref or e.partner or "—",
                            since=rules.day_text(e.since),
                        )
                        for e in escalations
                    ],
                )
            )
    return Home(
        heading=text("home.heading", language, name=person.name),
        updated=text("home.updated", language, at=rules.moment_text(now)),
        notice=notice,
        sections=sections,
        language=language,
    )


def _section(heading: str, lines: list[str]) -> Section:
    """At most ROWS lines (the queries fetch one more, to know there are more)."""
    if len(lines) > ROWS:
        return Section(heading, lines[:ROWS], more=True)
    return Section(heading, lines)


def open_prompts(data: Data, rules: Rules, person: Actor, *, limit: int = ROWS) -> Message:
    """The person's open prompts, one line each (Teams: "mijn open vragen")."""
    language = person.language
    with data.uow() as uow:
        rows = uow.home.open_prompts(person=person.id, limit=limit)
    if not rows:
        return Message("teams.open_none", language=language)
    lines = [text("home.prompts", language)] + [
        text(
            "home.prompt_line",
            language,
            case_ref=row.case_ref,
            organisation=row.organisation,
            state=text(f"home.state.{row.state}", language),
            since=rules.day_text(row.since),
            lead=row.lead or text("lead.none", language),
        )
        for row in rows
    ]
    return Message("slack.lines", {"lines": "\n".join(lines)}, language=language)
