"""Refused API-key attempts, counted in aggregate: per source address (and presented key
name, for a stored key with a wrong secret or revoked) and per window, one audit row, one
log line and the Prometheus counter; never one audit row per attempt (a flood of random
keys cannot fill the append-only audit log)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from prometheus_client import Counter

from bot.logs import get_logger

log = get_logger("terugkoppel.http")

KEY_REFUSALS = Counter(
    "terugkoppel_api_key_refusals_total",
    "REST requests with an API key that is unknown, wrong or revoked.",
    ["kind"],  # unknown | refused (a stored key: wrong secret or revoked)
    registry=None,
)

WINDOW_SECONDS = 600


class KeyAttempts:
    """Counts refused attempts per (source, name) and window of `window` seconds. Bounded:
    the least recently seen sources are forgotten first. Thread-safe."""

    def __init__(
        self,
        *,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        size: int = 10_000,
    ) -> None:
        self.window = window
        self.clock = clock
        self.size = size
        self._seen: OrderedDict[tuple[str, str], tuple[int, int]] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, *, source: str, name: str | None) -> bool:
        """Counts one attempt; True when it is the first of its source (and name) in this
        window: the caller writes the window's audit row."""
        KEY_REFUSALS.labels("refused" if name else "unknown").inc()
        window = int(self.clock() // self.window)
        key = (source, name or "")
        with self._lock:
            previous = self._seen.pop(key, None)
            first = previous is None or previous[0] != window
            if previous is not None and first and previous[1] > 1:
                # the totals of a source's earlier window, once it is over
                log.warning(
                    "refused api key attempts", source=source, key_name=name, count=previous[1]
                )
            count = 1 if first else previous[1] + 1  # type: ignore[index]
            self._seen[key] = (window, count)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
        if first:
            log.warning("refused api key attempt", source=source, key_name=name)
        return first
