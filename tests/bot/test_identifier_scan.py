"""The identifier scan over the demo and over a generated run of 200 cases: no identifier
of a youth in any outbound message, and one audit row per disclosure."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.main.demo import Simulation, _run
from tests.identifier_scan import generated_run, scan, scan_rules
from tests.world import World, make_world


def test_no_identifier_in_any_message_of_a_generated_run(engine: Engine, rules: Rules) -> None:
    world = make_world(engine, scan_rules(rules))
    secrets = generated_run(world, cases=200)
    result = scan(engine, secrets=secrets, cases=200)
    assert result.messages_scanned > 600
    assert result.hits == []
    assert result.notes_refused > 20  # the guard was put to work, and held
    assert result.disclosures == result.audit_rows > 200


def test_the_scan_finds_what_it_looks_for(engine: Engine, rules: Rules) -> None:
    """The scan itself can fail: a message carrying a youth's name or a BSN is a hit."""
    world: World = make_world(engine, rules)
    from store.schema.delivery import OutboxMessage
    from tests.world import local

    with world.uow() as uow:
        uow.session.add(
            OutboxMessage(
                key="leak:1",
                conversation="person:dr-bakker",
                person_id="dr-bakker",
                message_key="referrer.status_with_note",
                params={
                    "case_ref": "X",
                    "external_ref": "Y",
                    "status": "s",
                    "contact": "Anna de Vries",
                    "team": "T",
                    "note": "Noor de Jong, bsn 111 222 333",
                },
                created_at=local(2026, 4, 22),
                not_before=local(2026, 4, 22),
            )
        )
        uow.commit()
    result = scan(engine, secrets=["Noor de Jong", "2014-03"], cases=0)
    assert [found for _, _, found in result.hits] == [["bsn", "name"]]


def test_no_identifier_in_any_message_of_the_demo(tmp_path: Path) -> None:
    transcript = io.StringIO()
    sim = Simulation(Console(file=transcript, width=400), tmp_path, "nl")
    _run(sim, days=15)
    result = scan(sim.engine, secrets=[], cases=0)
    sim.engine.dispose()
    assert result.messages_scanned > 50
    assert result.hits == []
    # every disclosure audited: each one the outbox sent, and each status a referrer asked
    # for in chat (answered as a reply, not through the outbox)
    asked = transcript.getvalue().count("typt '/verwijzing status")
    assert asked >= 1
    assert result.audit_rows == result.disclosures + asked
    assert result.disclosures > 0
