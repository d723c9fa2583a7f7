"""A chat's daily upkeep (linking people by e-mail, out-of-office): run once a day per
cluster, tried every hour, dropping the inbound keys no retry will repeat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app.data import Data

log = logging.getLogger(__name__)
KEEP_INBOUND_KEYS = timedelta(days=2)
EVERY = 3600.0


def due(data: Data, *, job: str, period: str) -> bool:
    """The daily upkeep `job` has not run in `period` yet (one run per cluster)."""
    with data.uow() as uow:
        return not uow.jobs.has_run(name=job, period=period)


def done(data: Data, *, job: str, period: str, now: datetime) -> None:
    """Marks `job` run for `period`, dropping inbound keys no retry will repeat."""
    with data.uow() as uow:
        uow.inbound.purge(before=now - KEEP_INBOUND_KEYS)
        uow.jobs.mark_run(name=job, period=period, now=now)
        uow.commit()


async def every_hour(
    run: Callable[[datetime], Coroutine[Any, Any, None]], stop: asyncio.Event, *, what: str
) -> None:
    """`run` now and then every hour, until `stop` is set (which also cancels a run in
    progress: it is not marked done and runs again at the next start). A failure is logged
    and tried again an hour later."""
    while not stop.is_set():
        work = asyncio.create_task(run(datetime.now(UTC)))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not work.done():
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work
            return
        stopped.cancel()
        if work.exception() is not None:  # a provider or store outage must not end the loop
            log.error("%s upkeep failed; trying again in an hour", what, exc_info=work.exception())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=EVERY)
