"""The ChatAdapter port every channel implements, and the values that cross it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
    """One channel. `key` is the outbox row's idempotency key; an adapter that can attach it
    to the sent message (Slack message metadata) can also `find` it again, which lets the
    dispatcher check whether a message whose worker crashed mid-send already arrived."""

    platform: ClassVar[Platform]
    # Least time between two messages to one conversation, in seconds (0: no limit).
    channel_interval: ClassVar[float]

    async def send(self, to: Recipient, message: Message, *, key: str) -> Delivery: ...

    async def update(self, delivery: Delivery, message: Message) -> Delivery: ...

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        """The earlier delivery of `key` to `to` since `since`, or None (also: cannot tell)."""
        ...

    async def close(self) -> None:
        """Releases connections; called once when the process stops."""
        ...
