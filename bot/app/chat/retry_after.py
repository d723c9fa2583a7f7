"""How long a chat provider (Slack, the Bot Connector, Graph) asked us to wait: its
Retry-After header, read the same way for every provider."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

DEFAULT_RETRY_AFTER = 1.0


def retry_after(headers: Mapping[str, Any]) -> float:
    """Seconds from a Retry-After header (whole seconds in practice); 1 when absent or odd."""
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        seconds = float(value) if value is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    return seconds if math.isfinite(seconds) and seconds >= 0 else DEFAULT_RETRY_AFTER
