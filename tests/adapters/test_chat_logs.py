"""No personal data in the logs at DEBUG: a Teams activity and Slack requests carrying
names, e-mail addresses and free text go through the real SDK paths (the Teams SDK, Bolt
and slack_sdk) with every logger at DEBUG, and none of it reaches a log line."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from adapters.slack import SlackAdapter
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.logs import configure
from bot.messages import Message
from bot.ports import Recipient
from tests.adapters import slack_inbound, teams_env
from tests.adapters.slack_inbound import eventually, interactive, payload
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world

NOTE = "Moeder Jolanda Kraaijeveld belde over Sem, zie jolanda.kraaijeveld@gmail.example"
PERSONAL = (
    "Jolanda",
    "Kraaijeveld",
    "jolanda.kraaijeveld@gmail.example",
    "gmail.example",
    "belde over Sem",
    "Dewi Pranoto",
    "Pranoto",
    "Anna de Vries",
    "anna.devries",
    "anna@jt-noord.example",
)


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything at DEBUG, the SDKs' payload dumps included (TERUGKOPPEL_LOG_SDK_DEBUG):
    the redaction must hold on its own, not only because those loggers are held at INFO."""
    stream = io.StringIO()
    configure(format="json", level="DEBUG", stream=stream, sdk_debug=True)
    yield stream
    configure()


def leaked(stream: io.StringIO) -> list[str]:
    text = stream.getvalue()
    for line in text.splitlines():  # every line is one JSON object, also the SDKs' lines
        if line.strip():
            json.loads(line)
    return sorted(value for value in PERSONAL if value.lower() in text.lower())


def test_a_teams_activity_at_debug_leaves_no_text_name_or_address_in_the_log(
    engine: Engine,
    rules: Rules,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    captured: io.StringIO,
) -> None:
    make_world(engine, rules)
    with teams_env.fakes(tmp_path, monkeypatch) as fakes, teams_env.serve(engine, fakes) as app:
        for words in (f"wie {NOTE}", "afwezig morgen", "open vragen"):
            body = app.activity(
                "message_text",
                text=f"<at>terugkoppel</at> {words}",
                conversation={"conversationType": "personal", "id": "a:1Dewi-chat"},
            )
            assert app.post(body).status_code == 200
    assert len(captured.getvalue().splitlines()) > 5  # the SDKs did log at DEBUG
    assert leaked(captured) == []


async def _send(url: str, message: Message) -> None:
    adapter = SlackAdapter(slack_inbound.TOKEN, base_url=url)
    try:
        to = Recipient(Platform.SLACK, "U0SMITS", "M. Smits (IB'er)", person_id="ib-smits")
        await adapter.send(to, message, key="log-test-1")
    finally:
        await adapter.close()


def test_slack_requests_at_debug_leave_no_text_name_or_address_in_the_log(
    engine: Engine, rules: Rules, captured: io.StringIO
) -> None:
    make_world(engine, rules)
    with FakeSlack().running() as slack, slack_inbound.serve(engine, slack) as app:
        assert app.command("/wie", NOTE).status_code == 200
        assert app.command("/afwezig", "morgen").status_code == 200
        click = payload("block_actions_button")
        click["actions"][0]["value"] = "1:contact_made"
        assert app.post(*interactive(click)).status_code == 200
        # Bolt logs a request no listener takes whole, at WARNING
        click["actions"][0]["action_id"] = "unknown"
        click["user"].update(name="anna.devries", real_name="Anna de Vries")
        click["message"] = {"text": NOTE, "user": "U0ANNA", "ts": "1.2", "type": "message"}
        assert app.post(*interactive(click)).status_code == 404
        # the answers went out through slack_sdk (response_url) and the web API
        eventually(lambda: len(slack.responses) >= 2)
        # a status with a note and the contact person's name, sent through slack_sdk's
        # Web API client (which logs each request's body at DEBUG)
        status = Message(
            "referrer.status_with_note",
            {
                "case_ref": "JT-NRD-2026-0001",
                "external_ref": "DLS-031",
                "status": "contact gelegd",
                "contact": "Anna de Vries",
                "team": "Jeugdteam Noord",
                "note": NOTE,
            },
        )
        asyncio.run(_send(slack.url, status))
        assert NOTE in json.dumps(slack.calls("chat.postMessage"))  # it did go out
    assert len(captured.getvalue().splitlines()) > 5
    assert leaked(captured) == []
