"""The outbox dispatcher: claims due rows, sends them, records the result.

Delivery is at-least-once. Results are recorded right after the provider answered, those
that arrive together in one transaction (group_commit.py), so a crash can repeat only the
messages that were in flight or waiting for their record;
an adapter that tags messages with the row's key (Slack metadata) lets a later claim
check whether such a message arrived before sending it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bot.domain.consent import is_withdrawn
from bot.domain.errors import (
    ChannelUnavailable,
    DeliveryFailed,
    RateLimited,
    ReachElsewhere,
    RecipientGone,
    RetrySoon,
)
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.logs import bind
from bot.messages import Action, Message, language_of
from bot.ports import ChatAdapter, Delivery, HasLanes, Recipient
from reminders.delivery import attachments
from reminders.delivery.book import Job, OutboxBook
from reminders.delivery.group_commit import GroupCommit
from reminders.delivery.pace import WindowLimit
from reminders.metrics import CLAIMS_TAKEN_OVER, SENDS
from store.outbox import UNCONFIRMED, Queued, Sent
from store.tenancy import tenant_scope

log = logging.getLogger(__name__)

T = TypeVar("T")

# A person is reached on the first channel that is both configured and known for them.
_PERSON_CHANNELS: tuple[tuple[Platform, str], ...] = (
    (Platform.SLACK, "slack_id"),
    (Platform.TEAMS, "teams_id"),
    (Platform.EMAIL, "email"),
)
# Provider answers that leave it open whether the message arrived.
_MAYBE_ARRIVED = ("timeout", "http_5", "connection")
_IN_FLIGHT_POLL = 0.02  # seconds between claims while messages are still in flight
# A live dispatcher claims what falls due within this many seconds and holds each message
# until its moment, so a conversation's next message leaves on time instead of one poll and
# one claim later.
_LOOKAHEAD = timedelta(seconds=0.1)
_DB_RETRY = (0.5, 5.0)  # seconds before looking again while the database is away: first, most


class _Paused(RateLimited):
    """Not sent: the provider asked us (Retry-After) to wait until `until`. Does not extend
    that pause, or a steady flow of due messages would keep it from ever ending."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(retry_after=0.0, reason="paused")


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    reconciled: int = 0
    taken_over: int = 0


def worker_name() -> str:
    return f"{socket.gethostname()[:20]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        rules: Rules,
        adapters: Mapping[Platform, ChatAdapter],
        *,
        console: ChatAdapter | None = None,
        batch: int = 200,
        concurrency: int = 1,
        lease: timedelta = timedelta(seconds=60),
        max_attempts: int = 8,
        app_rates: Mapping[Platform, float] | None = None,
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.adapters = dict(adapters)
        self.console = console
        self.batch = batch
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.max_attempts = max_attempts
        self.worker = worker_name()
        # Requests per second per app and tenant (Teams: 30), shared by all conversations.
        self._app_limits = {
            platform: WindowLimit.per_second(rate) for platform, rate in (app_rates or {}).items()
        }
        # A 429's Retry-After or refused credentials, per channel and lane (HasLanes).
        self._paused_until: dict[tuple[Platform, str], datetime] = {}
        self._laned = {id(a) for a in self.adapters.values() if isinstance(a, HasLanes)}
        self.book = OutboxBook(engine, rules, worker=self.worker, batch=batch, lease=lease)
        self._recorder = GroupCommit(self.book.record_sent)
        self._stopping = False

    # -- passes ---------------------------------------------------------------------------

    async def run(self, *, now: datetime | None = None) -> DispatchReport:
        """Delivers everything due until nothing is claimable. With `now` (a tick, the demo)
        time stands still at `now`; without it each step reads the wall clock. Claims
        overlap with sending: the next batch is claimed while the last one is in flight."""

        def clock() -> datetime:
            return now if now is not None else datetime.now(UTC)

        # Time standing still (a tick) has nothing ahead to wait for.
        ahead = _LOOKAHEAD if now is None else timedelta(0)
        report = DispatchReport()
        gate = asyncio.Semaphore(self.concurrency)  # provider calls in flight
        in_flight: set[asyncio.Task[None]] = set()
        finished = 0

        def done(task: asyncio.Task[None]) -> None:
            nonlocal finished
            finished += 1
            in_flight.discard(task)

        try:
            while not self._stopping:
                before = finished
                jobs = await self._db(self.book.claim, clock(), ahead)
                if not jobs:
                    # A send recorded while we claimed may have freed its conversation's
                    # next message, which that claim could not see yet: look once more.
                    if not in_flight and finished == before:
                        break
                    if in_flight:
                        await asyncio.wait(in_flight, timeout=_IN_FLIGHT_POLL)
                    continue
                for job in jobs:
                    # the send runs as the message's tenant (a link in an e-mail carries it)
                    with tenant_scope(job.row.tenant_id):
                        task = asyncio.create_task(self._deliver(job, clock, report, gate))
                    in_flight.add(task)
                    task.add_done_callback(done)
                while len(in_flight) > self.batch:  # claim ahead by one batch, no more
                    await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if in_flight:
                # Every send finishes (or fails on the store) before the pass ends.
                outcomes = await asyncio.gather(*in_flight, return_exceptions=True)
                problem = next((o for o in outcomes if isinstance(o, BaseException)), None)
                if problem is not None:
                    raise problem
        return report

    async def serve(self, stop: asyncio.Event, *, idle: float = 0.25) -> None:
        """Dispatches until `stop` is set; in-flight sends finish, unsent claims are released.
        With nothing due it looks again every `idle` seconds (one indexed read), so a message
        another process enqueued, such as a referrer's status after a click, waits at most
        that long."""
        away = 0.0  # how long the database has been unreachable, for the back-off
        try:
            while not stop.is_set():
                wait = idle
                try:
                    await self.run()
                    due = await self._db(self.book.next_due)
                except DBAPIError as exc:
                    # A database restart or failover: nothing is lost (unrecorded sends come
                    # back when their claim expires and are checked with the provider first).
                    away = min(_DB_RETRY[1], max(_DB_RETRY[0], away * 2))
                    log.warning(
                        "outbox: database unavailable (%s), retry in %.1fs", _kind(exc), away
                    )
                    wait, due = away, None
                else:
                    if away:
                        log.info("outbox: database reachable again")
                    away = 0.0
                if due is not None:
                    early = (due - _LOOKAHEAD - datetime.now(UTC)).total_seconds()
                    wait = min(idle, max(0.01, early))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=wait)
        finally:
            self._stopping = True
            try:
                released = await self._db(self.book.release)
            except DBAPIError as exc:  # their claims expire after the lease instead
                log.warning("outbox: claims not released on shutdown (%s)", _kind(exc))
                released = 0
            if released:
                log.info("released %s claimed outbox rows on shutdown", released)

    def stop(self) -> None:
        """No new claims, and claimed rows not yet being sent are left for `serve` to release."""
        self._stopping = True

    # -- one message ----------------------------------------------------------------------

    async def _deliver(
        self,
        job: Job,
        clock: Callable[[], datetime],
        report: DispatchReport,
        gate: asyncio.Semaphore,
    ) -> None:
        row = job.row
        # The correlation id of every log line about this message (this task's context
        # only); the key's kind, not the key, which can name a person's id.
        bind(outbox=row.id, outbox_kind=row.key.partition(":")[0])
        platform: Platform | None = None
        lane = ""  # the provider account the message goes through (bot/ports.py, HasLanes)
        channel = "none"  # the metrics label until the route is known
        try:
            recipient, adapter = self._route(job)
            platform = recipient.platform
            channel = platform.value
            if id(adapter) in self._laned:  # runs as the row's tenant: its own account
                lane = await cast(HasLanes, adapter).lane()
            if self._consent_withdrawn(job):
                raise ChannelUnavailable(reason="consent_withdrawn")
            early = (row.not_before - clock()).total_seconds()
            if early > 0:  # claimed ahead: wait for its moment
                await asyncio.sleep(early)
            async with gate:
                if self._stopping:  # stays claimed until `serve` releases it
                    return
                self._check_pause(recipient.platform, lane, clock())
                delivery = await self._send_once(job, recipient, adapter, lane, report, clock)
        except RateLimited as exc:
            if isinstance(exc, _Paused):  # held back by an earlier Retry-After: its end
                later = exc.until
            elif isinstance(exc, RetrySoon):  # this request only (Teams 412/502/504)
                later = clock() + timedelta(seconds=exc.retry_after)
            else:
                # Retry-After holds for the provider account (lane), not this conversation.
                later = clock() + timedelta(seconds=max(exc.retry_after, 1))
                if platform is not None:
                    earlier = self._paused_until.get((platform, lane))
                    self._paused_until[platform, lane] = max(earlier, later) if earlier else later
            await self._db(self.book.defer, row, later, "rate_limited", False)
            SENDS.labels(channel, "rate_limited", row.tenant_id).inc()
            report.retried += 1
        except ReachElsewhere as exc:  # e.g. Teams cannot be installed for this person
            await self._db(self.book.reach_elsewhere, row, clock(), _reason(exc))
            SENDS.labels(channel, "rerouted", row.tenant_id).inc()
            report.retried += 1
        except (RecipientGone, ChannelUnavailable) as exc:
            await self._db(self.book.fail, row, clock(), _reason(exc))
            SENDS.labels(channel, "failed", row.tenant_id).inc()
            report.failed += 1
        except DeliveryFailed as exc:
            await self._retry_or_fail(row, clock(), _reason(exc), channel, report)
        except Exception as exc:  # an adapter bug must not stop the other messages
            log.exception("outbox %s: unexpected error from the adapter", row.id)
            await self._retry_or_fail(row, clock(), type(exc).__name__, channel, report)
        else:
            sent = Sent(
                id=row.id,
                conversation=row.conversation,
                at=clock(),
                channel=recipient.platform.value,
                message_id=delivery.message_id,
                space=adapter.channel_interval,
            )
            await self._recorder.record((row, sent))
            report.sent += 1
            log.info("outbox sent via %s", channel)

    def _check_pause(self, platform: Platform, lane: str, now: datetime) -> None:
        paused = self._paused_until.get((platform, lane))
        if paused is not None and paused > now:
            raise _Paused(paused)

    async def _send_once(
        self,
        job: Job,
        recipient: Recipient,
        adapter: ChatAdapter,
        lane: str,
        report: DispatchReport,
        clock: Callable[[], datetime],
    ) -> Delivery:
        row = job.row
        since = job.claim.unconfirmed_since
        if since is not None:
            # An earlier attempt may have arrived: ask the provider before sending again.
            report.taken_over += 1
            CLAIMS_TAKEN_OVER.inc()
            try:
                found = await adapter.find(
                    recipient, key=row.key, since=since - timedelta(minutes=1)
                )
            except RateLimited:
                raise
            except DeliveryFailed as exc:  # cannot tell (e.g. no history scope): send again
                log.warning("outbox %s: could not check an earlier attempt: %s", row.id, exc)
                found = None
            if found is not None:
                report.reconciled += 1
                SENDS.labels(recipient.platform.value, "reconciled", row.tenant_id).inc()
                return found
        message = Message(
            key=row.message_key,
            params=dict(row.params),
            actions=tuple(Action.from_dict(a) for a in row.actions),
            language=language_of(row.language),
        )
        image = await attachments.for_message(message)  # None but for a digest
        limit = self._app_limits.get(recipient.platform)
        if limit is not None:
            async with limit:
                # A Retry-After may have come in while this waited for its turn.
                self._check_pause(recipient.platform, lane, clock())
                delivery = await attachments.send(adapter, recipient, message, image, key=row.key)
        else:
            delivery = await attachments.send(adapter, recipient, message, image, key=row.key)
        SENDS.labels(recipient.platform.value, "sent", row.tenant_id).inc()
        return delivery

    async def _retry_or_fail(
        self, row: Queued, now: datetime, error: str, channel: str, report: DispatchReport
    ) -> None:
        if row.attempts + 1 >= self.max_attempts:
            await self._db(self.book.fail, row, now, "too_many_attempts")
            SENDS.labels(channel, "failed", row.tenant_id).inc()
            report.failed += 1
            return
        # Exponential backoff with jitter: 30 s, 1 min, 2 min, ... at most an hour.
        delay = min(3600, 30 * 2**row.attempts) * random.uniform(0.5, 1.5)
        # A time-out may have delivered it after all: mark it, so the next try asks first.
        marker = UNCONFIRMED if error.startswith(_MAYBE_ARRIVED) else error
        await self._db(self.book.defer, row, now + timedelta(seconds=delay), marker, True)
        SENDS.labels(channel, "retried", row.tenant_id).inc()
        report.retried += 1
        log.warning("outbox %s retry in %ss: %s", row.id, int(delay), error)

    def _route(self, job: Job) -> tuple[Recipient, ChatAdapter]:
        row = job.row
        if row.platform and row.address:
            platform = Platform(row.platform)
            adapter = self.adapters.get(platform) or self.console
            if adapter is None:
                raise ChannelUnavailable(reason=f"no_{platform.value}")
            return Recipient(platform, row.address, row.address), adapter
        person = job.person
        if person is None or not person.active:
            raise RecipientGone(reason="person_left")
        for platform, attribute in _PERSON_CHANNELS:
            address = getattr(person, attribute)
            if address and platform in self.adapters:
                return Recipient(platform, address, person.name, person.id), self.adapters[platform]
        if self.console is not None:
            for platform, attribute in _PERSON_CHANNELS:
                address = getattr(person, attribute)
                if address:
                    return Recipient(platform, address, person.name, person.id), self.console
        raise ChannelUnavailable(reason="no_channel")

    @staticmethod
    def _consent_withdrawn(job: Job) -> bool:
        """A disclosure queued under a consent that has since been lowered is not sent."""
        if job.row.referral_id is None:
            return False
        return is_withdrawn(job.row.disclosure_basis, job.consent)

    # -- the store, each call one short transaction in a worker thread --------------------

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)


def _kind(exc: DBAPIError) -> str:
    return type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__


def _reason(exc: DeliveryFailed) -> str:
    return str(exc.params.get("reason") or type(exc).__name__)
