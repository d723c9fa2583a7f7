"""The audit table is append-only (database triggers); retention purges closed cases with
everything hanging off them and audit rows older than five years; a person's data export."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.app.retention import audit_cutoff, purge
from bot.domain.model import Consent, ReferralStatus
from bot.domain.rules import Rules
from reminders.jobs.daily import run_daily_retention
from store.schema.audit import AuditEntry
from store.schema.cases import Case, Prompt, Referral, StatusUpdate
from store.schema.delivery import OutboxMessage
from store.schema.idempotency import LinkUse
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork
from tests.audit_rows import backdated
from tests.bot.consent_paths import drive
from tests.world import local, make_world

NOW = datetime.now(UTC)


def add_audit(engine: Engine, *, at: datetime, case_ref: str = "JT-OLD-0001") -> None:
    """A row dated `at`: the application cannot date a row (the store's clock does), so the
    test writes it as a superuser would (tests/audit_rows.py)."""
    backdated(engine, at=at, case_ref=case_ref)


def count(engine: Engine, table: type) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.execute(select(func.count()).select_from(table)).scalar_one())


def test_audit_rows_cannot_be_changed_or_deleted_while_young(engine: Engine) -> None:
    add_audit(engine, at=NOW - timedelta(days=30))
    for statement in (
        "UPDATE audit SET actor = 'someone else'",
        "DELETE FROM audit",
        *(["TRUNCATE audit"] if engine.dialect.name == "postgresql" else []),
    ):
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
            connection.commit()
    with UnitOfWork(engine) as uow:
        [row] = uow.audit.all()
    assert row.actor == "terugkoppel"


def test_audit_rows_older_than_five_years_may_go_and_only_those(engine: Engine) -> None:
    add_audit(engine, at=NOW - timedelta(days=5 * 365 + 10))
    add_audit(engine, at=NOW - timedelta(days=5 * 365 - 10))
    with UnitOfWork(engine) as uow:
        assert purge(uow, now=NOW, retention_days=730, dry_run=True).audit == 1
    assert purge(UnitOfWork(engine), now=NOW, retention_days=730).audit == 1
    assert count(engine, AuditEntry) == 1
    # Even asking the database to delete the younger row directly is refused.
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(text("DELETE FROM audit"))
        connection.commit()
    assert audit_cutoff(datetime(2028, 2, 29, tzinfo=UTC)) == datetime(2023, 2, 27, tzinfo=UTC)


def test_closed_cases_are_purged_after_the_retention_with_what_hangs_off_them(
    engine: Engine, rules: Rules
) -> None:
    world = make_world(engine, rules)
    closed, at = drive(
        world, referrer="dr-bakker", consent=Consent.STATUS, status=ReferralStatus.CLOSED, ref="A"
    )
    still_open, _ = drive(
        world,
        referrer="dr-bakker",
        consent=Consent.STATUS,
        status=ReferralStatus.HELP_STARTED,
        ref="B",
    )
    asyncio.run(world.dispatcher.run(now=at))
    with UnitOfWork(engine) as uow:  # closing asked the referrer; they answered 8
        [asked] = uow.session.execute(select(SatisfactionScore)).scalars().all()
        assert asked.referral_id == closed and asked.score is None
        asked.score, asked.answered_at = 8, at
        uow.commit()
    audit_before = count(engine, AuditEntry)
    day_before = at + timedelta(days=729)
    assert purge(UnitOfWork(engine), now=day_before, retention_days=730).cases == 0
    report = purge(UnitOfWork(engine), now=at + timedelta(days=731), retention_days=730)
    assert report.cases == 1
    assert report.rows["referrals"] == 1 and report.rows["satisfaction"] == 1
    with UnitOfWork(engine) as uow:
        assert uow.referrals.get(id=closed) is None
        assert uow.referrals.get(id=still_open) is not None
        [score] = uow.session.execute(select(SatisfactionScore)).scalars().all()
        for table in (Prompt, StatusUpdate, OutboxMessage):
            column = table.referral_id  # type: ignore[attr-defined]
            left = uow.session.execute(select(func.count()).where(column == closed)).scalar_one()
            assert left == 0, table
    # The score stays for the digest's trend, without the referral.
    assert (score.referral_id, score.score, score.team_id) == (None, 8, "jt-noord")
    assert count(engine, Case) == 1 and count(engine, Referral) == 1
    assert count(engine, AuditEntry) == audit_before  # the audit trail stays five years


def test_the_daily_job_runs_once_a_day(engine: Engine, rules: Rules) -> None:
    world = make_world(engine, rules)
    drive(
        world, referrer="dr-bakker", consent=Consent.NONE, status=ReferralStatus.DECLINED, ref="D"
    )
    later = local(2028, 5, 1, 3)
    assert run_daily_retention(engine, rules, now=later) == 1
    assert run_daily_retention(engine, rules, now=later + timedelta(hours=1)) == 0
    with UnitOfWork(engine) as uow:
        assert uow.jobs.has_run(name="retention", period="2028-05-01")


def test_person_export_has_every_row_about_the_person(engine: Engine, rules: Rules) -> None:
    world = make_world(engine, rules)
    drive(
        world,
        referrer="dr-bakker",
        consent=Consent.STATUS,
        status=ReferralStatus.CONTACT_MADE,
        ref="E",
    )
    asyncio.run(world.dispatcher.run(now=local(2026, 4, 23, 12)))
    with UnitOfWork(engine) as uow:
        found = uow.privacy.about_person(person_id="dr-bakker")
        anna = uow.privacy.about_person(person_id="anna")
    assert found["people"][0]["email"] == "bakker@hap-noord.example"
    assert [r["referrer_id"] for r in found["referrals"]] == ["dr-bakker"]
    assert {r["message_key"] for r in found["outbox"]} == {
        "referrer.receipt_with_contact",
        "referrer.status",
    }
    assert {r["recipient"] for r in found["audit"]} == {"dr-bakker"}
    assert "contact_assignments" in anna and "prompts" in anna
    assert "referrals" in anna  # as assignee


def test_records_of_used_links_go_once_no_link_can_be_that_old(engine: Engine) -> None:
    now = datetime(2026, 6, 1, 8, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        uow.session.add(
            LinkUse(nonce="a" * 24, kind="satisfaction", used_at=now - timedelta(days=92))
        )
        uow.session.add(
            LinkUse(nonce="b" * 24, kind="satisfaction", used_at=now - timedelta(days=89))
        )
        uow.commit()
    report = purge(UnitOfWork(engine), now=now, retention_days=730)
    assert report.rows == {"link_uses": 1}
    with UnitOfWork(engine) as uow:
        assert [row.nonce for row in uow.session.execute(select(LinkUse)).scalars()] == ["b" * 24]
