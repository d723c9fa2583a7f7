"""The audit trail cannot lose a row or be forged unnoticed: a refusal keeps every kind of
finding, the store stamps the time, and a hash chain over the rows names the first row that
was changed, deleted or slipped in (`terugkoppel audit verify`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.app import notify
from bot.app.audit_check import verify_chain
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.retention import purge
from bot.domain import privacy_guard
from bot.domain.errors import NoteRefused
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from store.audit_chain import GENESIS, Break, row_hash
from store.schema.audit import AuditEntry
from store.uow import UnitOfWork
from tests.audit_rows import backdated, insert_row, last_hash, superuser, tamper
from tests.world import local, make_world

TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")
EVERY_KIND = ("bsn", "phone", "email", "postcode", "address", "date", "name", "iban", "other")


def write(engine: Engine, count: int, *, case_ref: str = "JT-1") -> None:
    for n in range(count):
        with UnitOfWork(engine) as uow:
            notify.audit(
                uow,
                event="disclosed",
                now=datetime.now(UTC),
                actor="terugkoppel",
                case_ref=case_ref,
                recipient=f"person-{n}",
                basis="consent:status",
            )
            uow.commit()


def ids(engine: Engine) -> list[int]:
    with UnitOfWork(engine) as uow:
        return [row.id or 0 for row in uow.audit.all()]


def test_a_refusal_naming_every_kind_keeps_them_all(engine: Engine) -> None:
    what = "note:" + "+".join(EVERY_KIND)
    with UnitOfWork(engine) as uow:
        notify.refuse(uow, now=datetime.now(UTC), actor="anna", case_ref="JT-1", what=what)
    with UnitOfWork(engine) as uow:
        [row] = uow.audit.all()
    assert row.basis == what


def test_a_note_with_four_kinds_of_personal_data_is_refused_and_audited_in_full(
    engine: Engine, rules: Rules
) -> None:
    """Before issue 19 the refusal's row (basis VARCHAR(40)) was refused by PostgreSQL."""
    world = make_world(engine, rules)
    referral = submit_referral(
        world.uow(),
        rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-9",
        consent=Consent.NOTES,
        now=local(2026, 4, 22, 9),
    ).id
    assert referral is not None
    take_referral(world.uow(), rules, referral_id=referral, by="anna", now=local(2026, 4, 22, 10))
    with world.uow() as uow:
        prompt = uow.prompts.open_for(referral=referral, kind="feedback")[-1].id or 0
    note = "BSN 111222333, bel 06-12345678 of jan@voorbeeld.nl, woont 1234 AB, sinds 12-03-2014"
    found = privacy_guard.kinds(privacy_guard.check(note))
    assert len(found) >= 4
    with pytest.raises(NoteRefused):
        answer_prompt(
            world.uow(),
            rules,
            prompt_id=prompt,
            answer=Answer.CONTACT_MADE,
            by="anna",
            now=local(2026, 4, 23),
            note=note,
        )
    with UnitOfWork(engine) as uow:
        refused = [row.basis for row in uow.audit.all() if row.event == "refused"]
    assert refused == ["note:" + "+".join(found)]
    assert verify_chain(UnitOfWork(engine)).broken is None


def test_the_store_chains_every_row_and_verify_finds_it_intact(engine: Engine) -> None:
    assert verify_chain(UnitOfWork(engine)).rows == 0
    write(engine, 5)
    with UnitOfWork(engine) as uow:
        rows = list(uow.audit.all())
    previous = GENESIS
    for row in rows:  # the trigger (PostgreSQL) and the repository (SQLite) agree with Python
        assert row.prev_hash == previous
        assert row.hash == row_hash(row, previous)
        previous = row.hash
    verdict = verify_chain(UnitOfWork(engine))
    assert (verdict.rows, verdict.head, verdict.broken) == (5, previous, None)


def test_a_caller_cannot_date_a_row_nor_choose_its_link(engine: Engine) -> None:
    write(engine, 1)
    long_ago = datetime(2001, 1, 1, tzinfo=UTC)
    with UnitOfWork(engine) as uow:
        uow.audit.add(
            AuditEntry(at=long_ago, event="disclosed", actor="x", prev_hash="f" * 64, hash="f" * 64)
        )
        uow.commit()
    with UnitOfWork(engine) as uow:
        last = uow.audit.all()[-1]
    assert last.at is not None and last.at > datetime.now(UTC) - timedelta(minutes=5)
    assert verify_chain(UnitOfWork(engine)).broken is None


def test_a_changed_row_is_named(engine: Engine) -> None:
    write(engine, 4)
    second = ids(engine)[1]
    tamper(engine, "UPDATE audit SET recipient = 'someone-else' WHERE id = :id", id=second)
    assert verify_chain(UnitOfWork(engine)).broken == Break(second, "content")


def test_a_deleted_row_in_the_middle_is_named_by_the_row_after_it(engine: Engine) -> None:
    write(engine, 4)
    _, second, third, _ = ids(engine)
    tamper(engine, "DELETE FROM audit WHERE id = :id", id=second)
    assert verify_chain(UnitOfWork(engine)).broken == Break(third, "link")


def test_a_forged_row_is_named(engine: Engine) -> None:
    write(engine, 3)
    with superuser(engine) as connection:  # chained to an older row: a fork
        with UnitOfWork(engine) as uow:
            first_hash = uow.audit.all()[0].hash or ""
        forged = insert_row(connection, at=datetime.now(UTC), prev_hash=first_hash)
    assert verify_chain(UnitOfWork(engine)).broken == Break(forged, "link")


def test_a_row_with_a_made_up_hash_is_named(engine: Engine) -> None:
    write(engine, 2)
    with superuser(engine) as connection:
        forged = insert_row(
            connection, at=datetime.now(UTC), prev_hash=last_hash(connection), hash_="a" * 64
        )
    assert verify_chain(UnitOfWork(engine)).broken == Break(forged, "content")


def test_a_backdated_insert_by_plain_sql_is_stamped_or_caught(engine: Engine) -> None:
    """PostgreSQL: the trigger stamps the server's time and chains the row, whatever the
    INSERT says. SQLite has no such trigger: the row without a link is caught."""
    write(engine, 2)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit (at, event, actor, prev_hash, hash) "
                "VALUES (:at, 'disclosed', 'forger', :h, :h)"
            ),
            {"at": datetime(2001, 1, 1, tzinfo=UTC), "h": "b" * 64},
        )
    with UnitOfWork(engine) as uow:
        last = uow.audit.all()[-1]
    verdict = verify_chain(UnitOfWork(engine))
    if engine.dialect.name == "postgresql":
        assert last.at is not None and last.at > datetime.now(UTC) - timedelta(minutes=5)
        assert verdict.broken is None and verdict.rows == 3
    else:
        assert verdict.broken == Break(last.id or 0, "link")


def test_retention_anchors_the_chain_and_a_gap_at_the_start_is_still_caught(
    engine: Engine,
) -> None:
    now = datetime.now(UTC)
    for days in (5 * 365 + 30, 5 * 365 + 20):
        backdated(engine, at=now - timedelta(days=days))
    write(engine, 3)
    assert verify_chain(UnitOfWork(engine)).broken is None
    assert purge(UnitOfWork(engine), now=now, retention_days=730).audit == 2
    remaining = ids(engine)
    assert len(remaining) == 3
    verdict = verify_chain(UnitOfWork(engine))
    assert (verdict.rows, verdict.broken) == (3, None)
    write(engine, 1)  # chains on as before
    assert verify_chain(UnitOfWork(engine)).broken is None
    # Someone removes the oldest row that retention kept: the new first row does not start
    # where retention left the chain.
    tamper(engine, "DELETE FROM audit WHERE id = :id", id=remaining[0])
    assert verify_chain(UnitOfWork(engine)).broken == Break(remaining[1], "link")


def test_retention_of_every_row_lets_the_next_row_chain_to_the_anchor(engine: Engine) -> None:
    now = datetime.now(UTC)
    backdated(engine, at=now - timedelta(days=5 * 365 + 30))
    assert purge(UnitOfWork(engine), now=now, retention_days=730).audit == 1
    assert verify_chain(UnitOfWork(engine)).rows == 0
    write(engine, 2)
    verdict = verify_chain(UnitOfWork(engine))
    assert (verdict.rows, verdict.broken) == (2, None)


def test_writers_in_parallel_keep_the_chain_a_line(engine: Engine) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            write(engine, 8, case_ref=f"JT-{n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verdict = verify_chain(UnitOfWork(engine))
    assert (verdict.rows, verdict.broken) == (32, None)


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    env["TERUGKOPPEL_DATABASE_URL"] = url
    return subprocess.run(
        [TERUGKOPPEL, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_audit_verify_says_intact_or_names_the_broken_row(engine: Engine, db_url: str) -> None:
    write(engine, 3)
    result = cli(db_url, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "Auditketen intact, 3 rijen" in result.stdout
    broken = ids(engine)[1]
    tamper(engine, "UPDATE audit SET actor = 'iemand' WHERE id = :id", id=broken)
    result = cli(db_url, "audit", "verify")
    assert result.returncode == 1
    assert f"Auditketen verbroken bij rij {broken}" in result.stderr
    assert "Traceback" not in result.stderr
