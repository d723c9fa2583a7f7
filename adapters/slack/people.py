"""Finds people on Slack by their e-mail address and keeps their Slack id.

A referrer whose school or practice works in the same Slack workspace (or shares a Slack
Connect channel with it) then gets status messages as a DM instead of e-mail. Professionals
who are in the directory without a Slack id are linked the same way, and also on their
first click or command (by the e-mail address Slack shows for them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiolimiter import AsyncLimiter
from sqlalchemy import Engine

from adapters.slack.client import SlackAdapter
from bot.domain.errors import DeliveryFailed, RateLimited
from store.schema.directory import Person
from store.uow import UnitOfWork

log = logging.getLogger(__name__)

JOB = "slack-link"
# users.lookupByEmail is a Tier 3 method (about 50 calls a minute); stay below it.
LOOKUPS_PER_MINUTE = 40
KEEP_INBOUND_KEYS = timedelta(days=2)
UPKEEP_EVERY = 3600.0


@dataclass(frozen=True)
class LinkReport:
    linked: int
    missing: int


def unlinked(engine: Engine) -> list[tuple[str, str]]:
    """(person id, e-mail) of active people with an address and no Slack id."""
    with UnitOfWork(engine) as uow:
        return [
            (p.id, p.email)
            for p in uow.directory.people()
            if p.active and p.email and not p.slack_id
        ]


def link(engine: Engine, *, person: str, slack_id: str) -> Person | None:
    """Stores the Slack id unless the person already has one or another person holds it."""
    with UnitOfWork(engine) as uow:
        row = uow.directory.person(id=person)
        if row is None or row.slack_id or not row.active:
            return row
        if uow.directory.person_by_chat(platform="slack", chat_id=slack_id) is not None:
            return None
        row.slack_id = slack_id
        uow.commit()
        return row


def person_for_email(engine: Engine, *, email: str, slack_id: str) -> Person | None:
    """The active person with this address, linked to `slack_id` when they had no id yet."""
    with UnitOfWork(engine) as uow:
        person = uow.directory.person_by_email(email=email)
    if person is None or not person.active:
        return None
    if person.slack_id and person.slack_id != slack_id:
        return None  # someone else's Slack account carries this address too: do not guess
    return link(engine, person=person.id, slack_id=slack_id) if not person.slack_id else person


def by_slack_id(engine: Engine, user: str) -> Person | None:
    with UnitOfWork(engine) as uow:
        return uow.directory.person_by_chat(platform="slack", chat_id=user)


async def person_for_user(engine: Engine, slack: SlackAdapter, user: str) -> Person | None:
    """The active person behind a Slack user: by Slack id, else by the e-mail address Slack
    shows for them (users.info), and then the id is kept."""
    if not user:
        return None
    found = await asyncio.to_thread(by_slack_id, engine, user)
    if found is not None:
        return found if found.active else None
    try:
        email = await slack.user_email(user)
    except DeliveryFailed as exc:
        log.warning("Slack users.info for %s failed: %s", user, exc)
        return None
    if email is None:
        return None
    return await asyncio.to_thread(person_for_email, engine, email=email, slack_id=user)


async def link_by_email(
    engine: Engine, slack: SlackAdapter, *, rate: float = LOOKUPS_PER_MINUTE
) -> LinkReport:
    """Looks up every unlinked person once (paced below Slack's limit) and stores the ids
    found. A rate limit waits as long as Slack asks; other failures skip that person."""
    limiter = AsyncLimiter(rate, 60)
    linked = missing = 0
    for person, email in await asyncio.to_thread(unlinked, engine):
        async with limiter:
            try:
                found = await slack.lookup_by_email(email)
            except RateLimited as exc:
                await asyncio.sleep(exc.retry_after)
                continue
            except DeliveryFailed as exc:
                log.warning("Slack lookup of %s failed: %s", person, exc)
                missing += 1
                continue
        if found is None:
            missing += 1
            continue
        if await asyncio.to_thread(link, engine, person=person, slack_id=found) is not None:
            linked += 1
    return LinkReport(linked, missing)


async def daily_upkeep(engine: Engine, slack: SlackAdapter, *, now: datetime) -> LinkReport | None:
    """Once a day per cluster (job_runs): link people by e-mail and drop old inbound keys."""
    period = now.date().isoformat()

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
    report = await link_by_email(engine, slack)
    await asyncio.to_thread(done)
    log.info("Slack: %s people linked by e-mail, %s not found", report.linked, report.missing)
    return report


async def upkeep(engine: Engine, slack: SlackAdapter, stop: asyncio.Event) -> None:
    """Runs `daily_upkeep` now and then every hour it is due, until `stop` is set (which
    also cancels a run in progress: it is not marked done and runs again at the next start).
    A failure is logged and tried again an hour later."""
    while not stop.is_set():
        work = asyncio.create_task(daily_upkeep(engine, slack, now=datetime.now(UTC)))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not work.done():
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work
            return
        stopped.cancel()
        if work.exception() is not None:  # a Slack or store outage must not end the loop
            log.error("Slack upkeep failed; trying again in an hour", exc_info=work.exception())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=UPKEEP_EVERY)
