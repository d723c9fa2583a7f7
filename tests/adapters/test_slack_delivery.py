"""The Slack adapter against a fake Slack Web API over real HTTP, with the official client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import SlackAdapter
from adapters.slack.translate import action_name, blocks_from_message, fallback_text
from bot.domain.errors import ChannelUnavailable, DeliveryFailed, RecipientGone
from bot.domain.model import Platform
from bot.messages import Action, Language, Message
from bot.ports import Delivery, Recipient
from tests.fakes.slack_server import FakeSlack

TOKEN = "xoxb-test"
CASE = "JT-NRD-2026-0042"
INTAKE = Recipient(Platform.SLACK, "C0INTAKE1", "Jeugdteam Noord intake")
ANNA = Recipient(Platform.SLACK, "U0ANNA", "Anna de Vries", person_id="anna")

T = TypeVar("T")


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack.running(token=TOKEN) as fake:
        yield fake


def with_adapter(
    slack: FakeSlack,
    use: Callable[[SlackAdapter], Awaitable[T]],
    *,
    token: str = TOKEN,
    timeout: float = 5.0,
) -> T:
    async def run() -> T:
        adapter = SlackAdapter(token, base_url=slack.url, timeout=timeout)
        try:
            return await use(adapter)
        finally:
            await adapter.close()

    return asyncio.run(run())


def feedback_prompt(language: Language = "nl") -> Message:
    """The prompt a professional gets once the help has started (bot/app/prompts.py)."""
    return Message(
        "prompt.feedback",
        {
            "case_ref": CASE,
            "organisation": "Huisartsenpraktijk Noord",
            "received": "3 november",
            "norm": "5",
            "lead": "Anna de Vries",  # the regisseur, in every prompt
        },
        (
            Action("answer", "action.handed_over", "7:handed_over", "primary"),
            Action("answer", "action.closed", "7:closed", "primary"),
            Action("answer", "action.not_yet", "7:not_yet", "default"),
        ),
        language,
    )


def answered(language: Language = "nl") -> Message:
    return Message(
        "prompt.answered",
        {"case_ref": CASE, "status": "afgesloten", "organisation": "Huisartsenpraktijk Noord"},
        language=language,
    )


def failure(slack: FakeSlack, to: Recipient = INTAKE, **adapter: Any) -> DeliveryFailed:
    async def send(a: SlackAdapter) -> Delivery:
        return await a.send(to, feedback_prompt(), key="outbox:1")

    with pytest.raises(DeliveryFailed) as raised:
        with_adapter(slack, send, **adapter)
    return raised.value


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        element for block in blocks if block["type"] == "actions" for element in block["elements"]
    ]


def test_find_reads_past_the_first_page_of_history(slack: FakeSlack) -> None:
    since = datetime.now(UTC) - timedelta(minutes=5)

    async def many_then_find(a: SlackAdapter) -> tuple[Delivery, Delivery | None]:
        first = await a.send(INTAKE, answered(), key="outbox:0")
        await asyncio.gather(
            *(a.send(INTAKE, answered(), key=f"outbox:{n}") for n in range(1, 250))
        )
        return first, await a.find(INTAKE, key="outbox:0", since=since)

    first, found = with_adapter(slack, many_then_find)

    assert found == first


@pytest.mark.parametrize("status", [500, 503])
def test_server_error_is_a_passing_failure(slack: FakeSlack, status: int) -> None:
    slack.fail_next(1, status=status)

    error = failure(slack)

    assert type(error) is DeliveryFailed
    assert error.params["reason"] == f"http_{status}"
    with_adapter(slack, lambda a: a.send(INTAKE, feedback_prompt(), key="outbox:1"))
    assert slack.by_key() == {"outbox:1": 1}


def test_unknown_channel_means_the_recipient_is_gone(slack: FakeSlack) -> None:
    slack.fail_channel("C0INTAKE1", "channel_not_found")

    error = failure(slack)

    assert isinstance(error, RecipientGone)
    assert error.params["reason"] == "channel_not_found"


def test_wrong_token_makes_the_channel_unavailable(slack: FakeSlack) -> None:
    error = failure(slack, token="xoxb-revoked")

    assert isinstance(error, ChannelUnavailable)
    assert error.params["reason"] == "invalid_auth"


def test_slow_answer_is_a_passing_failure() -> None:
    with FakeSlack.running(token=TOKEN, latency=0.3) as slack:
        error = failure(slack, timeout=0.05)
        arrived = slack.count

    assert type(error) is DeliveryFailed
    assert error.params["reason"] == "timeout"
    assert arrived == 1  # why the dispatcher asks `find` before sending again


def test_blocks_escape_slack_control_characters_and_keep_button_styles() -> None:
    message = Message(
        "referrer.status_with_note",
        {
            "case_ref": CASE,
            "external_ref": "HAP<7781>",
            "status": "afgesloten",
            "contact": "Anna & Bram",
            "team": "Jeugdteam <Noord>",
            "note": "<!channel> zie <https://example.org|hier>",
        },
        (
            Action("take", "action.take", "42", "primary"),
            Action("refuse", "action.refuse", "42", "danger"),
            Action("later", "action.not_yet", "42", "default"),
        ),
    )

    blocks = blocks_from_message(message)

    body = blocks[0]["text"]["text"]
    assert "HAP&lt;7781&gt;" in body
    assert "Anna &amp; Bram" in body
    assert "&lt;!channel&gt; zie &lt;https://example.org|hier&gt;" in body
    assert "<" not in body and ">" not in body
    assert fallback_text(message) == body
    assert [b["action_id"] for b in buttons(blocks)] == ["take", "refuse", "later"]
    assert [b.get("style") for b in buttons(blocks)] == ["primary", "danger", None]
    assert buttons(blocks)[0]["text"] == {"type": "plain_text", "text": "Ik pak hem op"}
    assert [block["block_id"] for block in blocks] == ["body", "actions"]


def test_repeated_action_ids_are_numbered_and_map_back() -> None:
    ids = [b["action_id"] for b in buttons(blocks_from_message(feedback_prompt()))]

    assert ids == ["answer-1", "answer-2", "answer-3"]
    assert {action_name(action_id) for action_id in ids} == {"answer"}
    assert action_name("take") == "take"


def test_a_long_body_is_split_over_sections_within_slacks_limit() -> None:
    note = "a < b & " * 800
    message = Message(
        "referrer.status_with_note",
        {
            "case_ref": CASE,
            "external_ref": "X",
            "status": "s",
            "contact": "c",
            "team": "t",
            "note": note,
        },
    )

    sections = [block for block in blocks_from_message(message) if block["type"] == "section"]

    assert len(sections) > 1
    assert all(len(block["text"]["text"]) <= 3000 for block in sections)
    assert "".join(block["text"]["text"] for block in sections) == fallback_text(message)
    assert [block["block_id"] for block in sections][:2] == ["body", "body-2"]


def test_fake_counts_a_breach_when_one_channel_gets_two_messages_within_min_interval() -> None:
    with FakeSlack.running(token=TOKEN, min_interval=1.0) as slack:

        async def three(a: SlackAdapter) -> None:
            await a.send(INTAKE, answered(), key="a")
            await a.send(INTAKE, answered(), key="b")  # same channel, at once: a breach
            await a.send(ANNA, answered(), key="c")  # another channel: fine

        with_adapter(slack, three)

        assert slack.count == 3
        assert slack.breaches == 1
        first, second, _ = slack.messages
        assert second.at - first.at < 1.0


def test_fake_counts_no_breach_when_messages_are_spaced() -> None:
    with FakeSlack.running(token=TOKEN, min_interval=0.05) as slack:

        async def spaced(a: SlackAdapter) -> None:
            await a.send(INTAKE, answered(), key="a")
            await asyncio.sleep(0.1)
            await a.send(INTAKE, answered(), key="b")
            await a.send(INTAKE, answered(), key="a")

        with_adapter(slack, spaced)

        assert slack.breaches == 1
        assert slack.by_key() == {"a": 2, "b": 1}
        assert slack.stats()["duplicates"] == 1
        slack.reset()
        assert (slack.count, slack.breaches, slack.by_key()) == (0, 0, {})


def test_fake_answers_auth_test_and_history_in_slacks_shape(slack: FakeSlack) -> None:
    async def calls(a: SlackAdapter) -> tuple[dict[str, Any], dict[str, Any]]:
        await a.send(ANNA, answered(), key="k")
        web = AsyncWebClient(token=TOKEN, base_url=slack.url, retry_handlers=[])
        who = await web.auth_test()
        history = await web.conversations_history(channel="D0ANNA", include_all_metadata=True)
        assert isinstance(who.data, dict) and isinstance(history.data, dict)
        return who.data, history.data

    who, history = with_adapter(slack, calls)

    assert who["ok"] is True and who["bot_id"]
    [message] = history["messages"]
    assert message["metadata"] == {
        "event_type": "terugkoppel_outbox",
        "event_payload": {"key": "k"},
    }
    assert float(message["ts"]) <= time.time()
