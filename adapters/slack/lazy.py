"""The work after Slack's ack (Bolt's lazy listeners), run by a bounded number of jobs at
once so that the acks of the next requests come first.

Bolt starts every lazy listener as its own task the moment its ack is sent. Under
concurrency those tasks (each a few database calls in threads and a reply to Slack) all
compete with the next acks for the event loop and the GIL, and the acks wait behind them.
Here at most `at_once` run at the same time; the others wait in a queue, in the order they
came, each in the context of its own request (its tenant, its log fields). A queue that
grows past `backlog` makes new requests wait for room before they are read
(`SlackEvents`), so memory and what a crash could lose stay bounded, and at shutdown the
queue is worked off before the process ends (`drain`).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from prometheus_client import Gauge, Histogram
from slack_bolt.lazy_listener.async_internals import to_runnable_function
from slack_bolt.lazy_listener.async_runner import AsyncLazyListenerRunner
from slack_bolt.request.async_request import AsyncBoltRequest

log = logging.getLogger(__name__)

LAZY_WAITING = Gauge(
    "terugkoppel_slack_lazy_waiting",
    "Slack requests acknowledged whose work waits for its turn.",
    registry=None,
)
LAZY_WAIT = Histogram(
    "terugkoppel_slack_lazy_wait_seconds",
    "Time from a Slack request's ack to the start of its work.",
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,
)

Job = Coroutine[Any, Any, None]

# Jobs at once: enough that a slow Slack (a reply waits on the network, not the CPU) does not
# hold up the queue, few enough that they do not crowd out the acks (docs/capacity.md).
AT_ONCE = 8
# Jobs waiting before new requests wait for room (bounded memory, bounded loss on a crash).
BACKLOG = 500


class LazyQueue(AsyncLazyListenerRunner):
    """Bolt's lazy listener runner, with a limit on the jobs that run at once."""

    def __init__(
        self, logger: logging.Logger, *, at_once: int = AT_ONCE, backlog: int = BACKLOG
    ) -> None:
        if at_once < 1 or backlog < 1:
            raise ValueError("at_once and backlog must be at least 1")
        self.logger = logger
        self.at_once = at_once
        self.backlog = backlog
        self._waiting: deque[tuple[Job, contextvars.Context, float]] = deque()
        self._running: set[asyncio.Task[None]] = set()
        self._changed: asyncio.Event | None = None

    def start(self, function: Callable[..., Awaitable[None]], request: AsyncBoltRequest) -> None:
        """Bolt calls this right after the ack (synchronously): the job joins the queue."""
        job = to_runnable_function(internal_func=function, logger=self.logger, request=request)
        # the request's context (its tenant, its log fields), as a task started here has
        self._waiting.append((job, contextvars.copy_context(), time.perf_counter()))
        LAZY_WAITING.set(len(self._waiting))
        self._next()

    @property
    def pending(self) -> int:
        """Jobs waiting or running."""
        return len(self._waiting) + len(self._running)

    async def room(self) -> None:
        """Waits while the queue is full: a new request is read once there is room."""
        while len(self._waiting) >= self.backlog:
            await self._wait_for_change()

    async def drain(self, seconds: float) -> bool:
        """Waits until every job has run (shutdown); False when `seconds` ran out first."""
        try:
            async with asyncio.timeout(seconds):
                while self.pending:
                    await self._wait_for_change()
        except TimeoutError:
            log.warning("Slack: %s requests not worked off at shutdown", self.pending)
            while self._waiting:  # never started: closed, not left for the loop to warn about
                self._waiting.popleft()[0].close()
            return False
        return True

    def _next(self) -> None:
        while self._waiting and len(self._running) < self.at_once:
            job, context, queued = self._waiting.popleft()
            LAZY_WAITING.set(len(self._waiting))
            LAZY_WAIT.observe(time.perf_counter() - queued)
            task = asyncio.get_running_loop().create_task(job, context=context)
            self._running.add(task)
            task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # to_runnable_function logs a listener's own errors; this is anything else
            log.error("Slack lazy work failed", exc_info=task.exception())
        self._next()
        if self._changed is not None:
            self._changed.set()

    async def _wait_for_change(self) -> None:
        if self._changed is None or self._changed.is_set():
            self._changed = asyncio.Event()
        await self._changed.wait()
