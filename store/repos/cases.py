"""Repositories of cases, referrals, prompts (with the tick's batch reads and writes of the
ladder), handovers and escalations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Update,
    any_,
    bindparam,
    column,
    func,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col, select

from store.repos.base import Repository
from store.rows import LADDER_COLUMNS, REFERRAL_FACT_COLUMNS, DuePrompt, ReferralFacts
from store.schema.cases import (
    Case,
    CaseCounter,
    Escalation,
    Handover,
    Prompt,
    Referral,
    StatusUpdate,
)
from store.schema.directory import Person
from store.tenancy import session_tenant, tenant_filter


class CaseRepository(Repository):
    def get(self, *, id: int) -> Case | None:
        return self.session.get(Case, id)

    def by_ref(self, *, ref: str) -> Case | None:
        return self.session.exec(select(Case).where(Case.ref == ref)).first()

    def next_number(self, *, prefix: str) -> int:
        """The next case number of `prefix` (e.g. `JT-NRD-2026`): one upsert that raises the
        counter and returns it, in the caller's transaction. A concurrent intake of the same
        prefix waits for this transaction's row lock, so no two get the same number and none
        is lost (a rolled-back intake gives its number back). Needs PostgreSQL or SQLite
        3.35 or newer (RETURNING)."""
        table = CaseCounter.__table__  # type: ignore[attr-defined]
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = (
            insert(table)
            .values(tenant_id=session_tenant(self.session), prefix=prefix, last=1)
            .on_conflict_do_update(
                index_elements=["tenant_id", "prefix"], set_={"last": table.c.last + 1}
            )
            .returning(table.c.last)
        )
        return int(self.session.execute(stmt).scalar_one())

    def add(self, case: Case) -> Case:
        self.session.add(case)
        self.session.flush()
        return case


class ReferralRepository(Repository):
    def get(self, *, id: int, lock: bool = False) -> Referral | None:
        return self.session.get(Referral, id, with_for_update=lock)

    def add(self, referral: Referral) -> Referral:
        self.session.add(referral)
        self.session.flush()
        return referral

    def by_public_id(self, *, public_id: str) -> Referral | None:
        return self.session.exec(select(Referral).where(Referral.public_id == public_id)).first()

    def by_external_ref(self, *, referrer: str, external_ref: str) -> Referral | None:
        stmt = select(Referral).where(
            Referral.referrer_id == referrer, Referral.external_ref == external_ref
        )
        return self.session.exec(stmt).first()

    def by_external_ref_for(
        self, *, external_ref: str, organisation: str | None, submitted_by: str
    ) -> Sequence[Referral]:
        """The referrals with this external reference that an API key may read: those of
        its organisation's referrers, or (a key bound to none) those it submitted."""
        stmt = select(Referral).where(Referral.external_ref == external_ref)
        if organisation is not None:
            stmt = stmt.join(Person, col(Person.id) == col(Referral.referrer_id)).where(
                Person.organisation_id == organisation
            )
        else:
            stmt = stmt.where(Referral.submitted_by == submitted_by)
        return self.session.exec(stmt.order_by(col(Referral.id))).all()

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
            .where(tenant_filter(referrals, self.session))
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


class PromptRepository(Repository):
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
            table.c.closed_at.is_(None),
            table.c.next_action_at <= now,
            tenant_filter(table, self.session),
        )
        if skip:
            stmt = stmt.where(~_one_of(table.c.id, skip, self.session))
        stmt = stmt.order_by(table.c.next_action_at).limit(limit).with_for_update(skip_locked=True)
        return [DuePrompt(*row) for row in self.session.connection().execute(stmt)]

    def row(self, *, id: int) -> DuePrompt | None:
        """One prompt as the ladder works on it, locked (waits for another worker's lock)."""
        table = _PROMPTS
        stmt = select(*(table.c[name] for name in _DUE_PROMPT_COLUMNS)).where(
            table.c.id == id, tenant_filter(table, self.session)
        )
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


class HandoverRepository(Repository):
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


class EscalationRepository(Repository):
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
