"""Teams presence in "wie" answers (TERUGKOPPEL_GRAPH_PRESENCE): one batched
getPresencesByUserId call to the fake Graph over real HTTP; a refusal (no
Presence.Read.All) or an unreachable Graph leaves presence out, never the answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine

from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from tests.adapters.slack_inbound import eventually
from tests.adapters.slack_inbound import serve as slack_serve
from tests.adapters.teams_env import (
    APP_ID,
    DEWI,
    EMRE,
    FLEUR,
    PASSWORD,
    TENANT,
    Fakes,
    Served,
    fakes,
    serve,
)
from tests.adapters.test_teams_inbound import say
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world

PRESENCE_CALL = "POST /v1.0/communications/getPresencesByUserId"
SOUTH = (
    "Sociaal team Zuid: Dewi Pranoto (vervanger: Emre Yilmaz). Vandaag bereikbaar: Dewi Pranoto."
)


@pytest.fixture
def the_fakes(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Fakes]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as running:
        running.graph.add_user(DEWI, "dewi@st-zuid.example", presence=("Available", "Available"))
        running.graph.add_user(EMRE, "emre@st-zuid.example", presence=("Away", "Away"))
        running.graph.add_user(
            FLEUR, "fleur@st-zuid.example", presence=("DoNotDisturb", "Presenting")
        )
        yield running


@pytest.fixture
def served(engine: Engine, the_fakes: Fakes) -> Iterator[Served]:
    with serve(engine, the_fakes, graph_presence=True) as app:
        yield app


def presence_calls(served: Served) -> int:
    return served.fakes.graph.requests.count(PRESENCE_CALL)


def test_wie_says_whether_contact_person_and_backup_are_available(served: Served) -> None:
    answer = say(served, "wie Huisartsenpraktijk Noord").splitlines()
    assert answer == [
        "Vaste contactpersonen voor Huisartsenpraktijk Noord:",
        # Anna and Carla are not in Teams: nothing is said about them.
        "Jeugdteam Noord: Anna de Vries (vervanger: Carla Mulder). "
        "Vandaag bereikbaar: Anna de Vries.",
        SOUTH,
        "Nu in Teams: Dewi Pranoto is beschikbaar, Emre Yilmaz is even weg.",
    ]
    # One call for everyone in the answer, with only the people who have a Teams id.
    assert served.fakes.graph.presence_batches == [2]


def test_english_readers_read_presence_in_english(served: Served) -> None:
    answer = say(served, "who OBS De Linde", user=FLEUR, chat="a:fleur")
    assert "Now in Teams: Fleur Hendriks is busy, Dewi Pranoto is available." in answer


def test_without_presence_permission_wie_answers_without_it_and_logs_why(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    served.fakes.graph.presence_permitted = False
    with caplog.at_level(logging.WARNING, logger="adapters.teams.presence"):
        answer = say(served, "wie Huisartsenpraktijk Noord")
    assert SOUTH in answer and "Nu in Teams" not in answer
    assert any("Presence.Read.All" in r.getMessage() for r in caplog.records)
    assert presence_calls(served) == 1
    # Graph is not asked again for a while: the next answer does not wait for a refusal.
    served.fakes.graph.presence_permitted = True
    assert "Nu in Teams" not in say(served, "wie Huisartsenpraktijk Noord")
    assert presence_calls(served) == 1


def test_an_unreachable_graph_leaves_presence_out(engine: Engine, the_fakes: Fakes) -> None:
    with serve(engine, the_fakes, graph_presence=True, graph_url="http://127.0.0.1:9/v1.0") as app:
        answer = say(app, "wie Huisartsenpraktijk Noord")
    assert SOUTH in answer and "Nu in Teams" not in answer


def test_presence_is_off_by_default(engine: Engine, the_fakes: Fakes) -> None:
    with serve(engine, the_fakes) as app:
        answer = say(app, "wie Huisartsenpraktijk Noord")
        assert SOUTH in answer and "Nu in Teams" not in answer
        assert presence_calls(app) == 0


def test_presence_is_asked_at_most_650_ids_a_call(engine: Engine, the_fakes: Fakes) -> None:
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1400)] + [DEWI, EMRE, DEWI]
    settings = the_fakes.settings(graph_presence=True)

    async def ask() -> dict[str, str]:
        adapter = teams_adapter(teams_config(settings), Data(engine))
        assert adapter.graph is not None
        try:
            return await adapter.graph.presences(ids)
        finally:
            await adapter.close()

    found = asyncio.run(ask())
    assert found == {DEWI: "Available", EMRE: "Away"}
    assert the_fakes.graph.presence_batches == [650, 650, 102]


def test_slack_wie_shows_teams_presence_in_a_deployment_with_both(
    engine: Engine, the_fakes: Fakes
) -> None:
    teams = {
        "teams_app_id": APP_ID,
        "teams_app_password": SecretStr(PASSWORD),
        "teams_tenant_id": TENANT,
        "teams_openid_metadata_url": the_fakes.login.metadata_url,
        "teams_login_url": the_fakes.login.url,
        "teams_service_url": the_fakes.connector.url,
        "graph_url": the_fakes.graph.url,
        "graph_presence": True,
    }
    with FakeSlack.running() as slack, slack_serve(engine, slack, **teams) as app:
        assert app.command("/wie", "Huisartsenpraktijk Noord").status_code == 200
        [reply] = eventually(lambda: slack.responses)
    assert reply["text"].splitlines()[-2:] == [
        SOUTH,
        "Nu in Teams: Dewi Pranoto is beschikbaar, Emre Yilmaz is even weg.",
    ]
