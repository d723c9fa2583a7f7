"""The app under test for Teams: `terugkoppel`'s ASGI app on uvicorn (127.0.0.1, a thread)
with a fake login endpoint (https, self-signed, trusted through SSL_CERT_FILE and
REQUESTS_CA_BUNDLE), the Bot Framework's OpenID metadata and keys, a fake Bot Connector
and a fake Graph. Activities are recorded payloads (tests/payloads/teams/) signed as the
Bot Framework signs them."""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from sqlalchemy import Engine

from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.domain.model import Platform
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import Container, build, teams_config
from bot.ports import ChatAdapter
from reminders.delivery.dispatcher import Dispatcher, DispatchReport
from tests.adapters.slack_inbound import eventually
from tests.fakes.graph_server import FakeGraph
from tests.fakes.login_server import FakeLogin
from tests.fakes.teams_server import FakeConnector

APP_ID = "00000000-0000-4000-8000-00000000b07a"
PASSWORD = "s3cr3t~app~password"
TENANT = "7d1c2b3a-0000-4000-8000-0000000000aa"
BOT_TOKEN = "token:https://api.botframework.com/.default"
GRAPH_TOKEN = "token:https://graph.microsoft.com/.default"
PAYLOADS = Path(__file__).resolve().parents[1] / "payloads" / "teams"
DEWI = "8c2f1e0a-0000-4000-8000-000000000004"
EMRE = "8c2f1e0a-0000-4000-8000-000000000005"
FLEUR = "8c2f1e0a-0000-4000-8000-000000000006"


def payload(name: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads((PAYLOADS / f"{name}.json").read_text("utf-8")))


@dataclass
class Fakes:
    login: FakeLogin
    connector: FakeConnector
    graph: FakeGraph

    def settings(self, **extra: Any) -> Settings:
        values: dict[str, Any] = {
            "teams_app_id": APP_ID,
            "teams_app_password": SecretStr(PASSWORD),
            "teams_tenant_id": TENANT,
            "teams_openid_metadata_url": self.login.metadata_url,
            "teams_login_url": self.login.url,
            "teams_service_url": self.connector.url,
            "graph_url": self.graph.url,
            "console_output": False,
        }
        return Settings(_env_file=None, **{**values, **extra})  # type: ignore[call-arg]


@contextmanager
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fakes]:
    login = FakeLogin(app_id=APP_ID, password=PASSWORD, tenant=TENANT, ca_folder=tmp_path)
    # The normal trust settings: OpenSSL (aiohttp, urllib) and requests (MSAL).
    monkeypatch.setenv("SSL_CERT_FILE", str(login.ca_file))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(login.ca_file))
    with ExitStack() as stack:
        stack.enter_context(login.running())
        connector = stack.enter_context(FakeConnector(token=BOT_TOKEN).running())
        graph = stack.enter_context(
            FakeGraph(
                token=GRAPH_TOKEN, app_id=APP_ID, tenant=TENANT, tenant_of=login.tenant_of
            ).running()
        )
        yield Fakes(login, connector, graph)


@dataclass
class Served:
    url: str
    container: Container
    fakes: Fakes

    def activity(self, name: str, **changes: Any) -> dict[str, Any]:
        """A recorded activity, sent by the fake connector, with a fresh id."""
        body = payload(name)
        body["serviceUrl"] = self.fakes.connector.url
        body["id"] = f"f:{uuid.uuid4()}"
        body.update(changes)
        return body

    def post(
        self,
        activity: dict[str, Any] | bytes,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        raw = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        if token is None and isinstance(activity, dict):
            token = self.fakes.login.activity_token(str(activity.get("serviceUrl")))
        sent = {"Content-Type": "application/json"}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        sent.update(headers or {})
        return httpx.post(f"{self.url}/api/messages", content=raw, headers=sent, timeout=20)

    def dispatch(self, now: datetime, *, email: ChatAdapter | None = None) -> DispatchReport:
        """The real Dispatcher sends the outbox through its own TeamsAdapter (and `email`,
        an in-memory stand-in for the e-mail channel, where given)."""

        async def run() -> DispatchReport:
            settings = self.container.settings
            adapter = teams_adapter(teams_config(settings), Data(self.container.engine))
            dispatcher = Dispatcher(
                self.container.engine,
                self.container.rules,
                {Platform.TEAMS: adapter, **({Platform.EMAIL: email} if email else {})},
                app_rates={Platform.TEAMS: settings.teams_app_rate},
            )
            total = DispatchReport()
            try:
                # Time moves in steps of a second, so retries (Retry-After, 412/502/504
                # backoff) and the per-conversation pace come due within the window.
                for second in range(0, 40):
                    report = await dispatcher.run(now=now + timedelta(seconds=second))
                    total.sent += report.sent
                    total.failed += report.failed
                    total.retried += report.retried
                return total
            finally:
                await adapter.close()

        return asyncio.run(run())


@contextmanager
def serve(engine: Engine, the_fakes: Fakes, **extra: Any) -> Iterator[Served]:
    container = build(the_fakes.settings(**extra), engine=engine)
    app = create_app(container, scheduler=False)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="terugkoppel-http", daemon=True)
    thread.start()
    eventually(lambda: server.started, timeout=20)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(f"http://127.0.0.1:{port}", container, the_fakes)
    finally:
        server.should_exit = True
        thread.join(10)
