"""Once a day: find people in Graph by e-mail (their Entra object id becomes their Teams
id) and read contact persons' out-of-office, so coverage routes to the backup."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from adapters.teams.connector import TeamsAdapter
from adapters.teams.graph import OutOfOffice
from bot.app.chat import away, people
from bot.app.chat.away import last_day_away
from bot.app.chat.upkeep import done as upkeep_done
from bot.app.chat.upkeep import due as upkeep_due
from bot.app.chat.upkeep import every_hour
from bot.app.data import Data
from bot.domain.errors import DeliveryFailed, RateLimited
from bot.domain.rules import Rules

log = logging.getLogger(__name__)
JOB = "teams-directory"
SOURCE = "graph"  # absences read from out-of-office carry this source
PLATFORM = "teams"


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
    return last_day_away(ooo.end, today=today, zone=zone)


async def sync(data: Data, rules: Rules, teams: TeamsAdapter, *, now: datetime) -> UpkeepReport:
    graph = teams.graph
    if graph is None:
        return UpkeepReport(0, 0, 0, 0)
    linked = away_ = back = failed = 0
    for person, email in await asyncio.to_thread(people.unlinked, data, platform=PLATFORM):
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
        if found is None:
            continue
        kept = await asyncio.to_thread(
            people.link, data, platform=PLATFORM, person=person, chat_id=found
        )
        if kept.new:
            linked += 1
    for person, teams_id in await asyncio.to_thread(people.contact_people, data, platform=PLATFORM):
        try:
            ooo = await graph.out_of_office(teams_id)
        except DeliveryFailed as exc:
            log.warning("Graph out-of-office of %s could not be read: %s", person, exc)
            failed += 1
            continue
        until = away_until(ooo, now=now, zone=rules.calendar.tz)
        if until is not None:
            away_ += await away.away_until(
                data, rules, person=person, until=until, now=now, source=SOURCE
            )
        else:
            back += await away.back(data, rules, person=person, now=now, source=SOURCE)
    return UpkeepReport(linked, away_, back, failed)


async def daily_upkeep(
    data: Data, rules: Rules, teams: TeamsAdapter, *, now: datetime
) -> UpkeepReport | None:
    """Once a day per cluster (job_runs, like the Slack upkeep)."""
    period = rules.today(now).isoformat()
    if not await asyncio.to_thread(upkeep_due, data, job=JOB, period=period):
        return None
    report = await sync(data, rules, teams, now=now)
    await asyncio.to_thread(upkeep_done, data, job=JOB, period=period, now=now)
    log.info(
        "Teams: %s people linked by e-mail, %s away and %s back by out-of-office, %s failed",
        report.linked,
        report.away,
        report.back,
        report.failed,
    )
    return report


async def upkeep(data: Data, rules: Rules, teams: TeamsAdapter, stop: asyncio.Event) -> None:
    """`daily_upkeep` now and every hour it is due, until `stop` (bot/app/chat/upkeep.py)."""

    async def run(now: datetime) -> None:
        await daily_upkeep(data, rules, teams, now=now)

    await every_hour(run, stop, what="Teams")
