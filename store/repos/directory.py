"""The directory's repository: organisations, teams, people, contact assignments, absences
and the piket rota."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from sqlalchemy import (
    func,
)
from sqlmodel import Session, col, select

from store.repos.base import Repository
from store.schema.directory import (
    Absence,
    ContactAssignment,
    GuideEntry,
    OnCall,
    Organisation,
    Person,
    Team,
)
from store.tenancy import ALL_TENANTS, session_tenant


class DirectoryRepository(Repository):
    """Organisations, teams, people, contact assignments, absences and the piket rota."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._warm_day: date | None = None
        self._by_id: dict[tuple[type, str], object] = {}
        self._absent: dict[str, Absence] = {}
        self._members: dict[tuple[str, str], list[Person]] = {}
        self._pairs: dict[tuple[str, str], ContactAssignment] = {}
        self._held: list[object] = []  # the identity map holds rows only weakly

    def warm(self, *, day: date) -> None:
        """Loads the whole directory and the day's absences into this unit of work, for a
        batch that reads them per row (the tick); the directory is small, the batch is not.
        Only for read-only use of the directory: later changes in the same unit are not seen."""
        people = self.session.exec(select(Person).order_by(col(Person.id))).all()
        organisations = self.session.exec(select(Organisation)).all()
        teams = self.session.exec(select(Team)).all()
        self._held = [*people, *organisations, *teams]
        # Plain dicts: a batch asks for the same few rows thousands of times, and the
        # session's identity-map lookup costs far more than a dict's.
        self._by_id = {
            **{(Person, row.id): row for row in people},
            **{(Organisation, row.id): row for row in organisations},
            **{(Team, row.id): row for row in teams},
        }
        self._pairs = {
            (pair.team_id, pair.partner_id): pair
            for pair in self.session.exec(select(ContactAssignment)).all()
        }
        self._members = {}
        for person in people:
            if person.active and person.team_id:
                for role in person.roles.split():
                    self._members.setdefault((person.team_id, role), []).append(person)
        stmt = select(Absence).where(Absence.starts_on <= day, Absence.ends_on >= day)
        self._absent = {}
        for absence in self.session.exec(stmt.order_by(col(Absence.ends_on))).all():
            self._absent[absence.person_id] = absence
        self._warm_day = day

    def organisation(self, *, id: str) -> Organisation | None:
        if self._warm_day is not None:
            return cast(Organisation | None, self._by_id.get((Organisation, id)))
        return self.session.get(Organisation, id)

    def team(self, *, id: str) -> Team | None:
        if self._warm_day is not None:
            return cast(Team | None, self._by_id.get((Team, id)))
        return self.session.get(Team, id)

    def person(self, *, id: str) -> Person | None:
        if self._warm_day is not None:
            return cast(Person | None, self._by_id.get((Person, id)))
        return self.session.get(Person, id)

    def people_by_ids(self, *, ids: set[str]) -> Sequence[Person]:
        if not ids:
            return []
        return self.session.exec(select(Person).where(col(Person.id).in_(ids))).all()

    def person_by_chat(self, *, platform: str, chat_id: str) -> Person | None:
        column = Person.slack_id if platform == "slack" else Person.teams_id
        return self.session.exec(select(Person).where(column == chat_id)).first()

    def person_by_email(self, *, email: str) -> Person | None:
        stmt = select(Person).where(func.lower(Person.email) == email.lower())
        return self.session.exec(stmt).first()

    def ids_elsewhere(self, *, ids: set[str]) -> list[str]:
        """Which of `ids` another tenant uses already for an organisation, team or person
        (ids are keys across the installation). PostgreSQL's policies hide other tenants'
        rows from the application: there the insert's key conflict says it instead."""
        if not ids:
            return []
        found: set[str] = set()
        tenant = session_tenant(self.session)
        for table in (Organisation, Team, Person):
            stmt = (
                select(table.id)
                .where(col(table.id).in_(ids), table.tenant_id != tenant)
                .execution_options(**{ALL_TENANTS: True})
            )
            found.update(self.session.exec(stmt).all())
        return sorted(found)

    def organisations(self) -> Sequence[Organisation]:
        return self.session.exec(select(Organisation)).all()

    def teams(self) -> Sequence[Team]:
        return self.session.exec(select(Team).order_by(col(Team.id))).all()

    def people(self) -> Sequence[Person]:
        return self.session.exec(select(Person)).all()

    def members(self, *, team: str, role: str) -> list[Person]:
        if self._warm_day is not None:
            return list(self._members.get((team, role), []))
        stmt = select(Person).where(Person.team_id == team, Person.active == True)  # noqa: E712
        return [
            p for p in self.session.exec(stmt.order_by(col(Person.id))).all() if p.has_role(role)
        ]

    def referrers_of(self, *, organisation: str) -> list[Person]:
        stmt = select(Person).where(
            Person.organisation_id == organisation,
            Person.active == True,  # noqa: E712
        )
        return [
            p
            for p in self.session.exec(stmt.order_by(col(Person.id))).all()
            if p.has_role("referrer")
        ]

    def guide(self, *, id: str) -> GuideEntry | None:
        """ "Wie voor wat" for a team or organisation id."""
        return self.session.get(GuideEntry, id)

    def guide_entries(self) -> Sequence[GuideEntry]:
        return self.session.exec(select(GuideEntry).order_by(col(GuideEntry.id))).all()

    def contact_assignments(self, *, team: str | None = None) -> Sequence[ContactAssignment]:
        stmt = select(ContactAssignment).order_by(col(ContactAssignment.id))
        if team is not None:
            stmt = stmt.where(ContactAssignment.team_id == team)
        return self.session.exec(stmt).all()

    def contact_for(self, *, team: str, partner: str) -> ContactAssignment | None:
        if self._warm_day is not None:
            return self._pairs.get((team, partner))
        stmt = select(ContactAssignment).where(
            ContactAssignment.team_id == team, ContactAssignment.partner_id == partner
        )
        return self.session.exec(stmt).first()

    def contacts_for_partner(self, *, partner: str) -> Sequence[ContactAssignment]:
        stmt = select(ContactAssignment).where(ContactAssignment.partner_id == partner)
        return self.session.exec(stmt).all()

    def absence_on(self, *, person: str, day: date) -> Absence | None:
        if day == self._warm_day:
            return self._absent.get(person)
        stmt = select(Absence).where(
            Absence.person_id == person, Absence.starts_on <= day, Absence.ends_on >= day
        )
        return self.session.exec(stmt.order_by(col(Absence.ends_on).desc())).first()

    def on_call(self, *, team: str, day: date) -> OnCall | None:
        stmt = select(OnCall).where(
            OnCall.team_id == team, OnCall.starts_on <= day, OnCall.ends_on >= day
        )
        return self.session.exec(stmt).first()

    def next_on_call(self, *, team: str, day: date, other_than: str) -> Person | None:
        """The person of the team's next piket shift (today's or later) who is not
        `other_than`: the next in the rota."""
        stmt = (
            select(Person)
            .join(OnCall, col(OnCall.person_id) == col(Person.id))
            .where(
                OnCall.team_id == team,
                OnCall.ends_on >= day,
                col(OnCall.person_id) != other_than,
                Person.active == True,  # noqa: E712
            )
            .order_by(col(OnCall.starts_on), col(OnCall.id))
        )
        return self.session.exec(stmt).first()

    def add(self, row: object) -> None:
        self.session.add(row)

    def delete(self, row: object) -> None:
        self.session.delete(row)

    def flush(self) -> None:
        self.session.flush()
