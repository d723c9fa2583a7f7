"""The ChatAdapter contract, one suite for Slack, Teams, e-mail and the console: each adapter
runs against its real-wire fake on 127.0.0.1 (tests/contract/channels.py) and is judged by
what the recipient received. A channel that cannot do something says so in `CAN` (tests/contract/chat.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app.loop.checkins import CHECKIN
from bot.domain.errors import (
    ChannelUnavailable,
    DeliveryFailed,
    RateLimited,
    RecipientGone,
)
from bot.messages import Action, Language, Message, Style
from bot.ports import ChatAdapter, Delivery, SendsAttachments
from tests.contract.channels import open_chat
from tests.contract.chat import NAMES, Chat, able, chart, png

CASE = "JT-NRD-2026-0042"
KEY = "checkin:7:ask"


@pytest.fixture(params=NAMES)
def chat(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Chat]:
    with open_chat(request.param, tmp_path, monkeypatch) as opened:
        yield opened


def checkin(language: Language = "nl") -> Message:
    """The referrer's check-in (bot/app/loop/checkins.py): four answers, each a chat button
    and, in an e-mail, a signed link."""
    answers: list[tuple[str, Style]] = [
        ("better", "primary"),
        ("same", "primary"),
        ("worse", "primary"),
        ("unknown", "default"),
    ]
    return Message(
        "referrer.checkin",
        {
            "case_ref": CASE,
            "external_ref": "HAP-7781",
            "contact": "Anna de Vries",
            "team": "Jeugdteam Noord",
        },
        tuple(Action(CHECKIN, f"action.checkin_{a}", f"7:{a}", style) for a, style in answers),
        language,
    )


def thanks() -> Message:
    return Message("referrer.checkin_thanks", {"case_ref": CASE, "answer": "beter"})


def send(chat: Chat, message: Message, key: str = KEY) -> Delivery:
    return chat.run(chat.adapter.send(chat.to, message, key=key))


def failure(chat: Chat, adapter: ChatAdapter | None = None) -> DeliveryFailed:
    with pytest.raises(DeliveryFailed) as raised:
        chat.run((adapter or chat.adapter).send(chat.to, checkin(), key=KEY))
    return raised.value


def verdict(error: DeliveryFailed) -> str:
    """What the dispatcher makes of an error (reminders/delivery/dispatcher.py tries them
    in this order): wait (the channel pauses), end (the message fails for good), retry."""
    if isinstance(error, RateLimited):
        return "wait"
    if isinstance(error, RecipientGone | ChannelUnavailable):
        return "end"
    return "retry"


@pytest.mark.parametrize(
    ("language", "opening", "labels"),
    [
        (
            "nl",
            f"Een tijd geleden is de hulp bij uw verwijzing {CASE} (uw kenmerk: HAP-7781)",
            ["Beter", "Hetzelfde", "Slechter", "Weet ik niet"],
        ),
        (
            "en",
            f"Some time ago help started for your referral {CASE} (your reference: HAP-7781)",
            ["Better", "The same", "Worse", "Don't know"],
        ),
    ],
    ids=["nl", "en"],
)
def test_a_message_arrives_in_the_readers_language_with_a_button_per_answer(
    chat: Chat, language: Language, opening: str, labels: list[str]
) -> None:
    message = checkin(language)

    send(chat, message)

    [seen] = chat.seen()
    assert seen.address == chat.where
    assert seen.text == message.body()
    assert seen.text.startswith(opening)
    assert seen.buttons == labels
    if seen.answers is not None:  # a click (or a link) answers as the button's value says
        assert seen.answers == ["7:better", "7:same", "7:worse", "7:unknown"]


def test_the_delivery_names_the_providers_message(chat: Chat) -> None:
    first = send(chat, checkin())
    second = send(chat, thanks(), key="checkin:7:thanks")

    seen = chat.seen()
    assert type(chat.adapter).platform is chat.platform
    assert type(chat.adapter).channel_interval >= 0
    assert (first.platform, first.recipient) == (chat.platform, chat.to)
    assert first.message_id and second.message_id and first.message_id != second.message_id
    if seen[0].message_id is not None:  # the console shows no id; it is its own provider
        assert [first.message_id, second.message_id] == [s.message_id for s in seen]


def test_update_puts_the_new_version_before_the_recipient(chat: Chat) -> None:
    sent = send(chat, checkin())

    updated = chat.run(chat.adapter.update(sent, thanks()))

    seen = chat.seen()
    assert (seen[-1].text, seen[-1].buttons) == (thanks().body(), [])
    assert updated.recipient == chat.to
    if chat.can("edit"):  # the sent message itself changed: no second one
        assert len(seen) == 1
        assert updated.message_id == sent.message_id
    else:  # declared: the new version arrives as a new message after the first
        assert [s.text for s in seen] == [checkin().body(), thanks().body()]


def test_find_tells_a_message_sent_before_by_its_key_or_says_it_cannot(chat: Chat) -> None:
    since = datetime.now(UTC) - timedelta(minutes=5)
    sent = send(chat, checkin())
    send(chat, thanks(), key="checkin:7:thanks")
    # A fresh adapter, as a worker that took over after a crash, knows nothing of the send.
    fresh = chat.fresh()

    found = chat.run(fresh.find(chat.to, key=KEY, since=since))
    unknown = chat.run(fresh.find(chat.to, key="checkin:8:ask", since=since))
    too_old = chat.run(fresh.find(chat.to, key=KEY, since=datetime.now(UTC) + timedelta(seconds=1)))

    if chat.can("find"):
        assert found == sent
    else:  # cannot tell: the dispatcher sends again (e-mail repeats its Message-ID)
        assert found is None
    assert unknown is None and too_old is None


@pytest.mark.parametrize("chat", able("rate_limit"), indirect=True)
def test_a_rate_limit_pauses_the_channel_for_the_providers_retry_after(chat: Chat) -> None:
    reason = chat.fault("rate_limit")

    error = failure(chat)

    assert isinstance(error, RateLimited) and verdict(error) == "wait"
    assert error.retry_after == 7
    assert error.params["reason"] == reason
    assert chat.seen() == []
    send(chat, checkin())
    assert len(chat.seen()) == 1


@pytest.mark.parametrize("chat", able("gone"), indirect=True)
def test_a_recipient_that_is_gone_ends_the_message(chat: Chat) -> None:
    reason = chat.fault("gone")

    error = failure(chat)

    assert type(error) is RecipientGone and verdict(error) == "end"
    assert error.params["reason"] == reason
    assert chat.seen() == []


@pytest.mark.parametrize("chat", able("permanent"), indirect=True)
def test_a_permanent_refusal_ends_the_message(chat: Chat) -> None:
    reason = chat.fault("permanent")

    error = failure(chat)

    assert type(error) is ChannelUnavailable and verdict(error) == "end"
    assert error.params["reason"] == reason
    assert chat.seen() == []


@pytest.mark.parametrize("chat", able("passing"), indirect=True)
def test_a_passing_failure_is_retried_and_then_arrives_once(chat: Chat) -> None:
    reason = chat.fault("passing")

    error = failure(chat)

    assert type(error) is DeliveryFailed and verdict(error) == "retry"
    assert error.params["reason"] == reason
    assert chat.seen() == []
    chat.heal()
    send(chat, checkin())
    assert [s.text for s in chat.seen()] == [checkin().body()]


@pytest.mark.parametrize("chat", able("unreachable"), indirect=True)
def test_a_provider_that_does_not_answer_is_a_passing_failure(chat: Chat) -> None:
    error = failure(chat, chat.unreachable())

    assert type(error) is DeliveryFailed and verdict(error) == "retry"
    assert str(error.params["reason"]).startswith(chat.unreachable_reason)


def test_an_image_arrives_with_its_message(chat: Chat) -> None:
    assert isinstance(chat.adapter, SendsAttachments)  # every channel here carries one
    message = checkin()

    delivery = chat.run(
        chat.adapter.send_with_attachment(chat.to, message, chart(), key="digest:7:2026-W18")
    )

    [seen] = chat.seen()
    assert seen.image == png()
    assert seen.text == message.body()
    assert (delivery.platform, delivery.recipient) == (chat.platform, chat.to)
    assert delivery.message_id


def test_close_may_be_called_twice(chat: Chat) -> None:
    send(chat, checkin())

    chat.run(chat.adapter.close())
    chat.run(chat.adapter.close())

    assert len(chat.seen()) == 1
