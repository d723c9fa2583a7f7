"""Finds people on Slack by their e-mail address and keeps their Slack id.

A referrer whose school or practice works in the same Slack workspace (or shares a Slack
Connect channel with it) then gets status messages as a DM instead of e-mail. Professionals
who are in the directory without a Slack id are linked the same way, and also on their
first click or command (by the e-mail address Slack shows for them).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from aiolimiter import AsyncLimiter

from adapters.slack.client import SlackAdapter
from bot.app.chat import people
from bot.app.chat.actor import Actor
from bot.app.chat.upkeep import done as upkeep_done
from bot.app.chat.upkeep import due as upkeep_due
from bot.app.chat.upkeep import every_hour
from bot.app.data import Data
from bot.app.tenants import DEFAULT_TENANT, tenant_ids, tenant_scope
from bot.domain.errors import CredentialsRejected, DeliveryFailed, RateLimited

log = logging.getLogger(__name__)

JOB = "slack-link"
PLATFORM = "slack"
# users.lookupByEmail is a Tier 3 method (about 50 calls a minute); stay below it.
LOOKUPS_PER_MINUTE = 40


@dataclass(frozen=True)
class LinkReport:
    linked: int
    missing: int


async def person_for_user(data: Data, slack: SlackAdapter, user: str) -> Actor | None:
    """The active person behind a Slack user: by Slack id, else by the e-mail address Slack
    shows for them (users.info), and then the id is kept."""
    if not user:
        return None
    found = await asyncio.to_thread(people.by_chat, data, platform=PLATFORM, chat_id=user)
    if found is not None:
        return found if found.active else None
    try:
        email = await slack.user_email(user)
    except DeliveryFailed as exc:
        log.warning("Slack users.info for %s failed: %s", user, exc)
        return None
    if email is None:
        return None
    return await asyncio.to_thread(
        people.by_email, data, platform=PLATFORM, email=email, chat_id=user
    )


async def link_by_email(
    data: Data, slack: SlackAdapter, *, rate: float = LOOKUPS_PER_MINUTE
) -> LinkReport:
    """Looks up every unlinked person once (paced below Slack's limit) and stores the ids
    found. A rate limit waits as long as Slack asks; other failures skip that person."""
    limiter = AsyncLimiter(rate, 60)
    linked = missing = 0
    for person, email in await asyncio.to_thread(people.unlinked, data, platform=PLATFORM):
        async with limiter:
            try:
                found = await slack.lookup_by_email(email)
            except CredentialsRejected:
                raise  # the workspace's token is refused: every lookup would be
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
        kept = await asyncio.to_thread(
            people.link, data, platform=PLATFORM, person=person, chat_id=found
        )
        if kept.person is not None:
            linked += 1
    return LinkReport(linked, missing)


async def daily_upkeep(data: Data, slack: SlackAdapter, *, now: datetime) -> LinkReport | None:
    """Once a day per cluster and municipality (job_runs are each municipality's own): link
    its people by e-mail in its own workspace (the adapter takes the municipality's token)
    and drop old inbound keys. A municipality whose token Slack refuses is tried again in
    an hour; the others go on. The report adds up the municipalities that ran (None: none)."""
    tenants = await asyncio.to_thread(tenant_ids, data.uow(DEFAULT_TENANT)) or [DEFAULT_TENANT]
    total: LinkReport | None = None
    for tenant in tenants:
        with tenant_scope(tenant):
            try:
                report = await _tenant_upkeep(data, slack, now=now)
            except CredentialsRejected as exc:  # the adapter logged the ALERT
                log.warning("Slack upkeep of %s waits for a valid token (%s)", tenant, exc)
                continue
        if report is not None:
            linked = report.linked + (total.linked if total else 0)
            total = LinkReport(linked, report.missing + (total.missing if total else 0))
    return total


async def _tenant_upkeep(data: Data, slack: SlackAdapter, *, now: datetime) -> LinkReport | None:
    """The current municipality's upkeep, unless it ran today."""
    period = now.date().isoformat()
    if not await asyncio.to_thread(upkeep_due, data, job=JOB, period=period):
        return None
    report = await link_by_email(data, slack)
    await asyncio.to_thread(upkeep_done, data, job=JOB, period=period, now=now)
    log.info("Slack: %s people linked by e-mail, %s not found", report.linked, report.missing)
    return report


async def upkeep(data: Data, slack: SlackAdapter, stop: asyncio.Event) -> None:
    """`daily_upkeep` now and every hour it is due, until `stop` (bot/app/chat/upkeep.py)."""

    async def run(now: datetime) -> None:
        await daily_upkeep(data, slack, now=now)

    await every_hour(run, stop, what="Slack")
