"""The weekly digest job: when it runs, that it queues each digest once, and what arrives."""

from __future__ import annotations

import threading
from datetime import date, time

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import select

from bot.domain.clock import WorkCalendar
from bot.domain.rules import Rules
from bot.domain.schedules import DigestSchedule
from reminders.jobs import once
from reminders.jobs import weekly as job
from store.schema.delivery import OutboxMessage
from store.schema.idempotency import JobRun
from store.uow import UnitOfWork
from tests import digest_data as data
from tests.world import World, local, make_world

CAL = WorkCalendar()


def test_monday_0830_and_a_holiday_moves_it_to_the_next_working_day() -> None:
    schedule = DigestSchedule()
    assert schedule.moment(CAL, date(2026, 5, 4)) == local(2026, 5, 4, 8, 30)
    assert schedule.moment(CAL, date(2026, 4, 27)) == local(2026, 4, 28, 8, 30)  # Koningsdag
    friday = DigestSchedule(weekday=5, at=time(16))
    # Good Friday 3 April, then the weekend and Easter Monday: Tuesday 7 April.
    assert friday.moment(CAL, date(2026, 3, 30)) == local(2026, 4, 7, 16)


def test_the_latest_send_moment_decides_the_reported_week() -> None:
    schedule = DigestSchedule()
    assert schedule.latest_due(CAL, local(2026, 5, 4, 8, 29)) is None  # Tuesday's is stale
    assert schedule.latest_due(CAL, local(2026, 5, 4, 8, 30)) == (
        date(2026, 4, 27),
        local(2026, 5, 4, 8, 30),
    )
    # Koningsdag: nothing on Monday, week 17's digest on Tuesday, still on Wednesday.
    assert schedule.latest_due(CAL, local(2026, 4, 27, 12)) is None
    assert schedule.latest_due(CAL, local(2026, 4, 28, 8, 30))[0] == date(2026, 4, 20)  # type: ignore[index]
    assert schedule.latest_due(CAL, local(2026, 4, 29, 16))[0] == date(2026, 4, 20)  # type: ignore[index]
    assert schedule.latest_due(CAL, local(2026, 4, 30, 9)) is None
    assert DigestSchedule(enabled=False).latest_due(CAL, local(2026, 5, 4, 9)) is None


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    once.forget()
    world = make_world(engine, rules)
    data.referral(
        engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, 28), days=1
    )
    return world


def digest_rows(engine: Engine) -> list[OutboxMessage]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.exec(select(OutboxMessage).order_by(OutboxMessage.key)).all()
        return [row for row in rows if row.message_key == "digest.message"]


def test_each_teams_coordinators_get_it_once_with_the_chart(world: World) -> None:
    world.tick(local(2026, 5, 4, 8, 15))
    assert digest_rows(world.engine) == []
    world.tick(local(2026, 5, 4, 8, 30))
    world.tick(local(2026, 5, 4, 9, 0))
    rows = digest_rows(world.engine)
    assert [row.key for row in rows] == [
        "digest:jt-noord:2026-W18:bram",
        "digest:st-zuid:2026-W18:emre",
    ]
    assert all(row.sent_at is not None for row in rows)
    sent = {s.recipient.person_id: (s, a) for s, a in world.adapter.attachments}
    assert set(sent) == {"bram", "emre"}
    message, chart = sent["bram"]
    assert message.message.body().splitlines()[0] == "Weekoverzicht Jeugdteam Noord — week 2026-W18"
    assert "Nieuwe verwijzingen: 1" in message.message.body()
    assert chart.data.startswith(b"\x89PNG\r\n\x1a\n") and chart.media_type == "image/png"
    assert chart.alt_text.startswith("Grafiek: nieuwe verwijzingen per week")


def test_a_second_run_for_the_same_week_queues_nothing(world: World) -> None:
    now = local(2026, 5, 4, 8, 30)
    first = job.run_weekly_digests(world.engine, world.rules, now=now)
    # As if the run had crashed before it was recorded: forget the record and the memo.
    once.forget()
    with UnitOfWork(world.engine) as uow:
        uow.session.execute(delete(JobRun))
        uow.commit()
    again = job.run_weekly_digests(world.engine, world.rules, now=now)
    assert (first, again) == (2, 0)
    assert len(digest_rows(world.engine)) == 2


def test_several_workers_at_once_queue_each_digest_once(world: World) -> None:
    """Several replicas share PostgreSQL (SQLite is one process): one holds the lock."""
    if world.engine.dialect.name != "postgresql":
        pytest.skip("several workers need PostgreSQL")
    now = local(2026, 5, 4, 8, 30)
    start = threading.Barrier(4)
    results: list[int] = []

    def worker() -> None:
        start.wait()
        results.append(job.run_weekly_digests(world.engine, world.rules, now=now))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(results) == 2
    assert [row.key for row in digest_rows(world.engine)] == [
        "digest:jt-noord:2026-W18:bram",
        "digest:st-zuid:2026-W18:emre",
    ]


def test_an_early_schedule_waits_for_office_hours(engine: Engine) -> None:
    once.forget()
    rules = Rules(digest=DigestSchedule(at=time(7, 0)))
    make_world(engine, rules)
    job.run_weekly_digests(engine, rules, now=local(2026, 5, 4, 7, 5))
    rows = digest_rows(engine)
    assert rows and all(row.not_before == local(2026, 5, 4, 8, 30) for row in rows)


def test_the_municipality_gets_its_own_digest_in_english_when_preferred(engine: Engine) -> None:
    once.forget()
    rules = Rules(digest=DigestSchedule(municipality=("fleur", "slack:C0GEMEENTE")))
    make_world(engine, rules)
    job.run_weekly_digests(engine, rules, now=local(2026, 5, 4, 9))
    rows = {row.key: row for row in digest_rows(engine)}
    fleur = rows["digest:municipality:2026-W18:fleur"]
    channel = rows["digest:municipality:2026-W18:slack:C0GEMEENTE"]
    assert fleur.language == "en" and fleur.params["body"].startswith("Weekly digest municipality")
    assert (channel.platform, channel.address) == ("slack", "C0GEMEENTE")
    assert channel.params["body"].startswith("Weekoverzicht gemeente (alle teams)")
