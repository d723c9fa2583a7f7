"""A seeded municipality (the demo directory) for service tests, with a simulated clock."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import Engine

from adapters.fake import FakeAdapter, Sent
from bot.app.directory.importer import import_directory
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher
from reminders.scheduler import run_tick
from store.uow import UnitOfWork

AMS = ZoneInfo("Europe/Amsterdam")
DIRECTORY = Path(__file__).resolve().parents[1] / "bot" / "main" / "demo" / "oosterwaard.yaml"


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS).astimezone(UTC)


@dataclass
class World:
    engine: Engine
    rules: Rules
    adapter: FakeAdapter = field(default_factory=FakeAdapter)
    delivered_at: list[tuple[datetime, Sent]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dispatcher = Dispatcher(self.engine, self.rules, {}, console=self.adapter)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def tick(self, now: datetime) -> None:
        before = len(self.adapter.sent)
        asyncio.run(run_tick(self.engine, self.rules, self.dispatcher, now=now))
        self.delivered_at += [(now, s) for s in self.adapter.sent[before:]]

    def run(self, start: datetime, end: datetime, step: timedelta = timedelta(minutes=30)) -> None:
        now = start
        while now <= end:
            self.tick(now)
            now += step

    def keys_to(self, person: str) -> list[str]:
        return self.adapter.keys_for(person)

    def sent_to(self, person: str) -> list[Sent]:
        return [s for s in self.adapter.sent if s.recipient.person_id == person]


def make_world(engine: Engine, rules: Rules, *, now: datetime | None = None) -> World:
    data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    import_directory(UnitOfWork(engine), data, now=now or local(2026, 4, 20))
    return World(engine, rules)
