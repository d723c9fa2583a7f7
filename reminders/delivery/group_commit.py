"""Group commit: results that arrive while one transaction is being written go into the
next one together, so a burst of sends costs a few transactions instead of one each.

A caller's `record` returns once its own result is committed, so nothing is reported
done before it is stored; a crash in between loses only the record, and the outbox
claim's lease brings the row back to be checked with the provider (see dispatch.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class GroupCommit(Generic[T]):
    def __init__(self, write: Callable[[list[T]], None]) -> None:
        self._write = write  # one transaction for the list; runs in a worker thread
        self._waiting: list[tuple[T, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, item: T) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        try:
            while self._waiting:
                group, self._waiting = self._waiting, []
                await self._commit(group)
        finally:
            self._writer = None

    async def _commit(self, group: list[tuple[T, asyncio.Future[None]]]) -> None:
        try:
            await asyncio.to_thread(self._write, [item for item, _ in group])
        except Exception as exc:
            if len(group) > 1:
                # One bad item must not fail the others: write them one by one.
                log.warning("group of %s failed (%s); writing one by one", len(group), exc)
                for one in group:
                    await self._commit([one])
                return
            _, future = group[0]
            if not future.done():
                future.set_exception(exc)
            return
        for _, future in group:
            if not future.done():
                future.set_result(None)
