"""The e-mail channel: SMTP through the organisation's secure relay (NTA 7516).

`smtp://` requires STARTTLS and `smtps://` speaks TLS from the first byte; the certificate is
verified against the system's trust store (SSL_CERT_FILE where set) plus an optional private
CA (TERUGKOPPEL_SMTP_CA_FILE). A relay without STARTTLS or with an untrusted certificate is
never used: the channel pauses and the messages wait. `terugkoppel check` opens its session
with the same function, so the probe and the adapter cannot disagree.

Provider answers map to our errors in one table (`_classify`): a 4xx or a lost connection is
retried through the outbox, a 5xx ends the message (the coordinator is told), refused
credentials pause the channel. One SMTP session per message: relays expect that, and the
dispatcher's concurrency bounds how many are open.
"""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import aiosmtplib

from adapters.email.compose import LinkFor, compose, envelope_sender, valid_address
from bot.domain.errors import (
    ChannelUnavailable,
    CredentialsRejected,
    DeliveryFailed,
    RecipientGone,
    TransportInsecure,
)
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import Attachment, Delivery, Recipient

log = logging.getLogger(__name__)

PAUSE = 60.0  # seconds e-mail waits after a refused login or an insecure relay
_QUEUED = re.compile(r"queued as ([A-Za-z0-9._-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    implicit_tls: bool
    user: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget | None:
    """smtp://[user:password@]host:port (STARTTLS required) or smtps://… (TLS at once)."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        return None
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        return None
    return SmtpTarget(
        host=parts.hostname,
        port=port,
        implicit_tls=parts.scheme == "smtps",
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def tls_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """Verification on (hostname and chain), TLS 1.2 or newer; the system's trust store
    (SSL_CERT_FILE where set) and, if given, a private CA on top of it."""
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


class StartTlsMissing(aiosmtplib.SMTPException):
    """The relay did not offer STARTTLS: we hang up before saying anything else."""


async def open_session(
    target: SmtpTarget, context: ssl.SSLContext, *, seconds: float
) -> aiosmtplib.SMTP:
    """Connected, encrypted, verified and logged in (when a user is given), or an exception;
    nothing but EHLO and STARTTLS is ever said over an unencrypted connection."""
    client = aiosmtplib.SMTP(
        hostname=target.host,
        port=target.port,
        use_tls=target.implicit_tls,
        start_tls=False,  # never opportunistic: required below, or the session ends
        validate_certs=True,
        tls_context=context,
        timeout=seconds,
    )
    await client.connect()
    try:
        await client.ehlo()
        if not target.implicit_tls:
            if not client.supports_extension("starttls"):
                raise StartTlsMissing(f"{target.host}:{target.port} offers no STARTTLS")
            await client.starttls()
        if target.user is not None:
            await client.login(target.user, target.password or "")
    except BaseException:
        client.close()
        raise
    return client


def certificate_problem(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class EmailAdapter:
    platform: ClassVar[Platform] = Platform.EMAIL
    channel_interval: ClassVar[float] = 0.0

    def __init__(
        self,
        target: SmtpTarget,
        *,
        sender: str,
        ca_file: Path | None = None,
        timeout: float = 30.0,
        link_for: LinkFor | None = None,
        sender_for: Callable[[], str | None] | None = None,
    ) -> None:
        self.target = target
        self.sender = sender
        # the sender of the municipality being sent for (the dispatcher sends each message
        # as its tenant), when it has one of its own
        self.sender_for = sender_for
        self.context = tls_context(ca_file)
        self.timeout = timeout
        self.link_for = link_for

    async def send(self, to: Recipient, message: Message, *, key: str) -> Delivery:
        return await self._deliver(to, message, None, key=key)

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str
    ) -> Delivery:
        """The digest: its chart inline (`cid:`) in the HTML part, one e-mail."""
        return await self._deliver(to, message, attachment, key=key)

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        """An e-mail cannot be changed once sent: the new version goes as a new e-mail."""
        key = f"update:{delivery.message_id}:{message.key}:{sorted(message.params.items())}"
        return await self.send(delivery.recipient, message, key=key)

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        return None  # SMTP cannot tell; a repeat carries the same Message-ID

    async def close(self) -> None:
        return None

    async def _deliver(
        self, to: Recipient, message: Message, image: Attachment | None, *, key: str
    ) -> Delivery:
        if not valid_address(to.address):
            raise RecipientGone(reason="email_address_invalid")
        sender = (self.sender_for() if self.sender_for else None) or self.sender
        mail = compose(
            message,
            to=to,
            sender=sender,
            key=key,
            link_for=self.link_for,
            image=image,
        )
        where = f"{self.target.host}:{self.target.port}"
        sending = False
        client: aiosmtplib.SMTP | None = None
        try:
            client = await open_session(self.target, self.context, seconds=self.timeout)
            sending = True
            _, reply = await client.send_message(
                mail, sender=envelope_sender(sender), recipients=[to.address]
            )
        except Exception as exc:
            raise _classify(exc, where=where, sending=sending) from exc
        finally:
            if client is not None and client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError, TimeoutError):
                    client.close()
        queued = _QUEUED.search(reply)
        provider_id = str(mail["Message-ID"])
        if queued:
            provider_id = f"{provider_id} {queued.group(1)}"
        return Delivery(self.platform, to, provider_id[:200])


def _classify(exc: Exception, *, where: str, sending: bool) -> DeliveryFailed:
    """The one table from SMTP answers to our errors (see the module docstring)."""
    if isinstance(exc, StartTlsMissing):
        log.critical("e-mail paused: %s offers no STARTTLS; nothing is sent unencrypted", where)
        return TransportInsecure(retry_after=PAUSE, reason="smtp_no_starttls")
    problem = certificate_problem(exc)
    if problem is not None:
        log.critical(
            "e-mail paused: the certificate of %s is not trusted (%s)",
            where,
            problem.verify_message,
        )
        return TransportInsecure(retry_after=PAUSE, reason="smtp_certificate")
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        log.critical("e-mail paused: %s refuses the login (%s)", where, exc.code)
        return CredentialsRejected(retry_after=PAUSE, reason=f"smtp_login_{exc.code}")
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        code = exc.recipients[0].code if exc.recipients else 550
        if 500 <= code < 600:
            return RecipientGone(reason=f"smtp_{code}")
        return DeliveryFailed(reason=f"smtp_{code}")
    if isinstance(exc, aiosmtplib.SMTPResponseException) and not isinstance(
        exc, aiosmtplib.SMTPServerDisconnected
    ):
        if 500 <= exc.code < 600:
            return ChannelUnavailable(reason=f"smtp_{exc.code}")
        return DeliveryFailed(reason=f"smtp_{exc.code}")
    if isinstance(exc, aiosmtplib.SMTPTimeoutError | TimeoutError):
        # During the transfer the relay may have taken it: the outbox marks it unconfirmed.
        return DeliveryFailed(reason="timeout" if sending else "smtp_unreachable")
    if isinstance(exc, aiosmtplib.SMTPException | OSError):
        return DeliveryFailed(reason="connection_lost" if sending else "smtp_unreachable")
    return DeliveryFailed(reason=type(exc).__name__)
