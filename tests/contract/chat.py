"""The contract suite's face of a channel: a `Chat` holds one ChatAdapter on its fake, a
recipient, and reads back what that recipient received as a `Seen` (the text a person
reads, the buttons or links, what each answers). What a channel cannot do is declared here
(`CAN`), with why, so each case runs on exactly the adapters that claim the capability.
The four channels themselves are in tests/contract/channels.py.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import zlib
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.domain.model import Platform
from bot.ports import Attachment, ChatAdapter
from bot.ports import Recipient as To

T = TypeVar("T")

# What each channel can do. Absent, with the reason:
# - find: only Slack keeps the outbox key on the message (metadata) and lists history; the
#   Bot Connector lists no history, SMTP cannot look, the console keeps nothing.
# - edit: Slack and Teams change the sent message in place; an e-mail cannot be changed
#   once sent and the console cannot reprint a line, so both deliver the new version anew.
# - rate_limit: SMTP relays give no Retry-After (a 4xx is a passing failure); the console
#   has no provider.
# - gone, permanent, passing, unreachable: the console has no provider that can refuse.
CAN: dict[str, frozenset[str]] = {
    "find": frozenset({"slack"}),
    "edit": frozenset({"slack", "teams"}),
    "rate_limit": frozenset({"slack", "teams"}),
    "gone": frozenset({"slack", "teams", "email"}),
    "permanent": frozenset({"slack", "teams", "email"}),
    "passing": frozenset({"slack", "teams", "email"}),
    "unreachable": frozenset({"slack", "teams", "email"}),
}
NAMES = ("slack", "teams", "email", "console")


def able(capability: str) -> list[str]:
    return [name for name in NAMES if name in CAN[capability]]


@dataclass(frozen=True)
class Seen:
    """One message as its recipient received it."""

    address: str  # the channel, conversation, mailbox or printed address it reached
    text: str  # what the person reads
    buttons: list[str]  # the labels of its buttons (chat) or answer links (e-mail)
    answers: list[str] | None  # what each button answers with; None: the channel shows none
    message_id: str | None  # the provider's id for it; None: the channel shows none
    image: bytes | None = None  # an attached image, as received


class Chat:
    """One adapter on its fake. Subclasses read the fake's wire and inject its faults."""

    name: str
    platform: Platform
    unreachable_reason = ""  # how the error of an unreachable provider's reason starts

    def __init__(self, adapter: ChatAdapter, to: To) -> None:
        self.adapter = adapter
        self.to = to
        self.loop = asyncio.new_event_loop()
        self.opened: list[ChatAdapter] = [adapter]

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    @property
    def where(self) -> str:
        """Where a message to `to` is received (Slack: the app's DM channel with the user)."""
        return self.to.address

    def can(self, capability: str) -> bool:
        return self.name in CAN[capability]

    def seen(self) -> list[Seen]:
        raise NotImplementedError

    def fresh(self) -> ChatAdapter:
        """A second adapter on the same fake, as a worker that started after a crash."""
        raise NotImplementedError

    def unreachable(self) -> ChatAdapter:
        """An adapter whose provider does not answer (nothing listens on its port)."""
        raise NotImplementedError

    def fault(self, kind: str) -> str:
        """The next send meets `kind` (rate_limit with Retry-After 7, gone, permanent,
        passing); returns the reason the adapter's error must name."""
        raise NotImplementedError

    def heal(self) -> None:
        """Ends a fault that lasts (a refused address) so the next send goes through."""

    def close(self) -> None:
        for adapter in self.opened:
            self.run(adapter.close())
        self.loop.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def png() -> bytes:
    """A real one-pixel PNG (what the digest's chart is, only smaller)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x5f\x8b")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def chart() -> Attachment:
    return Attachment("trend.png", "image/png", png(), "Laatste 12 weken", "Grafiek: trend")
