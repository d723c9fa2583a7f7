"""One Slack app installed in several municipalities' workspaces, a bot token per workspace
(issue 22, point 3): every outbox message, reply and lookup goes out with the token of its
municipality's workspace, over real HTTP to the fake Slack (which checks the token and says
which one each call carried); a municipality without a token of its own uses the default
one; a revoked token holds back that workspace's sending only."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine
from sqlmodel import col, select

from adapters.slack import SlackAdapter
from adapters.slack.app import build_app
from adapters.slack.parts import SlackParts
from adapters.slack.people import daily_upkeep
from adapters.slack.token import TokenSource
from adapters.slack.tokens import SlackTokens
from bot.app.tenants import create_tenant
from bot.domain.model import Platform
from bot.main.wiring import Container, build, slack_config
from reminders.delivery.dispatcher import DispatchReport
from store.schema.delivery import OutboxMessage
from store.schema.directory import Person
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import TOKEN, settings_for, signed_headers
from tests.fakes.slack_server import FakeSlack
from tests.tenant_world import make_two

RIVIER = "xoxb-rivierdal-1"  # the app's token in Rivierdal's workspace, T0RIVIER
NOW = datetime(2026, 4, 22, 8, 0, tzinfo=UTC)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack.running() as slack:
        slack.add_token(RIVIER, "T0RIVIER")
        yield slack


def enqueue(engine: Engine, tenant: str, channel: str) -> None:
    """A message for a Slack channel of `tenant`, due now."""
    with UnitOfWork(engine, tenant=tenant) as uow:
        uow.outbox.enqueue(
            key=f"test:{channel}",
            conversation=f"slack:{channel}",
            platform="slack",
            address=channel,
            message_key="teams.intake_channel",
            params={"team": channel},
            created_at=NOW,
            not_before=NOW,
        )
        uow.commit()


def waiting(engine: Engine, tenant: str) -> list[str]:
    """`tenant`'s messages neither sent nor given up: still in the outbox."""
    with UnitOfWork(engine, tenant=tenant) as uow:
        stmt = select(OutboxMessage.address).where(
            col(OutboxMessage.sent_at).is_(None), col(OutboxMessage.failed_at).is_(None)
        )
        return sorted(str(address) for address in uow.session.exec(stmt).all())


def attempts(fake: FakeSlack) -> list[tuple[str, str]]:
    """(channel, token) of every chat.postMessage the fake received, in order."""
    channels = [str(call["channel"]) for call in fake.calls("chat.postMessage")]
    return list(zip(channels, fake.tokens("chat.postMessage"), strict=True))


def deliver(container: Container, now: datetime) -> DispatchReport:
    """One pass of the installation's own dispatcher (wiring.build), as the worker runs it."""

    async def run() -> DispatchReport:
        try:
            return await container.dispatcher.run(now=now)
        finally:
            await container.close()

    return asyncio.run(run())


def slack_id(engine: Engine, tenant: str, person: str) -> str | None:
    with UnitOfWork(engine, tenant=tenant) as uow:
        row = uow.session.get(Person, person)
        return row.slack_id if row is not None else None


def installation(engine: Engine, fake: FakeSlack, **settings: Any) -> Container:
    return build(settings_for(fake, **settings), engine=engine)


def test_each_municipality_s_message_goes_out_with_its_workspace_token(
    engine: Engine, fake: FakeSlack
) -> None:
    make_two(engine)  # default, and rivierdal with workspace T0RIVIER
    create_tenant(UnitOfWork(engine), id="zeedorp", name="Zeedorp", now=NOW)  # no workspace
    enqueue(engine, "default", "C0OOSTERWAARD")
    enqueue(engine, "rivierdal", "C0RIVIERDAL")
    enqueue(engine, "zeedorp", "C0ZEEDORP")
    container = installation(engine, fake, slack_bot_tokens=SecretStr(f"T0RIVIER:{RIVIER}"))

    report = deliver(container, NOW)

    assert report.sent == 3
    assert sorted(attempts(fake)) == [
        ("C0OOSTERWAARD", TOKEN),
        ("C0RIVIERDAL", RIVIER),
        ("C0ZEEDORP", TOKEN),  # no token of its own: the default one
    ]


def test_a_revoked_workspace_token_pauses_only_that_workspace_and_its_messages_wait(
    engine: Engine, fake: FakeSlack, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_two(engine)
    folder = tmp_path / "slack-tokens"  # a mounted secret: a file per workspace
    folder.mkdir()
    (folder / "T0RIVIER").write_text(f"{RIVIER}\n", "utf-8")
    fake.revoke(RIVIER)
    for n in (1, 2):
        enqueue(engine, "rivierdal", f"C0RIVIER{n}")
    for n in (1, 2):
        enqueue(engine, "default", f"C0OOST{n}")
    # One send at a time (as on SQLite), so Rivierdal's second message comes after the
    # refusal of its first; with sends in parallel those in flight are refused alike.
    container = installation(engine, fake, slack_bot_tokens_dir=folder, outbox_concurrency=1)

    with caplog.at_level(logging.WARNING):
        report = deliver(container, NOW)

    assert report.sent == 2
    sent = [channel for channel, token in attempts(fake) if token == TOKEN]
    assert sorted(sent) == ["C0OOST1", "C0OOST2"]
    # One refusal pauses Rivierdal's lane: its second message does not even ask Slack.
    assert [token for channel, token in attempts(fake) if channel.startswith("C0RIV")] == [RIVIER]
    assert waiting(engine, "rivierdal") == ["C0RIVIER1", "C0RIVIER2"]
    assert waiting(engine, "default") == []
    alerts = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ALERT")]
    assert len(alerts) == 1 and "workspace T0RIVIER" in alerts[0]
    assert RIVIER not in caplog.text and TOKEN not in caplog.text

    # The operator installs a new token in the file; after the pause both messages go.
    fake.add_token("xoxb-rivierdal-2", "T0RIVIER")
    (folder / "T0RIVIER").write_text("xoxb-rivierdal-2\n", "utf-8")
    report = deliver(container, NOW + timedelta(minutes=5))
    assert report.sent == 2
    assert waiting(engine, "rivierdal") == []
    assert sorted(attempts(fake)[-2:]) == [
        ("C0RIVIER1", "xoxb-rivierdal-2"),
        ("C0RIVIER2", "xoxb-rivierdal-2"),
    ]


def test_the_daily_upkeep_finds_each_municipality_s_people_in_its_own_workspace(
    engine: Engine, fake: FakeSlack
) -> None:
    make_two(engine)
    fake.add_user("U0BAKKER", email="bakker@hap-noord.example", name="Dr. Bakker")
    container = installation(engine, fake, slack_bot_tokens=SecretStr(f"T0RIVIER:{RIVIER}"))
    adapter = container.adapters[Platform.SLACK]
    assert isinstance(adapter, SlackAdapter)

    async def upkeep() -> Any:
        try:
            return await daily_upkeep(container.data, adapter, now=NOW)
        finally:
            await container.close()

    report = asyncio.run(upkeep())

    assert report is not None and report.linked == 2
    lookups = zip(
        (call["email"] for call in fake.calls("users.lookupByEmail")),
        fake.tokens("users.lookupByEmail"),
        strict=True,
    )
    bakker = {token for email, token in lookups if email == "bakker@hap-noord.example"}
    assert bakker == {TOKEN, RIVIER}
    assert slack_id(engine, "default", "dr-bakker") == "U0BAKKER"
    assert slack_id(engine, "rivierdal", "rv-dr-bakker") == "U0BAKKER"


def test_a_refused_token_skips_that_municipality_s_upkeep_only(
    engine: Engine, fake: FakeSlack
) -> None:
    make_two(engine)
    fake.add_user("U0BAKKER", email="bakker@hap-noord.example", name="Dr. Bakker")
    fake.revoke(RIVIER)
    container = installation(engine, fake, slack_bot_tokens=SecretStr(f"T0RIVIER:{RIVIER}"))
    adapter = container.adapters[Platform.SLACK]
    assert isinstance(adapter, SlackAdapter)

    async def upkeep() -> Any:
        try:
            return await asyncio.wait_for(daily_upkeep(container.data, adapter, now=NOW), 20)
        finally:
            await container.close()

    report = asyncio.run(upkeep())

    assert report is not None and report.linked == 1
    assert fake.tokens("users.lookupByEmail").count(RIVIER) == 1  # refused once, then stopped
    assert slack_id(engine, "default", "dr-bakker") == "U0BAKKER"
    assert slack_id(engine, "rivierdal", "rv-dr-bakker") is None


def test_the_token_folder_is_read_again_when_a_file_comes_goes_or_changes(
    tmp_path: Path,
) -> None:
    tokens = SlackTokens(TokenSource("xoxb-default"), {"T0ZEE": "xoxb-zee"}, folder=tmp_path)
    assert tokens.for_workspace("T0RIVIER").name == ""  # no file yet: the default token
    assert tokens.for_workspace("T0ZEE").source.get() == "xoxb-zee"

    (tmp_path / "T0RIVIER").write_text("xoxb-1\n", "utf-8")
    (tmp_path / "..data").mkdir()  # a Kubernetes secret's own entries are no workspaces
    touch(tmp_path)
    lane = tokens.for_workspace("T0RIVIER")
    assert (lane.name, lane.source.get()) == ("T0RIVIER", "xoxb-1")
    assert set(tokens.workspaces()) == {"T0RIVIER", "T0ZEE"}

    (tmp_path / "T0RIVIER").write_text("xoxb-rotated\n", "utf-8")
    assert tokens.for_workspace("T0RIVIER").source.get() == "xoxb-rotated"

    (tmp_path / "T0RIVIER").unlink()
    touch(tmp_path)
    assert tokens.for_workspace("T0RIVIER").name == ""


def touch(folder: Path) -> None:
    """A later modification time than the last listing saw, whatever the clock's grain."""
    moment = folder.stat().st_mtime_ns + 1_000_000_000
    os.utime(folder, ns=(moment, moment))


def test_bolt_s_own_client_carries_the_request_workspace_s_token(
    engine: Engine, fake: FakeSlack
) -> None:
    """Bolt's `authorize` gives the token of the request's workspace to what Bolt calls
    itself (its `client`), checked with a listener that calls auth.test through it."""
    make_two(engine)
    container = installation(engine, fake, slack_bot_tokens=SecretStr(f"T0RIVIER:{RIVIER}"))
    adapter = container.adapters[Platform.SLACK]
    assert isinstance(adapter, SlackAdapter)
    bolt = build_app(
        SlackParts(container.data, container.rules, slack_config(container.settings), adapter)
    )

    @bolt.event("app_mention")
    async def mentioned(client: AsyncWebClient) -> None:
        await client.auth_test()

    async def mention(team: str) -> int:
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": team,
                "api_app_id": "A0FAKE",
                "event_id": f"Ev{team}",
                "event_time": 1776844800,
                "event": {"type": "app_mention", "user": "U0ANNA", "text": "hoi", "ts": "1.2"},
            }
        )
        request = AsyncBoltRequest(body=body, headers=signed_headers(body.encode()))
        return (await bolt.async_dispatch(request)).status

    async def both() -> list[int]:
        try:
            return [await mention("T0RIVIER"), await mention("T0FAKE")]
        finally:
            await container.close()

    assert asyncio.run(both()) == [200, 200]
    assert fake.tokens("auth.test") == [RIVIER, TOKEN]
