"""Absence from a chat: the `afwezig` command, and a chat status or out-of-office that
says someone is away (or back), so coverage routes to the backup."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.app import contacts
from bot.app.chat.actor import Actor
from bot.app.chat.intents import MAX_ABSENCE_DAYS, NotUnderstood, absence_period
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.messages import Message

USAGE = "slack.afwezig_usage"


async def away(
    data: Data,
    rules: Rules,
    person: Actor,
    words: str,
    now: datetime,
    source: str,
    *,
    usage: str = USAGE,
) -> Message:
    """`afwezig <van> <tot>`: records the absence; backup and partners hear it. `usage` is
    the chat's own sentence on how to type the command."""
    try:
        start, end = absence_period(words, rules.today(now))
    except NotUnderstood as exc:
        if exc.key == USAGE and usage != USAGE:
            raise NotUnderstood(usage, **exc.params) from exc
        raise
    await asyncio.to_thread(
        contacts.record_absence,
        data.uow(),
        rules,
        person=person.id,
        starts_on=start,
        ends_on=end,
        now=now,
        source=source,
    )
    params = {"start": rules.day_text(start), "end": rules.day_text(end)}
    return Message("slack.afwezig_done", params, language=person.language)


def last_day_away(end: datetime | None, *, today: date, zone: ZoneInfo) -> date:
    """The last day away when a chat status or automatic reply ends at `end` (None: no
    end, today only): an end at 00:00 means the day before was the last; never before
    today, at most MAX_ABSENCE_DAYS ahead."""
    if end is None:
        return today
    local = end.astimezone(zone)
    last = local.date() - timedelta(days=1) if local.time() == time(0) else local.date()
    return min(max(last, today), today + timedelta(days=MAX_ABSENCE_DAYS))


async def away_until(
    data: Data, rules: Rules, *, person: str, until: date, now: datetime, source: str
) -> bool:
    """Away from today up to `until`; False when an absence already covers it."""
    return await asyncio.to_thread(
        contacts.away_until, data.uow(), rules, person=person, until=until, now=now, source=source
    )


async def back(data: Data, rules: Rules, *, person: str, now: datetime, source: str) -> bool:
    """Back today: an absence from this source ends."""
    return await asyncio.to_thread(
        contacts.back_from, data.uow(), rules, person=person, now=now, source=source
    )
