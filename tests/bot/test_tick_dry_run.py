"""`terugkoppel tick --dry-run` lists what the pass would send and changes nothing: every row
of every table is the same afterwards, on SQLite and PostgreSQL; the real tick then does
change them (so the comparison can fail)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from bot.app.referrals import intake
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.db import make_engine, upgrade
from store.schema import metadata
from tests.bot.test_cli import no_traceback, run
from tests.world import local, make_world

LATER = "2026-05-04T10:00+02:00"  # a Monday: the first terugkoppeling is due by now


def everything(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for table in metadata.sorted_tables
        }


def test_dry_run_lists_what_would_be_sent_and_changes_nothing(tmp_path: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    rules = Rules()
    world = make_world(engine, rules)
    for number in range(2):
        intake.submit_referral(
            world.uow(),
            rules,
            team="jt-noord",
            referrer="dr-bakker",
            external_ref=f"HAP-{number}",
            consent=Consent.STATUS,
            now=local(2026, 4, 20, 10 + number),
        )
    before = everything(engine)
    assert any(before["outbox"]), "the referrals queued their receipts"

    dry = run(["tick", "--dry-run", "--now", LATER], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url)
    assert dry.returncode == 0, dry.stderr
    no_traceback(dry)
    lines = dry.stdout.splitlines()
    assert lines[0] == "Proefronde: er gaat niets weg en er verandert niets."
    assert any(line.startswith("  aan Dr. Bakker") for line in lines), dry.stdout
    listed = [line for line in lines if line.startswith("  aan ")]
    assert lines[-1].startswith(f"Te versturen: {len(listed)}. Acties: ")
    assert lines[-1].endswith("Niets is veranderd.")
    assert everything(engine) == before

    real = run(["tick", "--now", LATER], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url)
    assert real.returncode == 0, real.stderr
    assert everything(engine) != before
    engine.dispose()
