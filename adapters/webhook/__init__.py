"""Status webhooks out: one outbox row becomes one signed POST to an organisation's URL.

Signed by the Standard Webhooks specification (the `standardwebhooks` package): headers
`webhook-id` (the same on every retry of a row, so a receiver can drop a repeat),
`webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256>` over
`id.timestamp.body`. The dispatcher retries like every other message: a 5xx, a time-out
or no connection is tried again with backoff; 429 honours Retry-After. Every attempt is
written to the delivery log (bot/app/referrals/webhooks.py) that `terugkoppel webhook log` shows.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar

import aiohttp
from standardwebhooks.webhooks import Webhook

from bot.app.data import Data
from bot.app.referrals import webhooks
from bot.domain.errors import DeliveryFailed, RateLimited, RecipientGone
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import Delivery, Recipient

_TIMEOUT = aiohttp.ClientTimeout(total=10)


class WebhookAdapter:
    platform: ClassVar[Platform] = Platform.WEBHOOK
    channel_interval: ClassVar[float] = 0.0

    def __init__(self, data: Data, *, clock: Callable[[], datetime] | None = None) -> None:
        self.data = data
        self.clock = clock or (lambda: datetime.now(UTC))
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _client(self) -> aiohttp.ClientSession:
        """One session per event loop: a tick or the demo may run several loops in turn."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(timeout=_TIMEOUT)
            self._loop = loop
        return self._session

    async def send(self, to: Recipient, message: Message, *, key: str) -> Delivery:
        target = await asyncio.to_thread(webhooks.target, self.data.uow(), address=to.address)
        if target is None:
            raise RecipientGone(reason="webhook_removed")
        msg_id = webhooks.message_id(key)
        body = json.dumps(message.params, separators=(",", ":"), sort_keys=True)
        sent_at = self.clock()
        signature = Webhook(target.secret).sign(msg_id, sent_at, body)
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
        }
        event = str(message.params.get("type", ""))
        status: int | None = None
        error: str | None = None
        retry_after = 0.0
        try:
            async with self._client().post(target.url, data=body, headers=headers) as answer:
                status = answer.status
                retry_after = _seconds(answer.headers.get("Retry-After"))
        except TimeoutError:
            error = "timeout"
        except aiohttp.ClientError as exc:
            error = f"connection: {type(exc).__name__}"
        if status is not None and not 200 <= status < 300:
            error = f"http_{status}"
        await asyncio.to_thread(
            webhooks.record_attempt,
            self.data.uow(),
            webhook_id=target.webhook_id,
            outbox_key=key,
            event=event,
            at=sent_at,
            status_code=status,
            error=error,
        )
        if error is None:
            return Delivery(self.platform, to, msg_id)
        if status == 429:
            raise RateLimited(retry_after=retry_after or 60.0, reason="http_429")
        raise DeliveryFailed(reason=error)

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        return delivery  # an event is sent once; a later status is a new event

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        return None  # cannot tell: sent again with the same webhook-id, the receiver drops it

    async def close(self) -> None:
        if self._session is not None and self._loop is asyncio.get_running_loop():
            await self._session.close()
        self._session = None


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0
