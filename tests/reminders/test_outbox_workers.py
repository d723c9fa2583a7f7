"""The outbox under several workers: conversation queues, claims that expire, per-channel
pace, 429s, shutdown and crashes, over real HTTP to a fake Slack server."""

from __future__ import annotations

import asyncio
import random
import re
import signal
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from adapters.slack import SlackAdapter
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.messages import Message
from bot.ports import Recipient
from reminders.delivery.dispatcher import Dispatcher, DispatchReport
from store.locks import cluster_lock
from store.uow import UnitOfWork
from tests.fakes.slack_server import FakeSlack
from tests.outbox_load import seed_outbox, start_worker

postgres_only = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


def dispatcher(engine: Engine, slack: FakeSlack, **options: object) -> Dispatcher:
    adapter = SlackAdapter(slack.token, base_url=slack.url)
    return Dispatcher(engine, Rules(), {Platform.SLACK: adapter}, **options)  # type: ignore[arg-type]


def drain(engine: Engine, slack: FakeSlack, now: datetime) -> DispatchReport:
    """One dispatcher pass at `now`, closing its HTTP session afterwards."""
    worker = dispatcher(engine, slack)

    async def run() -> DispatchReport:
        try:
            return await worker.run(now=now)
        finally:
            for adapter in worker.adapters.values():
                await adapter.close()

    return asyncio.run(run())


def pending(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.outbox.pending_count()


def test_one_message_per_conversation_is_claimed_at_a_time(engine: Engine) -> None:
    seed_outbox(engine, channels=3, per_channel=4)
    now = datetime.now(UTC)
    with UnitOfWork(engine) as uow:
        claims = uow.outbox.claim_due(
            now=now, limit=100, lease_until=now + timedelta(minutes=1), worker="a"
        )
        uow.commit()
    assert sorted(c.row.conversation for c in claims) == [
        "slack:C00000",
        "slack:C00001",
        "slack:C00002",
    ]
    assert all(c.row.key.endswith(":0") for c in claims)  # the oldest of each queue
    with UnitOfWork(engine) as uow:
        again = uow.outbox.claim_due(
            now=now, limit=100, lease_until=now + timedelta(minutes=1), worker="b"
        )
    assert again == []  # the heads are claimed, the rest waits behind them


@postgres_only
def test_concurrent_claims_on_postgresql_never_share_a_row(engine: Engine) -> None:
    seed_outbox(engine, channels=400, per_channel=1)
    now = datetime.now(UTC)
    taken: list[list[int]] = [[], []]
    barrier = threading.Barrier(2)

    def claim(slot: int) -> None:
        barrier.wait()
        while True:
            with UnitOfWork(engine) as uow:
                claims = uow.outbox.claim_due(
                    now=now, limit=25, lease_until=now + timedelta(minutes=1), worker=str(slot)
                )
                uow.commit()
            if not claims:
                return
            taken[slot].extend(c.row.id or 0 for c in claims)

    threads = [threading.Thread(target=claim, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not set(taken[0]) & set(taken[1])
    assert len(taken[0]) + len(taken[1]) == 400
    assert taken[0] and taken[1]  # both took part


def test_an_expired_claim_is_taken_over_and_checked_with_slack_before_resending(
    engine: Engine,
) -> None:
    keys = seed_outbox(
        engine, channels=2, per_channel=1, at=datetime.now(UTC) - timedelta(minutes=10)
    )
    with FakeSlack.running() as slack:
        # A worker claims both rows, delivers the first and dies before recording anything.
        now = datetime.now(UTC)
        with UnitOfWork(engine) as uow:
            uow.outbox.claim_due(
                now=now - timedelta(minutes=5),
                limit=10,
                lease_until=now - timedelta(minutes=4),
                worker="dead",
            )
            uow.commit()
        adapter = SlackAdapter(slack.token, base_url=slack.url)

        async def crashed_send() -> None:
            await adapter.send(
                Recipient(Platform.SLACK, "C00000", "C00000"),
                Message("intake.reminder", {"case_ref": "JT-NRD-2026-0000", "received": "x"}),
                key=keys[0],
            )
            await adapter.close()

        asyncio.run(crashed_send())
        report = drain(engine, slack, now)
        assert (report.taken_over, report.reconciled, report.sent) == (2, 1, 2)
        assert slack.by_key() == {keys[0]: 1, keys[1]: 1}  # nothing lost, nothing twice
    with UnitOfWork(engine) as uow:
        rows = {row.key: row for row in uow.outbox.all()}
    assert all(row.sent_at is not None and row.provider_message_id for row in rows.values())


def test_messages_to_one_channel_keep_slacks_pace_and_order(engine: Engine) -> None:
    seed_outbox(engine, channels=2, per_channel=3)
    with FakeSlack.running(min_interval=1.0) as slack:
        stop = asyncio.Event()
        worker = dispatcher(engine, slack, concurrency=8)

        async def run() -> None:
            task = asyncio.create_task(worker.serve(stop, idle=0.05))
            while pending(engine):  # noqa: ASYNC110 - the store is polled, nothing signals it
                await asyncio.sleep(0.05)
            stop.set()
            await task
            for adapter in worker.adapters.values():
                await adapter.close()

        started = time.monotonic()
        asyncio.run(run())
        assert time.monotonic() - started >= 2.0  # three per channel need two full seconds
        assert slack.count == 6
        assert slack.breaches == 0
        for channel in ("C00000", "C00001"):
            texts = [m.text for m in slack.messages if m.channel == channel]
            assert [re.findall(r"JT-NRD-\d{4}-\d{4}", t)[0] for t in texts] == [
                "JT-NRD-2026-0000",
                "JT-NRD-2026-0001",
                "JT-NRD-2026-0002",
            ]


def test_a_429_pauses_slack_for_retry_after_and_server_errors_back_off(engine: Engine) -> None:
    seed_outbox(engine, channels=3, per_channel=1)
    with FakeSlack.running() as slack:
        slack.rate_limit_next(1, retry_after=7)
        now = datetime.now(UTC)
        report = drain(engine, slack, now)
        assert (report.sent, report.retried) == (0, 3)
        with UnitOfWork(engine) as uow:
            rows = uow.outbox.all()
        assert {r.error for r in rows} == {"rate_limited"}
        assert all(r.not_before >= now + timedelta(seconds=7) for r in rows)
        assert all(r.attempts == 0 for r in rows)  # a 429 is not the message's fault

        slack.fail_next(1, status=503)
        later = now + timedelta(seconds=8)
        report = drain(engine, slack, later)
        assert (report.sent, report.retried) == (2, 1)
        with UnitOfWork(engine) as uow:
            retried = [r for r in uow.outbox.all() if r.sent_at is None]
        assert len(retried) == 1
        assert retried[0].attempts == 1
        assert retried[0].error == "unconfirmed"  # a 5xx may have arrived: ask before resending
        assert retried[0].not_before >= later + timedelta(seconds=15)


def test_a_gone_channel_ends_the_row_with_its_reason(engine: Engine) -> None:
    seed_outbox(engine, channels=2, per_channel=1)
    with FakeSlack.running() as slack:
        slack.fail_channel("C00001", "channel_not_found")
        report = drain(engine, slack, datetime.now(UTC))
    assert (report.sent, report.failed) == (1, 1)
    with UnitOfWork(engine) as uow:
        failed = [r for r in uow.outbox.all() if r.failed_at is not None]
    assert [(r.address, r.error) for r in failed] == [("C00001", "channel_not_found")]


def test_metrics_show_depth_age_sends_and_take_overs(engine: Engine) -> None:
    from fastapi.testclient import TestClient

    seed_outbox(engine, channels=2, per_channel=2, at=datetime.now(UTC) - timedelta(minutes=3))
    settings = Settings(database_url=str(engine.url), console_output=False)
    from bot.main.wiring import build

    container = build(settings, engine=engine, adapters={})
    with TestClient(create_app(container, scheduler=False)) as client:
        body = client.get("/metrics").text
    assert 'terugkoppel_outbox_depth{tenant="default"} 4.0' in body
    age = next(
        line for line in body.splitlines() if line.startswith("terugkoppel_outbox_oldest_pending")
    )
    assert float(age.split()[1]) >= 170
    for name in (
        "terugkoppel_outbox_sends_total",
        "terugkoppel_outbox_claims_taken_over_total",
        "terugkoppel_tick_duration_seconds_bucket",
    ):
        assert f"# TYPE {name.removesuffix('_total').removesuffix('_bucket')}" in body


@postgres_only
def test_a_one_per_cluster_job_runs_on_one_replica_only(engine: Engine) -> None:
    with cluster_lock(engine, "coverage") as first:
        assert first
        with cluster_lock(engine, "coverage") as second:
            assert not second
        with cluster_lock(engine, "digest") as other:
            assert other
    with cluster_lock(engine, "coverage") as again:
        assert again


@postgres_only
def test_sigterm_finishes_or_releases_and_exits_cleanly(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed_outbox(engine, channels=300, per_channel=1)
    log = tmp_path / "worker.log"
    with FakeSlack.running(latency=0.2) as slack:
        worker = start_worker(db_url, slack.url, log=log, outbox_concurrency="4")
        deadline = time.monotonic() + 30
        while slack.count < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert slack.count >= 8, log.read_text()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
        received = slack.by_key()
    with UnitOfWork(engine) as uow:
        rows = uow.outbox.all()
    sent = {r.key for r in rows if r.sent_at is not None}
    assert sent == set(received)  # what it sent, it recorded
    assert 0 < len(sent) < 300
    assert all(r.claimed_until is None for r in rows if r.sent_at is None)  # released


@postgres_only
def test_crash_test_two_workers_10000_messages_one_killed_20_times(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    """At-least-once under SIGKILL: nothing lost, at most one duplicate per kill."""
    keys = seed_outbox(engine, channels=500, per_channel=20, prefix="crash")
    options = {"outbox_lease_seconds": "5", "outbox_concurrency": "16"}
    log = tmp_path / "workers.log"
    kills = 0
    with FakeSlack.running(min_interval=1.0) as slack:
        steady = start_worker(db_url, slack.url, log=log, **options)
        victim = start_worker(db_url, slack.url, log=log, **options)
        try:
            rng = random.Random(20)
            while kills < 20:
                time.sleep(rng.uniform(0.8, 1.6))
                victim.kill()  # SIGKILL: no clean-up at all
                victim.wait()
                kills += 1
                victim = start_worker(db_url, slack.url, log=log, **options)
            deadline = time.monotonic() + 240
            while pending(engine) and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            for process in (steady, victim):
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        received = slack.by_key()
        breaches = slack.breaches
    lost = [key for key in keys if key not in received]
    duplicates = sum(count - 1 for count in received.values())
    print(f"crash test: kills={kills} lost={len(lost)} duplicates={duplicates} breaches={breaches}")
    assert not lost, log.read_text()[-3000:]
    assert kills >= 20
    assert lost == []
    assert duplicates <= kills
    assert breaches == 0
    with engine.connect() as connection:
        unsent = connection.execute(
            text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
        ).scalar_one()
    assert unsent == 0
