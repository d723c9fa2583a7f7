"""Logs: one JSON object a line with correlation ids, and no personal data or secrets, in a
request and in a whole demo run."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.logs import configure
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from tests.world import make_world

DEMO_DIRECTORY = Path(__file__).resolve().parents[2] / "bot" / "main" / "demo" / "oosterwaard.yaml"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure(format="json", level="INFO", stream=stream)
    yield stream
    configure()


def records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_each_request_logs_one_json_line_with_its_request_id(
    engine: Engine, rules: Rules, captured: io.StringIO
) -> None:
    make_world(engine, rules)
    settings = Settings(_env_file=None, api_keys=SecretStr("huisarts:k-123456789"))  # type: ignore[call-arg]
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as client:
        answer = client.post(
            "/api/v1/referrals",
            json={"team": "jt-noord", "referrer": "dr-bakker", "consent": "status"},
            headers={"Authorization": "Bearer k-123456789", "X-Request-ID": "req-0001-abcd"},
        )
    assert answer.status_code == 201
    lines = [r for r in records(captured) if r.get("event") == "http request"]
    assert lines == [
        {
            "event": "http request",
            "method": "POST",
            "route": "/api/v1/referrals",
            "status": 201,
            "duration_ms": lines[0]["duration_ms"],
            "request_id": "req-0001-abcd",
            "level": "info",
            "logger": "terugkoppel.http",
            "timestamp": lines[0]["timestamp"],
        }
    ]
    assert "k-123456789" not in captured.getvalue()


def test_personal_data_and_secrets_are_scrubbed_from_any_line(captured: io.StringIO) -> None:
    log = logging.getLogger("adapters.somewhere")
    log.warning(
        "lookup of %s (%s) failed with token %s",
        "anna@jt-noord.example",
        "U0ANNA12",
        "xoxb-1234-5678-abcdef",
    )
    try:
        raise ValueError("row (0612345678, 'els@delinde.example')")
    except ValueError:
        log.exception("database said no: postgresql+psycopg://app:pw-9911@db/terugkoppel")
    text = captured.getvalue()
    for secret in ("anna@", "U0ANNA12", "xoxb-1234", "0612345678", "els@delinde", "pw-9911"):
        assert secret not in text
    first, second = records(captured)
    assert first["event"] == "lookup of [e-mail] ([chat-id]) failed with token [secret]"
    assert "ValueError" in str(second["exception"])


def test_a_demo_run_logs_as_json_with_correlation_ids_and_no_personal_data(
    tmp_path: Path,
) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "TERUGKOPPEL_LOG_FORMAT": "json",
        "TERUGKOPPEL_LOG_LEVEL": "INFO",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "terugkoppel"), "demo"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    sent = [line for line in lines if str(line["event"]).startswith("outbox sent")]
    assert len(sent) > 20  # the demo sends many messages; each is logged
    assert all(isinstance(line["outbox"], int) and line["outbox_kind"] for line in sent)

    directory = yaml.safe_load(DEMO_DIRECTORY.read_text("utf-8"))
    personal = set()
    for person in directory["people"]:
        personal.add(person["name"])
        personal.add(person["email"])
        personal |= {person[k] for k in ("slack", "teams") if person.get(k)}
        personal |= {part for part in person["name"].split() if len(part) > 3}
    personal |= {team["intake"][k] for team in directory["teams"] for k in team["intake"]}
    assert len(personal) > 10
    leaked = sorted(value for value in personal if value in result.stderr)
    assert leaked == []
    # the demo's chat transcript on stdout does name people: the check above can fail
    assert any(value in result.stdout for value in personal)


def test_a_demo_run_at_debug_logs_no_name_address_or_note_it_used(tmp_path: Path) -> None:
    """Every logger at DEBUG, the SDKs' payload dumps included: the log carries no name,
    e-mail address, chat id or note the demo used (its stdout, the chat transcript, does)."""
    from bot.main.demo.script import SCRIPT

    env = {
        "PATH": os.environ.get("PATH", ""),
        "TERUGKOPPEL_LOG_FORMAT": "json",
        "TERUGKOPPEL_LOG_LEVEL": "DEBUG",
        "TERUGKOPPEL_LOG_SDK_DEBUG": "true",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "terugkoppel"), "demo"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert any(line["level"] == "debug" for line in lines)  # it did run at DEBUG

    directory = yaml.safe_load(DEMO_DIRECTORY.read_text("utf-8"))
    personal = set()
    for person in directory["people"]:
        personal |= {person["name"], person["email"], person["email"].split("@")[0] + "@"}
        personal |= {person[k] for k in ("slack", "teams") if person.get(k)}
        personal |= {part for part in person["name"].split() if len(part) > 3}
    notes = {str(event.note) for _, event in SCRIPT if getattr(event, "note", None)}
    assert notes  # the demo writes at least one note
    personal |= notes
    personal |= {word for note in notes for word in note.split() if word[0].isupper()}
    leaked = sorted(value for value in personal if value in result.stderr)
    assert leaked == []
