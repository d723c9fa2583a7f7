"""The App Home tab of one person: open prompts, overdue referrals, contact assignments,
and for coordinators their team's overdue list and open escalations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from adapters.slack.views import HOME_ROWS, HomeSection, home_view
from bot.domain.model import Role
from bot.domain.rules import Rules
from bot.messages import language_of, text
from store.schema.directory import Person
from store.uow import UnitOfWork


def home_for(
    engine: Engine, rules: Rules, person: Person | None, *, now: datetime
) -> dict[str, Any]:
    """The view to publish; an unknown person sees how to get registered."""
    if person is None:
        language = language_of(None)
        return home_view(
            heading="terugkoppel",
            updated=text("home.updated", language, at=rules.moment_text(now)),
            notice=text("home.unknown", language),
            sections=[],
            language=language,
        )
    language = language_of(person.language)
    with UnitOfWork(engine) as uow:
        absence = uow.directory.absence_on(person=person.id, day=rules.today(now))
        notice = (
            text("home.absent", language, until=rules.day_text(absence.ends_on))
            if absence
            else None
        )
        prompts = uow.home.open_prompts(person=person.id, limit=HOME_ROWS + 1)
        overdue = uow.home.overdue(now=now, assignee=person.id, limit=HOME_ROWS + 1)
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
                    )
                    for p in prompts
                ],
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
        team = uow.directory.team(id=person.team_id or "")
        if team is not None and person.has_role(Role.COORDINATOR):
            late = uow.home.overdue(now=now, team=team.id, limit=HOME_ROWS + 1)
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
            escalations = uow.home.open_escalations(team=team.id, limit=HOME_ROWS + 1)
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
    return home_view(
        heading=text("home.heading", language, name=person.name),
        updated=text("home.updated", language, at=rules.moment_text(now)),
        notice=notice,
        sections=sections,
        language=language,
    )


def _section(heading: str, lines: list[str]) -> HomeSection:
    """At most HOME_ROWS lines (the queries fetch one more, to know there are more)."""
    if len(lines) > HOME_ROWS:
        return HomeSection(heading, lines[:HOME_ROWS], more=True)
    return HomeSection(heading, lines)
