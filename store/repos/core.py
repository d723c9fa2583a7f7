"""Repositories: keyword-only queries that return table rows (the only place with SQL)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Update,
    any_,
    bindparam,
    column,
    delete,
    exists,
    func,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from store.rows import LADDER_COLUMNS, REFERRAL_FACT_COLUMNS, DuePrompt, ReferralFacts
from store.schema.audit import AuditEntry
from store.schema.cases import Case, Escalation, Handover, Prompt, Referral, StatusUpdate
from store.schema.directory import Absence, ContactAssignment, OnCall, Organisation, Person, Team
from store.schema.idempotency import InboundKey, JobRun
from store.schema.loop import CheckIn, Consultation, ReferrerRequest


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session


class DirectoryRepository(_Repository):
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

    def add(self, row: object) -> None:
        self.session.add(row)

    def delete(self, row: object) -> None:
        self.session.delete(row)

    def flush(self) -> None:
        self.session.flush()


class CaseRepository(_Repository):
    def get(self, *, id: int) -> Case | None:
        return self.session.get(Case, id)

    def by_ref(self, *, ref: str) -> Case | None:
        return self.session.exec(select(Case).where(Case.ref == ref)).first()

    def count_with_prefix(self, *, prefix: str) -> int:
        stmt = select(func.count()).select_from(Case).where(col(Case.ref).startswith(prefix))
        return int(self.session.exec(stmt).one())

    def add(self, case: Case) -> Case:
        self.session.add(case)
        self.session.flush()
        return case


class ReferralRepository(_Repository):
    def get(self, *, id: int, lock: bool = False) -> Referral | None:
        return self.session.get(Referral, id, with_for_update=lock)

    def add(self, referral: Referral) -> Referral:
        self.session.add(referral)
        self.session.flush()
        return referral

    def by_external_ref(self, *, referrer: str, external_ref: str) -> Referral | None:
        stmt = select(Referral).where(
            Referral.referrer_id == referrer, Referral.external_ref == external_ref
        )
        return self.session.exec(stmt).first()

    def facts(self, *, ids: set[int]) -> dict[int, ReferralFacts]:
        """Referrals with their case references as plain rows, in one query (the tick)."""
        if not ids:
            return {}
        referrals, cases = _REFERRALS, Case.__table__  # type: ignore[attr-defined]
        stmt = (
            select(
                referrals.c.id,
                cases.c.ref,
                *(referrals.c[name] for name in REFERRAL_FACT_COLUMNS),
            )
            .join(cases, cases.c.id == referrals.c.case_id)
            .where(_one_of(referrals.c.id, ids, self.session))
        )
        return {row[0]: ReferralFacts(*row) for row in self.session.connection().execute(stmt)}

    def consents(self, *, ids: set[int]) -> dict[int, str]:
        """Each referral's current consent level, for a batch of outbox rows."""
        if not ids:
            return {}
        stmt = select(Referral.id, Referral.consent).where(
            _one_of(_REFERRALS.c.id, ids, self.session)
        )
        return {id_: consent for id_, consent in self.session.exec(stmt).all() if id_}

    def add_status(self, update: StatusUpdate) -> None:
        self.session.add(update)

    def told_in_progress(self, *, referral: int) -> bool:
        stmt = select(StatusUpdate.id).where(
            StatusUpdate.referral_id == referral, StatusUpdate.told_as == "referrer.in_progress"
        )
        return self.session.exec(stmt).first() is not None

    def status_updates(self, *, referral: int) -> Sequence[StatusUpdate]:
        stmt = select(StatusUpdate).where(StatusUpdate.referral_id == referral)
        return self.session.exec(stmt.order_by(col(StatusUpdate.id))).all()

    def count(self) -> int:
        return int(self.session.exec(select(func.count()).select_from(Referral)).one())


class PromptRepository(_Repository):
    def get(self, *, id: int, lock: bool = False) -> Prompt | None:
        return self.session.get(Prompt, id, with_for_update=lock)

    def add(self, prompt: Prompt) -> Prompt:
        self.session.add(prompt)
        self.session.flush()
        return prompt

    def open_for(self, *, referral: int, kind: str | None = None) -> Sequence[Prompt]:
        stmt = select(Prompt).where(Prompt.referral_id == referral, col(Prompt.closed_at).is_(None))
        if kind is not None:
            stmt = stmt.where(Prompt.kind == kind)
        return self.session.exec(stmt.order_by(col(Prompt.id))).all()

    def due_rows(
        self, *, now: datetime, limit: int, skip: set[int] | None = None
    ) -> list[DuePrompt]:
        """Open prompts whose next step is due, locked for this transaction (other workers
        skip them); uses the partial index ix_prompts_due."""
        table = _PROMPTS
        stmt = select(*(table.c[name] for name in _DUE_PROMPT_COLUMNS)).where(
            table.c.closed_at.is_(None), table.c.next_action_at <= now
        )
        if skip:
            stmt = stmt.where(~_one_of(table.c.id, skip, self.session))
        stmt = stmt.order_by(table.c.next_action_at).limit(limit).with_for_update(skip_locked=True)
        return [DuePrompt(*row) for row in self.session.connection().execute(stmt)]

    def row(self, *, id: int) -> DuePrompt | None:
        """One prompt as the ladder works on it, locked (waits for another worker's lock)."""
        table = _PROMPTS
        stmt = select(*(table.c[name] for name in _DUE_PROMPT_COLUMNS)).where(table.c.id == id)
        found = self.session.connection().execute(stmt.with_for_update()).first()
        return DuePrompt(*found) if found else None

    def save_rows(self, prompts: Sequence[DuePrompt]) -> None:
        """Writes the ladder's columns of `prompts` back: on PostgreSQL one statement over
        arrays (unnest), on SQLite one statement per row."""
        if not prompts:
            return
        connection = self.session.connection()
        if connection.dialect.name == "postgresql":
            columns = {"row_id": [p.id for p in prompts]}
            columns.update({name: [getattr(p, name) for p in prompts] for name in LADDER_COLUMNS})
            connection.execute(_save_ladder(_LADDER_UNNESTED.c.__getitem__), columns)
        else:
            values = [
                {"row_id": p.id, **{name: getattr(p, name) for name in LADDER_COLUMNS}}
                for p in prompts
            ]
            connection.execute(_save_ladder(bindparam), values)


def _one_of(column: ColumnElement[int], ids: set[int], session: Session) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL `= ANY(array)`, one parameter however many ids, so
    the statement's text stays the same (and short enough for the driver's cache)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(cast_(list(ids), ARRAY(Integer())))
    return column.in_(ids)


_PROMPTS = Prompt.__table__  # type: ignore[attr-defined]
_REFERRALS = Referral.__table__  # type: ignore[attr-defined]
_DUE_PROMPT_COLUMNS = tuple(DuePrompt.__dataclass_fields__)
_LADDER_TYPES = (("row_id", Integer()), *((name, _PROMPTS.c[name].type) for name in LADDER_COLUMNS))
# PostgreSQL: the batch as one array per column, unnested into a table.
_LADDER_UNNESTED = (
    func.unnest(*(bindparam(name, type_=ARRAY(type_)) for name, type_ in _LADDER_TYPES))
    .table_valued(*(column(name, type_) for name, type_ in _LADDER_TYPES))
    .render_derived(name="ladder")
)


def _save_ladder(ref: Callable[[str], Any]) -> Update:
    return (
        update(_PROMPTS)
        .where(_PROMPTS.c.id == ref("row_id"))
        .values({name: ref(name) for name in LADDER_COLUMNS})
    )


class HandoverRepository(_Repository):
    def get(self, *, id: int, lock: bool = False) -> Handover | None:
        return self.session.get(Handover, id, with_for_update=lock)

    def add(self, handover: Handover) -> Handover:
        self.session.add(handover)
        self.session.flush()
        return handover

    def open_for(self, *, referral: int) -> Sequence[Handover]:
        stmt = select(Handover).where(
            Handover.referral_id == referral, col(Handover.closed_at).is_(None)
        )
        return self.session.exec(stmt).all()

    def due(self, *, now: datetime, limit: int) -> Sequence[Handover]:
        stmt = (
            select(Handover)
            .where(col(Handover.closed_at).is_(None), col(Handover.next_action_at) <= now)
            .order_by(col(Handover.next_action_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return self.session.exec(stmt).all()


class EscalationRepository(_Repository):
    def add(self, escalation: Escalation) -> None:
        self.session.add(escalation)

    def resolve_for(self, *, referral: int, now: datetime) -> None:
        stmt = select(Escalation).where(
            Escalation.referral_id == referral, col(Escalation.resolved_at).is_(None)
        )
        for escalation in self.session.exec(stmt).all():
            escalation.resolved_at = now

    def count(self) -> int:
        return int(self.session.exec(select(func.count()).select_from(Escalation)).one())


class AuditRepository(_Repository):
    def add(self, entry: AuditEntry) -> None:
        self.session.add(entry)

    def all(self) -> Sequence[AuditEntry]:
        return self.session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()


class InboundRepository(_Repository):
    def first_time(self, *, key: str, now: datetime) -> bool:
        """Records an inbound event id; False when it was seen before (a platform retry)."""
        if self.session.get(InboundKey, key) is not None:
            return False
        try:
            with self.session.begin_nested():
                self.session.add(InboundKey(key=key, received_at=now))
        except IntegrityError:
            return False
        return True

    def forget(self, *, key: str) -> None:
        """Drops a key whose event could not be applied (store down), so a retry may."""
        row = self.session.get(InboundKey, key)
        if row is not None:
            self.session.delete(row)

    def purge(self, *, before: datetime) -> None:
        """Platforms retry within hours; keys older than that only take up room."""
        self.session.execute(delete(InboundKey).where(col(InboundKey.received_at) < before))


class DueKinds(NamedTuple):
    """Which kinds of due work there are; an idle tick learns it from one statement."""

    prompts: bool
    handovers: bool
    requests: bool  # the referrer's own loop: requests to referrers,
    checkins: bool  # check-ins after help started,
    consultations: bool  # and the vaste overleg's reminder

    def __bool__(self) -> bool:
        return any(self)


class DueRepository(_Repository):
    def kinds(self, *, now: datetime) -> DueKinds:
        """An idle tick's only query: each EXISTS reads at most one entry of a partial
        index, whatever the tables' size."""
        probes = (
            exists().where(col(Prompt.closed_at).is_(None), col(Prompt.next_action_at) <= now),
            exists().where(col(Handover.closed_at).is_(None), col(Handover.next_action_at) <= now),
            exists().where(
                col(ReferrerRequest.closed_at).is_(None),
                col(ReferrerRequest.next_action_at) <= now,
            ),
            exists().where(
                col(CheckIn.asked_at).is_(None),
                col(CheckIn.closed_at).is_(None),
                col(CheckIn.due_at) <= now,
            ),
            exists().where(col(Consultation.remind_at) <= now),
        )
        row = self.session.execute(sa_select(*probes)).one()
        return DueKinds(*(bool(found) for found in row))


class JobRepository(_Repository):
    def has_run(self, *, name: str, period: str) -> bool:
        return self.session.get(JobRun, (name, period)) is not None

    def mark_run(self, *, name: str, period: str, now: datetime) -> None:
        """Called in the job's last transaction, under the job's cluster lock."""
        if not self.has_run(name=name, period=period):
            self.session.add(JobRun(name=name, period=period, ran_at=now))
