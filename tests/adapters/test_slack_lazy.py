"""The work after Slack's ack runs a few jobs at a time (adapters/slack/lazy.py): every
acknowledged request is worked off once, in its own request's context, and none is left
behind at shutdown."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from sqlalchemy import Engine, func
from sqlmodel import select

from adapters.slack.lazy import LazyQueue
from bot.domain.rules import Rules
from store.schema.idempotency import InboundKey
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, serve
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world

TENANT: contextvars.ContextVar[str] = contextvars.ContextVar("tenant", default="none")


def request(n: int) -> AsyncBoltRequest:
    return AsyncBoltRequest(body={"n": n}, mode="socket_mode")


def test_at_most_the_limit_runs_at_once_and_every_job_runs_once_in_order() -> None:
    done: list[int] = []
    running = most = 0

    async def work(body: dict[str, int]) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        done.append(body["n"])
        running -= 1

    async def main() -> bool:
        lazy = LazyQueue(logging.getLogger("test"), at_once=2)
        for n in range(10):
            lazy.start(work, request(n))
        assert lazy.pending == 10
        return await lazy.drain(5)

    assert asyncio.run(main())
    assert sorted(done) == list(range(10)) and done[:2] == [0, 1]
    assert most == 2


def test_each_job_runs_in_the_context_of_its_own_request() -> None:
    seen: dict[int, str] = {}

    async def work(body: dict[str, int]) -> None:
        await asyncio.sleep(0)
        seen[body["n"]] = TENANT.get()

    async def main() -> None:
        lazy = LazyQueue(logging.getLogger("test"), at_once=1)
        for n, tenant in enumerate(("oosterwaard", "rivierdal", "oosterwaard")):
            TENANT.set(tenant)
            lazy.start(work, request(n))
        TENANT.set("later")
        await lazy.drain(5)

    asyncio.run(main())
    assert seen == {0: "oosterwaard", 1: "rivierdal", 2: "oosterwaard"}


def test_a_full_backlog_holds_new_requests_until_there_is_room() -> None:
    release = asyncio.Event()

    async def work(body: dict[str, int]) -> None:
        await release.wait()

    async def main() -> None:
        lazy = LazyQueue(logging.getLogger("test"), at_once=1, backlog=2)
        for n in range(3):  # one running, two waiting: full
            lazy.start(work, request(n))
        room = asyncio.create_task(lazy.room())
        await asyncio.sleep(0.05)
        assert not room.done()
        release.set()
        await asyncio.wait_for(room, 1)
        assert await lazy.drain(1)

    asyncio.run(main())


def test_a_failing_job_does_not_stop_the_others() -> None:
    done: list[int] = []

    async def work(body: dict[str, int]) -> None:
        if body["n"] == 0:
            raise RuntimeError("store down")
        done.append(body["n"])

    async def main() -> None:
        lazy = LazyQueue(logging.getLogger("test"), at_once=1)
        for n in range(3):
            lazy.start(work, request(n))
        assert await lazy.drain(5)

    asyncio.run(main())
    assert done == [1, 2]


def test_drain_says_when_work_was_left_at_the_deadline() -> None:
    started: list[int] = []

    async def work(body: dict[str, int]) -> None:
        started.append(body["n"])
        await asyncio.sleep(10)

    async def main() -> bool:
        lazy = LazyQueue(logging.getLogger("test"), at_once=1)
        lazy.start(work, request(0))
        lazy.start(work, request(1))  # still waiting at the deadline
        return await lazy.drain(0.05)

    assert asyncio.run(main()) is False
    assert started == [0]


# -- over HTTP ----------------------------------------------------------------------------


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        with serve(engine, fake) as app:
            yield app


def test_more_commands_in_flight_than_run_at_once_are_each_answered_once(
    served: Served, engine: Engine
) -> None:
    sent = 12
    lock = threading.Lock()
    statuses: list[int] = []

    def send(_: int) -> None:
        status = served.command("/wie", "Huisartsenpraktijk Noord").status_code
        with lock:
            statuses.append(status)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(send, range(sent)))
    assert statuses == [200] * sent
    eventually(lambda: len(served.slack.responses) >= sent)
    assert len(served.slack.responses) == sent
    with UnitOfWork(engine) as uow:
        claimed = uow.session.exec(select(func.count()).select_from(InboundKey)).one()
    assert claimed == sent


def test_work_acknowledged_before_a_shutdown_is_done_before_the_process_ends(
    engine: Engine, rules: Rules
) -> None:
    """Before, the work after the ack was a loose task that the end of the event loop
    cancelled; now the shutdown waits for it (adapters/slack/endpoint.py: close)."""
    make_world(engine, rules)
    with FakeSlack.running() as fake:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.response_latency = 0.5  # every answer still on its way when the server stops
        with serve(engine, fake) as app:
            for _ in range(3):
                assert app.command("/wie", "Huisartsenpraktijk Noord").status_code == 200
        assert len(fake.responses) == 3
