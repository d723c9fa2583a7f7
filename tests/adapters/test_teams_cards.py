"""Pure translation: messages to Adaptive Cards and back, the error table, out-of-office."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from adapters.teams.cards import (
    CARD_TYPE,
    activity_from_message,
    card_from_message,
    click_from_activity,
    command_text,
    note_again_card,
)
from adapters.teams.errors import error_for
from adapters.teams.graph import OutOfOffice
from adapters.teams.people import away_until
from bot.app.chat.actions import NoteAgain
from bot.domain.errors import (
    ChannelUnavailable,
    CredentialsRejected,
    DeliveryFailed,
    RateLimited,
    RecipientGone,
    RetrySoon,
)
from bot.messages import Action, Message
from tests.adapters.teams_env import payload

AMS = ZoneInfo("Europe/Amsterdam")


def _prompt(language: str = "nl") -> Message:
    return Message(
        "prompt.feedback",
        {
            "case_ref": "ST-ZD-2026-0001",
            "organisation": "Huisartsenpraktijk Noord",
            "norm": 5,
            "received": "20-04-2026",
            "lead": "Dewi Pranoto",  # the regisseur, in every prompt
        },
        actions=(
            Action("answer", "action.contact_made", "7:contact_made", "primary"),
            Action("answer", "action.not_yet", "7:not_yet"),
            Action("note", "action.note", "7"),
            Action("assign", "action.assign", "7"),
        ),
        language=language,  # type: ignore[arg-type]
    )


def test_a_prompt_becomes_an_adaptive_card_with_execute_buttons_and_submit_fallback() -> None:
    card = card_from_message(_prompt())
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    execute, _, note, assign = card["actions"]
    assert execute["type"] == "Action.Execute" and execute["style"] == "positive"
    # data["action"] is what the SDK's typed handlers route on
    assert execute["data"] == {
        "action": "answer",
        "tk_action": "answer",
        "tk_value": "7:contact_made",
    }
    assert execute["fallback"] == {
        "type": "Action.Submit",
        "title": execute["title"],
        "data": execute["data"],
    }
    assert note["type"] == "Action.ShowCard"
    choices = note["card"]["body"][0]["choices"]
    assert [c["value"] for c in choices] == ["7:contact_made"]  # "nog niet" needs no note
    submit = note["card"]["actions"][0]
    assert submit["data"] == {"action": "note_submit", "tk_action": "note_submit", "tk_value": "7"}
    # assign: a colleague picked with the typeahead over the team's professionals
    assert assign["type"] == "Action.ShowCard"
    [person] = assign["card"]["body"]
    assert person["type"] == "Input.ChoiceSet" and person["id"] == "tk_person"
    assert person["choices.data"] == {"type": "Data.Query", "dataset": "professionals"}
    [go] = assign["card"]["actions"]
    assert go["type"] == "Action.Execute" and go["data"]["action"] == "assign"
    # the card asks on every view what it shows now (universal actions' refresh)
    refresh = card["refresh"]["action"]
    assert refresh["type"] == "Action.Execute" and refresh["data"]["tk_value"] == "prompt:7"


def test_english_readers_get_english_cards() -> None:
    activity = activity_from_message(_prompt("en"))
    assert activity["attachments"][0]["contentType"] == CARD_TYPE
    labels = [a["title"] for a in activity["attachments"][0]["content"]["actions"]]
    assert labels[0] == "Contact made"


def test_clicks_are_read_from_execute_invokes_and_submit_messages() -> None:
    execute = click_from_activity(payload("invoke_card_action"))
    assert execute is not None and execute.invoke
    assert (execute.name, execute.value, execute.card_activity_id) == (
        "answer",
        "1:contact_made",
        "1:1",
    )
    submit = click_from_activity(payload("message_submit"))
    assert submit is not None and not submit.invoke and submit.value == "1:contact_made"
    note = payload("invoke_card_action")
    note["value"]["action"]["data"] = {
        "tk_action": "note_submit",
        "tk_value": "1",
        "tk_answer": "1:help_started",
        "tk_note": " Goed gesprek ",
    }
    noted = click_from_activity(note)
    assert noted is not None and (noted.value, noted.note) == ("1:help_started", "Goed gesprek")
    assert click_from_activity(payload("message_text")) is None


def test_a_refused_note_is_shown_literally_with_the_findings_marked() -> None:
    """The note goes into TextRuns, never markdown: `**` and `_` in it stay as typed."""
    again = NoteAgain(
        prompt_id=7,
        intro="ST-ZD-2026-0001 — Huisartsenpraktijk Noord",
        answers=[("7:contact_made", "Contact gelegd"), ("7:closed", "Afgesloten")],
        chosen="7:closed",
        note="**emma** bel_06 12345678",
        hints=("dit lijkt een naam", "dit lijkt een telefoonnummer"),
        pieces=(("**", False), ("emma", True), ("** bel_", False), ("06 12345678", True)),
        language="nl",
    )
    card = note_again_card(again)
    [rich] = [b for b in card["body"] if b["type"] == "RichTextBlock"]
    assert [(r["text"], r.get("weight")) for r in rich["inlines"]] == [
        ("**", None),
        ("⟦emma⟧", "Bolder"),
        ("** bel_", None),
        ("⟦06 12345678⟧", "Bolder"),
    ]
    [choices] = [b for b in card["body"] if b["type"] == "Input.ChoiceSet"]
    assert choices["value"] == "7:closed"
    assert choices["choices"][0] == {"title": "Contact gelegd", "value": "7:contact_made"}
    [typed] = [b for b in card["body"] if b["type"] == "Input.Text"]
    assert typed["value"] == "**emma** bel_06 12345678"
    [submit] = card["actions"]
    assert submit["data"] == {"action": "note_submit", "tk_action": "note_submit", "tk_value": "7"}


def test_typed_text_loses_the_mention() -> None:
    assert command_text(payload("message_text")) == "wie Huisartsenpraktijk Noord"


@pytest.mark.parametrize(
    ("status", "headers", "body", "error"),
    [
        (429, {"Retry-After": "7"}, None, RateLimited),
        (412, {}, None, RetrySoon),
        (502, {}, None, RetrySoon),
        (504, {}, None, RetrySoon),
        (500, {}, None, DeliveryFailed),
        (401, {}, None, CredentialsRejected),
        (404, {}, {"error": {"code": "ConversationNotFound"}}, RecipientGone),
        (403, {}, {"error": {"code": "ConversationBlockedByUser"}}, RecipientGone),
        (403, {}, {"error": {"code": "Forbidden"}}, ChannelUnavailable),
        (400, {}, {"error": {"code": "BadArgument"}}, ChannelUnavailable),
    ],
)
def test_bot_connector_answers_map_to_our_errors(
    status: int, headers: dict[str, str], body: object, error: type[DeliveryFailed]
) -> None:
    found = error_for(status, headers, body)
    assert type(found) is error
    if status == 429:
        assert isinstance(found, RateLimited) and found.retry_after == 7
    if status in (412, 502, 504):
        assert isinstance(found, RateLimited) and 0 < found.retry_after <= 1
        # The backoff grows with consecutive failures, with jitter, up to 30 s.
        later = error_for(status, headers, body, attempt=3)
        assert isinstance(later, RetrySoon) and 0.5 <= later.retry_after <= 8
        assert error_for(status, headers, body, attempt=12).retry_after <= 30


def test_out_of_office_becomes_an_absence_up_to_its_last_day() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert away_until(OutOfOffice(False), now=now, zone=AMS) is None
    assert away_until(OutOfOffice(True), now=now, zone=AMS) == date(2026, 11, 23)
    scheduled = OutOfOffice(
        True, datetime(2026, 11, 20, 23, 0, tzinfo=UTC), datetime(2026, 11, 27, 23, 0, tzinfo=UTC)
    )  # 28-11 00:00 local
    assert away_until(scheduled, now=now, zone=AMS) == date(2026, 11, 27)
    later = OutOfOffice(
        True, datetime(2026, 12, 1, 8, 0, tzinfo=UTC), datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    )
    assert away_until(later, now=now, zone=AMS) is None
