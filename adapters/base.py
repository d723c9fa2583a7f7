"""The ChatAdapter port every channel implements, and the values that cross it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from bot.domain import Platform
from bot.messages import Message


@dataclass(frozen=True)
class Recipient:
    """Where a message goes: a person's chat id or e-mail, or a team channel."""

    platform: Platform
    address: str
    name: str
    person_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """What the provider said it did; `message_id` lets an adapter update the message later."""

    platform: Platform
    recipient: Recipient
    message_id: str


class ChatAdapter(Protocol):
    platform: ClassVar[Platform]

    async def send(self, to: Recipient, message: Message) -> Delivery: ...

    async def update(self, delivery: Delivery, message: Message) -> Delivery: ...
