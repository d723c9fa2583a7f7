"""The digest in Slack: chart and text as one message through files_upload_v2, over real
HTTP to the fake Slack (tests/fakes/slack_files.py), found again by `find` after a crash."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from adapters.console import ConsoleAdapter
from adapters.fake import FakeAdapter
from adapters.slack import SlackAdapter
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.messages import Message
from bot.ports import Recipient, SendsAttachments, attachment_filename
from reminders.delivery import attachments
from reminders.delivery.dispatcher import Dispatcher
from store.uow import UnitOfWork
from tests.fakes.slack_server import FakeSlack
from tests.world import local, make_world

TOKEN = "xoxb-test"
ANNA = Recipient(Platform.SLACK, "U0ANNA", "Anna de Vries", person_id="anna")
KEY = "digest:jt-noord:2026-W18:anna"
SPEC = {
    "title": "Jeugdteam Noord: laatste 12 weken",
    "weeks": [f"W{n:02d}" for n in range(7, 19)],
    "new": [0, 3, 5, 8, None, 7, 9, 4, 6, 11, 2, 1],
    "new_labels": ["0", "3", "5", "8", "<5", "7", "9", "4", "6", "11", "2", "1"],
    "within": [None, 66.7, 80.0, 75.0, None, 71.4, 88.9, 75.0, 83.3, 90.9, 50.0, 100.0],
    "new_axis": "Nieuwe verwijzingen",
    "within_axis": "Binnen norm (5 werkdagen), %",
    "note": "",
    "alt": "Grafiek: nieuwe verwijzingen per week",
}


def digest_message() -> Message:
    body = "Weekoverzicht Jeugdteam Noord — week 2026-W18\nNieuwe verwijzingen: 1"
    return Message("digest.message", {"body": body, "chart": SPEC})


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack.running(token=TOKEN) as fake:
        yield fake


def test_chart_and_text_arrive_as_one_slack_message(slack: FakeSlack) -> None:
    async def run() -> tuple[str, object, object]:
        adapter = SlackAdapter(TOKEN, base_url=slack.url)
        try:
            message = digest_message()
            chart = await attachments.for_message(message)
            delivery = await attachments.send(adapter, ANNA, message, chart, key=KEY)
            since = datetime.now(UTC) - timedelta(minutes=5)
            found = await adapter.find(ANNA, key=KEY, since=since)
            other = await adapter.find(ANNA, key="digest:jt-noord:2026-W17:anna", since=since)
            return delivery.message_id, found, other
        finally:
            await adapter.close()

    message_id, found, other = asyncio.run(run())
    [shared] = slack.files.shared
    assert shared.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert shared.name == attachment_filename(KEY, "trend.png")
    assert (shared.channel, shared.alt_txt) == ("D0ANNA", SPEC["alt"])
    assert message_id == f"D0ANNA/{shared.id}"
    [posted] = slack.messages
    assert posted.files and posted.files[0]["id"] == shared.id
    assert "Nieuwe verwijzingen: 1" in json.dumps(posted.blocks, ensure_ascii=False)
    assert [call["filename"] for call in slack.calls("files.getUploadURLExternal")] == [shared.name]
    assert found is not None and other is None  # a retry after a crash is not sent twice


def test_without_files_write_the_text_still_arrives(slack: FakeSlack) -> None:
    slack.files.refuse = "missing_scope"

    async def run() -> None:
        adapter = SlackAdapter(TOKEN, base_url=slack.url)
        try:
            message = digest_message()
            chart = await attachments.for_message(message)
            await attachments.send(adapter, ANNA, message, chart, key=KEY)
        finally:
            await adapter.close()

    asyncio.run(run())
    assert slack.files.shared == []
    [posted] = slack.messages
    assert posted.key == KEY and "Nieuwe verwijzingen: 1" in posted.text


def test_every_adapter_that_can_carries_the_chart() -> None:
    assert isinstance(SlackAdapter(TOKEN), SendsAttachments)
    assert isinstance(ConsoleAdapter(), SendsAttachments)
    assert isinstance(FakeAdapter(), SendsAttachments)


def test_the_dispatcher_sends_a_queued_digest_with_its_chart(
    engine: Engine, rules: Rules, slack: FakeSlack
) -> None:
    make_world(engine, rules)
    now = local(2026, 5, 4, 9)
    with UnitOfWork(engine) as uow:
        uow.outbox.enqueue(
            key=KEY,
            conversation="person:anna",
            person_id="anna",
            message_key="digest.message",
            params=digest_message().params,
            created_at=now,
            not_before=now,
        )
        uow.commit()

    async def run() -> int:
        adapter = SlackAdapter(TOKEN, base_url=slack.url)
        try:
            report = await Dispatcher(engine, rules, {Platform.SLACK: adapter}).run(now=now)
            return report.sent
        finally:
            await adapter.close()

    assert asyncio.run(run()) == 1
    assert len(slack.files.shared) == 1 and slack.count == 1
