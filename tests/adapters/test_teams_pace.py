"""The pace Teams asks of a bot, kept through the outbox: the real Dispatcher and
TeamsAdapter send to the fake Bot Connector over HTTP, and the fake's receive times show
at most 7 messages per second per conversation and at most 30 requests per second for the
app, with 429 (Retry-After) and 412/502/504 retried. Upper bounds only: a slow machine
makes the test slower, never red."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from reminders.delivery.dispatcher import Dispatcher
from store.schema.delivery import OutboxMessage
from tests.adapters.slack_inbound import eventually
from tests.adapters.teams_env import Fakes, fakes
from tests.fakes.teams_server import FakeConnector

CONVERSATIONS = 8
PER_CONVERSATION = 10  # 80 messages: about 3 s at 30 a second
PER_CONVERSATION_LIMIT = 7  # messages in any second, per conversation
APP_LIMIT = 30  # requests in any second, for the app in the tenant
RETRY_AFTER = 2.0
IN_FLIGHT = 0.5  # seconds for requests already on their way when the 429 came back


@pytest.fixture
def the_fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fakes]:
    with fakes(tmp_path, monkeypatch) as running:
        yield running


def channel(n: int) -> str:
    return f"19:pace-{n}@thread.tacv2"


def seed(engine: Engine, now: datetime) -> None:
    """Interleaved, so that every conversation has messages waiting from the start."""
    rows = [
        {
            "key": f"pace:{n}:{i}",
            "conversation": f"teams:{channel(n)}",
            "platform": Platform.TEAMS.value,
            "address": channel(n),
            "language": "nl",
            "message_key": "teams.intake_channel",
            "params": {"team": f"team {n} bericht {i:02d}"},
            "actions": [],
            "created_at": now,
            "not_before": now,
            "attempts": 0,
        }
        for i in range(PER_CONVERSATION)
        for n in range(CONVERSATIONS)
    ]
    with engine.begin() as connection:
        connection.execute(insert(OutboxMessage.__table__), rows)  # type: ignore[attr-defined]


def most_in_a_second(times: list[float]) -> int:
    """The most receipts within any half-open window of one second."""
    times = sorted(times)
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def send_all(engine: Engine, rules: Rules, the_fakes: Fakes, connector: FakeConnector) -> None:
    """The live dispatcher (wall clock, as in `terugkoppel worker`) until all have arrived."""
    settings = the_fakes.settings()
    parallel = engine.dialect.name == "postgresql"

    async def run() -> None:
        adapter = teams_adapter(teams_config(settings), Data(engine))
        dispatcher = Dispatcher(
            engine,
            rules,
            {Platform.TEAMS: adapter},
            concurrency=settings.outbox_concurrency if parallel else 1,
            app_rates={Platform.TEAMS: settings.teams_app_rate},
        )
        stop = asyncio.Event()
        serving = asyncio.create_task(dispatcher.serve(stop, idle=0.05))
        try:
            everything = CONVERSATIONS * PER_CONVERSATION
            await asyncio.to_thread(
                eventually, lambda: len(connector.posted()) >= everything, timeout=60
            )
        finally:
            stop.set()
            await serving
            await adapter.close()

    asyncio.run(run())


def test_the_outbox_keeps_teams_pace_and_retries_throttling(
    engine: Engine, rules: Rules, the_fakes: Fakes
) -> None:
    connector = the_fakes.connector
    seed(engine, datetime.now(UTC))
    connector.fail_next(429, {"Retry-After": f"{RETRY_AFTER:g}"})
    connector.fail_next(412)
    connector.fail_next(502)
    connector.fail_next(504)

    send_all(engine, rules, the_fakes, connector)

    received = list(connector.received)
    # Every message arrived once, in its conversation's order, after the four refusals.
    assert [status for _, status, _ in received].count(200) == CONVERSATIONS * PER_CONVERSATION
    assert sorted(s for _, s, _ in received if s != 200) == [412, 429, 502, 504]
    for n in range(CONVERSATIONS):
        texts = [a.text for a in connector.posted(channel(n))]
        assert texts == [
            f"Intake van team {n} bericht {i:02d} komt in dit kanaal binnen."
            for i in range(PER_CONVERSATION)
        ]
    # The pace, from the fake's own receive times, failed requests included.
    per_conversation: dict[str, list[float]] = defaultdict(list)
    for conversation, _, at in received:
        per_conversation[conversation].append(at)
    assert len(per_conversation) == CONVERSATIONS
    assert max(map(most_in_a_second, per_conversation.values())) <= PER_CONVERSATION_LIMIT
    assert most_in_a_second([at for _, _, at in received]) <= APP_LIMIT
    # Retry-After held the whole app back: after the 429 only what was already on its way
    # arrived within it, and its conversation's message waited all of it.
    [(stopped, throttled)] = [(c, at) for c, status, at in received if status == 429]
    held = [at for _, _, at in received if throttled + IN_FLIGHT < at < throttled + RETRY_AFTER]
    assert held == []
    again = [at for c, _, at in received if c == stopped and at > throttled]
    assert again and min(again) - throttled >= RETRY_AFTER
