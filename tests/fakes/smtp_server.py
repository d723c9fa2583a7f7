"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the e-mail adapter's tests, with a
certificate from a throw-away CA (trustme): STARTTLS, TLS from the start, or (to prove we
refuse it) no TLS at all. It keeps every message as received, with whether the session was
encrypted, and can answer RCPT for chosen addresses with a 4xx or 5xx."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes
    encrypted: bool

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def _encrypted(server: SMTP, session: Session) -> bool:
    """After STARTTLS (session.ssl) or TLS from the first byte (an SSL transport)."""
    transport = server.transport
    return session.ssl is not None or (
        transport is not None and transport.get_extra_info("ssl_object") is not None
    )


@dataclass
class Handler:
    refuse: dict[str, str] = field(default_factory=dict)  # address → "550 5.1.1 …"
    refuse_data: str | None = None  # DATA answers this ("554 5.7.1 …"): the message refused
    received: list[Received] = field(default_factory=list)
    commands: list[tuple[str, bool]] = field(default_factory=list)  # (verb, encrypted)
    queue_ids: int = 0

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: Any
    ) -> Any:
        self.commands.append(("EHLO", _encrypted(server, session)))
        session.host_name = hostname
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        self.commands.append(("MAIL", _encrypted(server, session)))
        envelope.mail_from = address
        return "250 2.1.0 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        self.commands.append(("RCPT", _encrypted(server, session)))
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.commands.append(("DATA", _encrypted(server, session)))
        if self.refuse_data is not None:
            return self.refuse_data
        raw = envelope.original_content or b""
        self.received.append(
            Received(
                sender=str(envelope.mail_from),
                recipients=list(envelope.rcpt_tos),
                raw=raw,
                encrypted=_encrypted(server, session),
            )
        )
        self.queue_ids += 1
        return f"250 2.0.0 Ok: queued as Q{self.queue_ids:05d}"


@dataclass
class Server:
    handler: Handler
    port: int
    ca: trustme.CA
    ca_file: Path
    logins: list[str]

    def url(self, *, tls: bool = False, user: str | None = None, password: str = "") -> str:
        login = f"{user}:{password}@" if user else ""
        return f"{'smtps' if tls else 'smtp'}://{login}127.0.0.1:{self.port}"

    @property
    def received(self) -> list[Received]:
        return self.handler.received


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(
    folder: Path,
    *,
    mode: str = "starttls",  # starttls | tls | plain (no TLS offered)
    ca: trustme.CA | None = None,
    users: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Starts the server; `ca` issues its certificate (a fresh CA by default) and is written
    to `folder/ca.pem` for the client's TERUGKOPPEL_SMTP_CA_FILE."""
    ca = ca or trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    handler = Handler()
    logins: list[str] = []

    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword) and users is not None:
            user, password = data.login.decode(), data.password.decode()
            if users.get(user) == password:
                logins.append(user)
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    options: dict[str, Any] = {"hostname": "127.0.0.1", "port": _free_port()}
    if users is not None:
        options["authenticator"] = authenticate
    if mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    elif mode == "tls":
        options.update(ssl_context=context)
    controller = Controller(handler, **options)
    controller.start()
    try:
        yield Server(handler, controller.port, ca, ca_file, logins)
    finally:
        controller.stop()
