"""The digest in Teams: the trend chart inline in the Adaptive Card (a data URI), sent by
the real dispatcher over real HTTP to the fake Bot Connector."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from bot.messages import Message
from bot.ports import SendsAttachments
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.adapters.test_teams_inbound import DEWI_CHAT
from tests.world import local, make_world

SPEC = {
    "title": "Sociaal team Zuid: laatste 12 weken",
    "weeks": [f"W{n:02d}" for n in range(7, 19)],
    "new": [0, 3, 5, 8, None, 7, 9, 4, 6, 11, 2, 1],
    "new_labels": ["0", "3", "5", "8", "<5", "7", "9", "4", "6", "11", "2", "1"],
    "within": [None, 66.7, 80.0, 75.0, None, 71.4, 88.9, 75.0, 83.3, 90.9, 50.0, 100.0],
    "new_axis": "Nieuwe verwijzingen",
    "within_axis": "Binnen norm (5 werkdagen), %",
    "note": "",
    "alt": "Grafiek: nieuwe verwijzingen per week",
}


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def test_a_coordinator_in_teams_gets_the_digest_with_its_chart_in_one_card(
    served: Served, engine: Engine
) -> None:
    assert isinstance(
        teams_adapter(teams_config(served.container.settings), Data(engine)), SendsAttachments
    )
    # Dewi installed the app: her personal chat is known from here on.
    assert served.post(served.activity("installation_update_personal")).status_code == 200
    before = len(served.fakes.connector.posted(DEWI_CHAT))
    body = "Weekoverzicht Sociaal team Zuid — week 2026-W18\nNieuwe verwijzingen: 1"
    now = local(2026, 5, 4, 9)
    with UnitOfWork(engine) as uow:
        uow.outbox.enqueue(
            key="digest:st-zuid:2026-W18:dewi",
            conversation="person:dewi",
            person_id="dewi",
            message_key="digest.message",
            params=Message("digest.message", {"body": body, "chart": SPEC}).params,
            created_at=now,
            not_before=now,
        )
        uow.commit()

    assert served.dispatch(now).sent == 1
    [activity] = served.fakes.connector.posted(DEWI_CHAT)[before:]
    image, *texts = activity.card["body"]
    assert image["type"] == "Image" and image["altText"] == SPEC["alt"]
    prefix = "data:image/png;base64,"
    assert image["url"].startswith(prefix)
    assert base64.b64decode(image["url"][len(prefix) :]).startswith(b"\x89PNG\r\n\x1a\n")
    assert [t["text"] for t in texts] == body.split("\n")
