"""An in-memory adapter for tests: records what was sent and can be told to fail."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from bot.domain.errors import DeliveryFailed
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import Attachment, Delivery, Recipient


@dataclass
class Sent:
    recipient: Recipient
    message: Message
    message_id: str


@dataclass
class FakeAdapter:
    platform: ClassVar[Platform] = Platform.CONSOLE
    channel_interval: ClassVar[float] = 0.0
    sent: list[Sent] = field(default_factory=list)
    updated: list[Sent] = field(default_factory=list)
    fail_with: list[DeliveryFailed] = field(default_factory=list)
    fail_platform: Platform | None = None  # where the last injected failure happened
    attachments: list[tuple[Sent, Attachment]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, to: Recipient, message: Message, *, key: str = "") -> Delivery:
        if self.fail_with:
            self.fail_platform = to.platform
            raise self.fail_with.pop(0)
        message_id = f"fake-{next(self._ids)}"
        self.sent.append(Sent(to, message, message_id))
        return Delivery(self.platform, to, message_id)

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str = ""
    ) -> Delivery:
        delivery = await self.send(to, message, key=key)
        self.attachments.append((self.sent[-1], attachment))
        return delivery

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        self.updated.append(Sent(delivery.recipient, message, delivery.message_id))
        return delivery

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        return None

    async def close(self) -> None:
        return None

    def keys_for(self, person_id: str) -> list[str]:
        return [s.message.key for s in self.sent if s.recipient.person_id == person_id]
