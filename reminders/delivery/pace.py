"""A provider's request limit for the whole app ("30 requests per second per app per
tenant"), kept as the provider counts it: at most `limit` requests in any window of
`period` seconds, whatever the network does to them on the way."""

from __future__ import annotations

import asyncio
import math
from types import TracebackType


class WindowLimit:
    """`limit` tokens, each good for one request at a time. A request takes the token that
    came back first and starts no earlier than `period` after that token's last request
    was answered. Any `limit` + 1 requests therefore include two on one token, and the
    provider received those at least `period` apart: never more than `limit` within one
    window, measured on either side. (A leaky bucket such as aiolimiter's lets a full
    bucket through at once and then its rate, up to twice the limit in one window.)"""

    def __init__(self, limit: int, period: float = 1.0) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("limit must be at least 1 and period positive")
        self.period = period
        self._tokens: asyncio.Queue[float] = asyncio.Queue()
        for _ in range(limit):
            self._tokens.put_nowait(-math.inf)

    @classmethod
    def per_second(cls, rate: float) -> WindowLimit:
        """`rate` requests a second; a fraction as whole requests over a longer window."""
        limit = max(1, math.floor(rate))
        return cls(limit, limit / rate)

    async def __aenter__(self) -> None:
        free_at = await self._tokens.get()
        loop = asyncio.get_running_loop()
        try:
            wait = free_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
        except BaseException:
            self._tokens.put_nowait(free_at)  # cancelled before the request: unused
            raise

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # Answered or failed, the request may have reached the provider: the token rests.
        self._tokens.put_nowait(asyncio.get_running_loop().time() + self.period)
