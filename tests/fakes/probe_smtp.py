"""A fake SMTP relay on 127.0.0.1 for `terugkoppel check`: EHLO, STARTTLS (or TLS from the
start), AUTH PLAIN, QUIT, with a real certificate handshake. Faults on demand: no
STARTTLS offered, wrong credentials refused (535)."""

from __future__ import annotations

import asyncio
import base64
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the openssl command line, valid one day)."""
    cert, key = folder / "relay.crt", folder / "relay.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class FakeRelay:
    def __init__(
        self,
        *,
        cert: Path,
        key: Path,
        starttls: bool = True,
        implicit_tls: bool = False,
        users: dict[str, str] | None = None,
    ) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.starttls = starttls
        self.implicit_tls = implicit_tls
        self.users = users or {}
        self.port = 0
        self.commands: list[str] = []  # verbs only, never arguments (they hold passwords)
        self.logins: list[str] = []
        self._server: asyncio.Server | None = None

    @classmethod
    @contextmanager
    def running(cls, **options: object) -> Iterator[FakeRelay]:
        relay = cls(**options)  # type: ignore[arg-type]
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(relay._start())
            started.set()
            loop.run_forever()
            loop.close()

        thread = threading.Thread(target=serve, name="fake-smtp", daemon=True)
        thread.start()
        if not started.wait(10):
            raise RuntimeError("fake SMTP relay did not start")
        try:
            yield relay
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(
            self._session, "127.0.0.1", 0, ssl=self.context if self.implicit_tls else None
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        secure = self.implicit_tls

        async def reply(*lines: str) -> None:
            for index, line in enumerate(lines):
                separator = " " if index == len(lines) - 1 else "-"
                writer.write(f"{line[:3]}{separator}{line[4:]}\r\n".encode())
            await writer.drain()

        try:
            await reply("220 fake.relay ESMTP ready")
            while True:
                raw = await reader.readline()
                if not raw:
                    return
                line = raw.decode().rstrip("\r\n")
                verb, _, argument = line.partition(" ")
                verb = verb.upper()
                self.commands.append(verb)
                if verb in ("EHLO", "HELO"):
                    features = ["250 fake.relay"]
                    if self.starttls and not secure:
                        features.append("250 STARTTLS")
                    if secure:
                        features.append("250 AUTH PLAIN")
                    features.append("250 8BITMIME")
                    await reply(*features)
                elif verb == "STARTTLS" and self.starttls and not secure:
                    await reply("220 2.0.0 go ahead")
                    await writer.start_tls(self.context)
                    secure = True
                elif verb == "AUTH" and secure:
                    await reply(*self._auth(argument))
                elif verb == "QUIT":
                    await reply("221 2.0.0 bye")
                    return
                elif verb in ("NOOP", "RSET"):
                    await reply("250 2.0.0 ok")
                else:
                    await reply("502 5.5.2 command not recognised")
        except (ConnectionError, ssl.SSLError):
            return  # a client that refused our certificate hangs up mid-handshake
        finally:
            writer.close()

    def _auth(self, argument: str) -> list[str]:
        mechanism, _, initial = argument.partition(" ")
        if mechanism.upper() != "PLAIN" or not initial:
            return ["504 5.5.4 mechanism not supported"]
        try:
            _, user, password = base64.b64decode(initial).decode().split("\0")
        except ValueError:
            return ["501 5.5.2 cannot decode"]
        if self.users.get(user) == password:
            self.logins.append(user)
            return ["235 2.7.0 authentication successful"]
        return ["535 5.7.8 authentication credentials invalid"]
