"""The one table from Bot Connector and Graph HTTP answers to our delivery errors."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from bot.app.chat.retry_after import retry_after
from bot.domain.errors import (
    ChannelUnavailable,
    CredentialsRejected,
    DeliveryFailed,
    RateLimited,
    RecipientGone,
    RetrySoon,
)

# Microsoft's guidance for Teams bots: retry 429, 412, 502 and 504 with exponential
# backoff and jitter. A 429 carries Retry-After; 412/502/504 retry soon (seconds).
RETRY_SOON = frozenset({412, 502, 504})
CREDENTIALS_PAUSE = 60.0
# Error codes in the Bot Connector's body ({"error": {"code": …}}) that say the person or
# conversation is gone, rather than our app being refused.
GONE_CODES = frozenset(
    {
        "ConversationNotFound",
        "ConversationBlockedByUser",
        "BotNotInConversationRoster",
        "UserNotFound",
        "NotFound",
        "BotDisabledByAdmin",
    }
)


def error_for(
    status: int, headers: Mapping[str, Any], body: object, *, attempt: int = 0
) -> DeliveryFailed:
    """Our error for a failed Bot Connector or Graph call."""
    code = _code(body)
    reason = f"http_{status}" + (f":{code}" if code else "")
    if status == 429:
        return RateLimited(retry_after=retry_after(headers), reason=reason)
    if status in RETRY_SOON:
        # Backoff with full jitter by consecutive failure; this conversation only.
        return RetrySoon(retry_after=backoff(attempt), reason=reason)
    if status == 401:
        return CredentialsRejected(retry_after=CREDENTIALS_PAUSE, reason=reason)
    if status in (403, 404, 410) and (status != 403 or code in GONE_CODES):
        return RecipientGone(reason=reason)
    if status == 403:
        return ChannelUnavailable(reason=reason)
    if status >= 500 or status == 408:
        return DeliveryFailed(reason=reason)
    if 400 <= status < 500:
        return ChannelUnavailable(reason=reason)  # the request itself is wrong: no retry helps
    return DeliveryFailed(reason=reason)


def backoff(attempt: int, *, base: float = 1.0, cap: float = 30.0) -> float:
    """Exponential backoff with full jitter: up to 1, 2, 4 … seconds, at most `cap`."""
    return random.uniform(base / 2, min(cap, base * 2**attempt))


def _code(body: object) -> str | None:
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping) and error.get("code"):
            return str(error["code"])
    return None
