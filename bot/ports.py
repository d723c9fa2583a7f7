"""The ChatAdapter port every channel implements, and the values that cross it."""

from __future__ import annotations

import errno
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol, runtime_checkable

from bot.domain.model import Platform
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


@dataclass(frozen=True)
class Attachment:
    """An image that belongs with a message (the digest's trend chart, a PNG)."""

    filename: str
    media_type: str
    data: bytes
    title: str
    alt_text: str


@runtime_checkable
class SendsAttachments(Protocol):
    """Optional: an adapter that can deliver a message together with an image. The
    dispatcher uses it when a message has an attachment; an adapter without it gets the
    message alone. Like `send`, it is called once per outbox row (`key`) and must either
    deliver both or raise, so a retry never leaves the text without its image for good."""

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str
    ) -> Delivery: ...


@runtime_checkable
class HasLanes(Protocol):
    """Optional: an adapter that reaches its provider through more than one account (Slack:
    a bot token per workspace, each municipality's own). `lane()` names the account the
    current work goes through (the tenant is in the context); a Retry-After or a refused
    credential from the provider then holds back that lane only, not the whole channel."""

    async def lane(self) -> str: ...


def attachment_tag(key: str) -> str:
    """A short, stable tag of an outbox key, for names a provider shows (no key in clear)."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def attachment_filename(key: str, filename: str) -> str:
    """`trend.png` for outbox row `key` → `trend-<tag>.png`: a provider that keeps no
    metadata on files still lets `find` recognise the file by its name."""
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    return f"{stem}-{attachment_tag(key)}{dot}{suffix}"


def is_attachment_of(key: str, filename: str) -> bool:
    stem = filename.rpartition(".")[0] or filename
    return stem.endswith(f"-{attachment_tag(key)}")


@dataclass(frozen=True)
class Probe:
    """What one adapter's connectivity probe found (`terugkoppel check`, bot/main/checks.py):
    `ok` with the parameters of the sentence `check.detail.<name>`, or `key` naming the
    problem's sentence. A probe makes one real call and never sends a message."""

    ok: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def problem(cls, key: str, **params: Any) -> Probe:
        return cls(False, key, params)

    @classmethod
    def unreachable(cls, host: str, error: BaseException, *, variable: str) -> Probe:
        """`host` did not answer; `variable` is the setting to look at."""
        return cls.problem(
            "check.unreachable", host=host, error=failure_gist(error), variable=variable
        )


def failure_gist(exc: BaseException) -> str:
    """The gist of a connection failure: the errno's name when there is one."""
    seen: BaseException | None = exc
    while seen is not None:
        os_error = getattr(seen, "os_error", None) if not isinstance(seen, OSError) else seen
        number = os_error.errno if isinstance(os_error, OSError) else None
        if number is not None and number in errno.errorcode:
            return errno.errorcode[number]
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__
