"""Once a day: find people in Graph by e-mail (their Entra object id becomes their Teams
id) and read contact persons' out-of-office, so coverage routes to the backup."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from adapters.teams.connector import TeamsAdapter
from adapters.teams.graph import OutOfOffice
from bot.app import contacts
from bot.domain.errors import DeliveryFailed, RateLimited
from bot.domain.rules import Rules
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
JOB = "teams-directory"
SOURCE = "graph"  # absences read from out-of-office carry this source
MAX_ABSENCE_DAYS = 92
KEEP_INBOUND_KEYS = timedelta(days=2)
UPKEEP_EVERY = 3600.0


@dataclass(frozen=True)
class UpkeepReport:
    linked: int
    away: int
    back: int
    failed: int


def away_until(ooo: OutOfOffice, *, now: datetime, zone: ZoneInfo) -> date | None:
    """The last day away by automatic replies, or None when they are off (or start later).
    Always-on replies count for today only (read again tomorrow); a scheduled end at
    00:00 means the day before was the last; at most 92 days ahead."""
    if not ooo.on:
        return None
    today = now.astimezone(zone).date()
    if ooo.start is not None and ooo.start > now:
        return None
    if ooo.end is None:
        return today
    if ooo.end <= now:
        return None
    local = ooo.end.astimezone(zone)
    last = local.date() - timedelta(days=1) if local.time() == time(0) else local.date()
    return min(max(last, today), today + timedelta(days=MAX_ABSENCE_DAYS))


def _unlinked(engine: Engine) -> list[tuple[str, str]]:
    with UnitOfWork(engine) as uow:
        return [
            (p.id, p.email)
            for p in uow.directory.people()
            if p.active and p.email and not p.teams_id
        ]


def _link(engine: Engine, person: str, teams_id: str) -> bool:
    with UnitOfWork(engine) as uow:
        row = uow.directory.person(id=person)
        if row is None or row.teams_id or not row.active:
            return False
        if uow.directory.person_by_chat(platform="teams", chat_id=teams_id) is not None:
            return False
        row.teams_id = teams_id
        uow.commit()
    return True


def _contact_people(engine: Engine) -> list[tuple[str, str]]:
    """(person id, Teams id) of active primary and backup contact persons."""
    with UnitOfWork(engine) as uow:
        ids = {
            pid
            for pair in uow.directory.contact_assignments()
            for pid in (pair.primary_id, pair.backup_id)
            if pid
        }
        people = uow.directory.people_by_ids(ids=ids)
        return sorted((p.id, p.teams_id) for p in people if p.active and p.teams_id)


async def sync(engine: Engine, rules: Rules, teams: TeamsAdapter, *, now: datetime) -> UpkeepReport:
    graph = teams.graph
    if graph is None:
        return UpkeepReport(0, 0, 0, 0)
    linked = away = back = failed = 0
    for person, email in await asyncio.to_thread(_unlinked, engine):
        try:
            found = await graph.user_by_email(email)
        except RateLimited as exc:
            await asyncio.sleep(min(exc.retry_after, 60))
            failed += 1
            continue
        except DeliveryFailed as exc:
            log.warning("Graph lookup of %s failed: %s", person, exc)
            failed += 1
            continue
        if found is not None and await asyncio.to_thread(_link, engine, person, found):
            linked += 1
    for person, teams_id in await asyncio.to_thread(_contact_people, engine):
        try:
            ooo = await graph.out_of_office(teams_id)
        except DeliveryFailed as exc:
            log.warning("Graph out-of-office of %s could not be read: %s", person, exc)
            failed += 1
            continue
        until = away_until(ooo, now=now, zone=rules.calendar.tz)
        if until is not None:
            away += await asyncio.to_thread(
                contacts.away_until,
                UnitOfWork(engine),
                rules,
                person=person,
                until=until,
                now=now,
                source=SOURCE,
            )
        else:
            back += await asyncio.to_thread(
                contacts.back_from, UnitOfWork(engine), rules, person=person, now=now, source=SOURCE
            )
    return UpkeepReport(linked, away, back, failed)


async def daily_upkeep(
    engine: Engine, rules: Rules, teams: TeamsAdapter, *, now: datetime
) -> UpkeepReport | None:
    """Once a day per cluster (job_runs, like the Slack upkeep)."""
    period = rules.today(now).isoformat()

    def due() -> bool:
        with UnitOfWork(engine) as uow:
            return not uow.jobs.has_run(name=JOB, period=period)

    def done() -> None:
        with UnitOfWork(engine) as uow:
            uow.inbound.purge(before=now - KEEP_INBOUND_KEYS)
            uow.jobs.mark_run(name=JOB, period=period, now=now)
            uow.commit()

    if not await asyncio.to_thread(due):
        return None
    report = await sync(engine, rules, teams, now=now)
    await asyncio.to_thread(done)
    log.info(
        "Teams: %s people linked by e-mail, %s away and %s back by out-of-office, %s failed",
        report.linked,
        report.away,
        report.back,
        report.failed,
    )
    return report


async def upkeep(engine: Engine, rules: Rules, teams: TeamsAdapter, stop: asyncio.Event) -> None:
    """`daily_upkeep` now and every hour it is due, until `stop` (a run in progress is
    cancelled and not marked done). A failure is logged and tried again an hour later."""
    while not stop.is_set():
        work = asyncio.create_task(daily_upkeep(engine, rules, teams, now=datetime.now(UTC)))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not work.done():
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work
            return
        stopped.cancel()
        if work.exception() is not None:
            log.error("Teams upkeep failed; trying again in an hour", exc_info=work.exception())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=UPKEEP_EVERY)
