"""The app under test for Slack inbound: `terugkoppel`'s ASGI app on uvicorn (127.0.0.1, a
thread), its Slack adapter pointed at the fake Slack, and requests signed as Slack signs
them (v0, by slack_sdk's SignatureVerifier)."""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx
import uvicorn
from pydantic import SecretStr
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine

from adapters.slack import SlackAdapter
from bot.domain.model import Platform
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import Container, build
from reminders.delivery.dispatcher import Dispatcher, DispatchReport
from tests.fakes.slack_server import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
PAYLOADS = Path(__file__).resolve().parents[1] / "payloads" / "slack"

T = TypeVar("T")


def payload(name: str) -> dict[str, Any]:
    """A recorded Slack payload (tests/payloads/slack/NAME.json), a fresh copy each time."""
    return copy.deepcopy(json.loads((PAYLOADS / f"{name}.json").read_text("utf-8")))


def signed_headers(
    body: bytes, *, timestamp: int | str | None = None, secret: str = SECRET
) -> dict[str, str]:
    """X-Slack-Request-Timestamp and X-Slack-Signature exactly as Slack computes them."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body.decode())
    assert signature is not None
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def form(fields: dict[str, Any]) -> tuple[bytes, str]:
    return urlencode(fields).encode(), "application/x-www-form-urlencoded"


def interactive(data: dict[str, Any]) -> tuple[bytes, str]:
    """Clicks and modal submissions: one form field `payload` holding the JSON."""
    return form({"payload": json.dumps(data)})


def event(data: dict[str, Any]) -> tuple[bytes, str]:
    return json.dumps(data).encode(), "application/json"


def eventually(check: Callable[[], T], *, timeout: float = 10.0) -> T:
    """The work after the ack runs in the background: wait until `check` returns a truthy value."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {check}")
        time.sleep(0.02)


@dataclass
class Served:
    url: str
    container: Container
    slack: FakeSlack

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        sign: bool = True,
    ) -> httpx.Response:
        sent = {"Content-Type": content_type, **(signed_headers(body) if sign else {})}
        sent.update(headers or {})
        return httpx.post(f"{self.url}/slack/events", content=body, headers=sent, timeout=10)

    def command(
        self, command: str, text: str = "", *, user: str = "U0ANNA", **extra: str
    ) -> httpx.Response:
        fields = payload("command_verwijzing")
        fields.update(
            command=command,
            text=text,
            user_id=user,
            response_url=self.slack.response_url(command.strip("/")),
            trigger_id=f"{time.time_ns()}.1122334455.abc",
            **extra,
        )
        return self.post(*form(fields))

    def dispatch(self, now: datetime) -> DispatchReport:
        """The real Dispatcher sends the outbox through a SlackAdapter to the fake (its own
        adapter: the server's belongs to the server's event loop)."""

        async def run() -> DispatchReport:
            adapter = SlackAdapter(TOKEN, base_url=self.slack.url)
            dispatcher = Dispatcher(
                self.container.engine, self.container.rules, {Platform.SLACK: adapter}
            )
            total = DispatchReport()
            try:
                # Slack's pace (one message a second per conversation) holds back a second
                # message to the same person: later passes, a few seconds apart, send it.
                for second in range(0, 20, 2):
                    report = await dispatcher.run(now=now + timedelta(seconds=second))
                    total.sent += report.sent
                    total.failed += report.failed
                    if not report.sent and not report.retried:
                        break
                return total
            finally:
                await adapter.close()

        return asyncio.run(run())

    def tick(self, now: datetime) -> None:
        """One scheduler pass at `now` (due prompts), then the outbox as it stands in the next
        office hours (prompts to professionals wait for them)."""
        from reminders.scheduler import run_due_work

        run_due_work(self.container.engine, self.container.rules, now=now)
        self.dispatch(now + timedelta(days=4))


def settings_for(slack: FakeSlack, **extra: Any) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        slack_signing_secret=SecretStr(SECRET),
        slack_bot_token=SecretStr(TOKEN),
        slack_api_url=slack.url,
        console_output=False,
        **extra,
    )


@contextmanager
def serve(
    engine: Engine, slack: FakeSlack, *, socket_mode: bool = False, **extra: Any
) -> Iterator[Served]:
    """The app on uvicorn in a thread (its own event loop, as `terugkoppel serve` runs it)."""
    container = build(settings_for(slack, **extra), engine=engine)
    app = create_app(container, scheduler=False, socket_mode=socket_mode)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="terugkoppel-http", daemon=True)
    thread.start()
    eventually(lambda: server.started, timeout=10)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(f"http://127.0.0.1:{port}", container, slack)
    finally:
        server.should_exit = True
        thread.join(10)
