"""Once a day, municipality by municipality: find people in Graph by e-mail (their Entra
object id becomes their Teams id) and read contact persons' out-of-office, so coverage
routes to the backup. Each municipality's people are read in its own Microsoft 365 tenant;
one that refuses the app a token stops only its own reading."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from adapters.teams.auth import TenantRefused
from adapters.teams.connector import TeamsAdapter
from adapters.teams.graph import OutOfOffice
from bot.app.chat import away, people
from bot.app.chat.away import last_day_away
from bot.app.chat.upkeep import done as upkeep_done
from bot.app.chat.upkeep import due as upkeep_due
from bot.app.chat.upkeep import every_hour
from bot.app.data import Data
from bot.app.tenant_rules import rules_for
from bot.app.tenants import tenant_ids, tenant_scope
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
    refused: bool = False  # the municipality's Microsoft 365 tenant gave no token


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
    """The current municipality's people, in its Microsoft 365 tenant."""
    graph = teams.graph
    if graph is None:
        return UpkeepReport(0, 0, 0, 0)
    m365 = await teams.m365_tenant()
    linked = away_ = back = failed = 0
    refused = False
    try:
        for person, email in await asyncio.to_thread(people.unlinked, data, platform=PLATFORM):
            try:
                found = await graph.user_by_email(email, tenant=m365)
            except TenantRefused:
                raise
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
        contacts = await asyncio.to_thread(people.contact_people, data, platform=PLATFORM)
        for person, teams_id in contacts:
            try:
                ooo = await graph.out_of_office(teams_id, tenant=m365)
            except TenantRefused:
                raise
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
    except TenantRefused:
        # The tenant gives no token (logged once where it was refused): stop here, absences
        # read so far stand; the rest is tried again within the hour (daily_upkeep).
        failed, refused = failed + 1, True
    return UpkeepReport(linked, away_, back, failed, refused)


async def daily_upkeep(
    data: Data, rules: Rules, teams: TeamsAdapter, *, now: datetime
) -> UpkeepReport | None:
    """Once a day per cluster for the current municipality (job_runs, like the Slack
    upkeep); None when it ran today already."""
    period = rules.today(now).isoformat()
    if not await asyncio.to_thread(upkeep_due, data, job=JOB, period=period):
        return None
    report = await sync(data, rules, teams, now=now)
    if report.refused:  # not done: tried again every hour until its tenant gives a token
        return report
    await asyncio.to_thread(upkeep_done, data, job=JOB, period=period, now=now)
    log.info(
        "Teams: %s people linked by e-mail, %s away and %s back by out-of-office, %s failed",
        report.linked,
        report.away,
        report.back,
        report.failed,
    )
    return report


async def daily_upkeep_all(
    data: Data, rules: Rules, teams: TeamsAdapter, *, now: datetime
) -> dict[str, UpkeepReport | None]:
    """`daily_upkeep` for every municipality in turn, each with its own rules in its own
    Microsoft 365 tenant (as the tick goes through them); one that fails does not stop the
    others."""
    reports: dict[str, UpkeepReport | None] = {}
    for tenant in await asyncio.to_thread(tenant_ids, data.uow()):
        with tenant_scope(tenant):
            try:
                own = await asyncio.to_thread(rules_for, rules, tenant)
                reports[tenant] = await daily_upkeep(data, own, teams, now=now)
            except Exception:  # a store or provider outage for this one: the next goes on
                log.exception("Teams upkeep of municipality %s failed", tenant)
                reports[tenant] = None
    return reports


async def upkeep(data: Data, rules: Rules, teams: TeamsAdapter, stop: asyncio.Event) -> None:
    """`daily_upkeep_all` now and every hour it is due, until `stop`
    (bot/app/chat/upkeep.py)."""

    async def run(now: datetime) -> None:
        await daily_upkeep_all(data, rules, teams, now=now)

    await every_hour(run, stop, what="Teams")
