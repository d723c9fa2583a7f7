"""Pure translation between platform-neutral messages and Adaptive Cards / activities."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.teams.case_dialogs import open_button
from adapters.teams.dialogs import PERSON_INPUT, picker
from bot.app.chat import card_state, case_forms, picks
from bot.app.chat.actions import NoteAgain
from bot.messages import Language, Message, text
from bot.ports import Attachment

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# Keys of our action data (Action.Execute `data`, Action.Submit `value`).
ACTION, VALUE = "tk_action", "tk_value"
NOTE_INPUT, ANSWER_INPUT = "tk_note", "tk_answer"
NOTE_SUBMIT = "note_submit"
_STYLES = {"primary": "positive", "danger": "destructive"}
REFRESH = "refresh"  # the card's refresh (Action.Execute): what it shows now
# SDK routing: typed handlers (on_card_action_execute("take")) match data["action"].
SDK_ACTION = "action"
# Answers on a scale (the satisfaction score 1-10): rows of buttons in the card's body, as
# Teams shows at most six card actions and folds the rest into a menu.
SCALES = frozenset({"satisfaction"})
SCALE_ROW = 5
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
SUMMARY_LIMIT = 120
NOTE_LIMIT = 500  # characters in the note field


@dataclass(frozen=True)
class Click:
    """A button on one of our cards: Action.Execute (an invoke) or Action.Submit (a message
    activity from an older client), with the card's activity id for the in-place update."""

    name: str  # our Action.id: answer, note_submit, take, accept, refuse, assign, refresh
    value: str
    note: str | None
    invoke: bool
    card_activity_id: str | None
    picked: str | None = None  # a picker's choice: the person id picked


def _action(action_id: str, value: str, label: str, style: str) -> dict[str, Any]:
    data = {SDK_ACTION: action_id, ACTION: action_id, VALUE: value}
    action: dict[str, Any] = {
        "type": "Action.Execute",
        "title": label,
        "verb": action_id,
        "data": data,
        # Clients without Universal Actions (older Teams, Outlook) send a message activity.
        "fallback": {"type": "Action.Submit", "title": label, "data": data},
    }
    if style in _STYLES:
        action["style"] = _STYLES[style]
    return action


def card_from_message(message: Message, image: Attachment | None = None) -> dict[str, Any]:
    """An Adaptive Card 1.5: the catalogue text and one button per action. `note` becomes a
    ShowCard with the answers and a text field, sent back as one Action.Execute. An image
    (the digest's chart) comes first, inline as a data URI: the card needs no file host."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": part, "wrap": True} for part in message.body().split("\n")
    ]
    if image is not None:
        encoded = base64.b64encode(image.data).decode("ascii")
        body.insert(
            0,
            {
                "type": "Image",
                "url": f"data:{image.media_type};base64,{encoded}",
                "altText": image.alt_text,
                "size": "Stretch",
            },
        )
    actions: list[dict[str, Any]] = []
    answers = [
        (label, action.value)
        for action, label in zip(message.actions, message.labels(), strict=True)
        if action.id == "answer" and not action.value.endswith(":not_yet")
    ]
    scale: list[dict[str, Any]] = []
    for action, label in zip(message.actions, message.labels(), strict=True):
        if action.id in picks.PICKS:
            data = {SDK_ACTION: action.id, ACTION: action.id, VALUE: action.value}
            actions.append(picker(action.id, action.value, label, message.language, data))
            continue
        if action.id in case_forms.FORMS:  # "Overdragen…", "Afwijzen…": a dialog opens
            actions.append(open_button(action.id, action.value, label))
            continue
        if action.id in SCALES:
            scale.append(_action(action.id, action.value, label, action.style))
            continue
        if action.id == "note":
            actions.append(_note_card(label, action.value, answers, message))
            continue
        actions.append(_action(action.id, action.value, label, action.style))
    for start in range(0, len(scale), SCALE_ROW):
        body.append({"type": "ActionSet", "actions": scale[start : start + SCALE_ROW]})
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        card["actions"] = actions
    state = card_state.state_key(message)
    if state is not None:
        # Universal actions: every view asks what the card shows now (answered, taken).
        refresh_data = {SDK_ACTION: REFRESH, ACTION: REFRESH, VALUE: state}
        card["refresh"] = {
            "action": {"type": "Action.Execute", "verb": REFRESH, "data": refresh_data}
        }
    return card


def _note_card(
    label: str, prompt: str, answers: list[tuple[str, str]], message: Message
) -> dict[str, Any]:
    language = message.language
    return {
        "type": "Action.ShowCard",
        "title": label,
        "card": {
            "type": "AdaptiveCard",
            "version": CARD_VERSION,
            "body": _note_inputs(answers, language),
            "actions": [
                _action(NOTE_SUBMIT, prompt, text("slack.modal_submit", language), "primary")
            ],
        },
    }


def _note_inputs(
    answers: list[tuple[str, str]],
    language: Language,
    *,
    chosen: str | None = None,
    note: str | None = None,
) -> list[dict[str, Any]]:
    """The note form's fields: the answer to choose and the note; filled in when it comes back."""
    choice: dict[str, Any] = {
        "type": "Input.ChoiceSet",
        "id": ANSWER_INPUT,
        "label": text("slack.field_answer", language),
        "isRequired": True,
        "errorMessage": text("slack.choose", language),
        "choices": [{"title": title, "value": value} for title, value in answers],
    }
    typed: dict[str, Any] = {
        "type": "Input.Text",
        "id": NOTE_INPUT,
        "label": text("slack.field_note", language),
        "placeholder": text("slack.hint_note", language),
        "isMultiline": True,
        "maxLength": NOTE_LIMIT,
    }
    if chosen is not None and any(value == chosen for _, value in answers):
        choice["value"] = chosen
    if note is not None:
        typed["value"] = note
    return [choice, typed]


def note_again_card(again: NoteAgain) -> dict[str, Any]:
    """The note form back after the privacy guard refused the note: what it was about, that
    nothing was sent or stored, a plain hint per kind ("dit lijkt een telefoonnummer"), the
    note with what stands out between ⟦ ⟧ in bold red (TextRuns: the note is never read as
    markdown) and the form filled in as it was sent, to fix and send again."""
    language = again.language
    runs: list[dict[str, Any]] = []
    for part, found in again.pieces:
        run: dict[str, Any] = {"type": "TextRun", "text": f"⟦{part}⟧" if found else part}
        if found:
            run.update(weight="Bolder", color="Attention", highlight=True)
        runs.append(run)
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": again.intro, "wrap": True, "weight": "Bolder"},
        {
            "type": "TextBlock",
            "text": text("privacy.note_again", language),
            "wrap": True,
            "color": "Attention",
        },
        *(
            {"type": "TextBlock", "text": f"• {hint}", "wrap": True, "spacing": "None"}
            for hint in again.hints
        ),
        {"type": "TextBlock", "text": text("privacy.marked_heading", language), "wrap": True},
        {"type": "RichTextBlock", "inlines": runs},
        *_note_inputs(
            [(label, value) for value, label in again.answers],
            language,
            chosen=again.chosen,
            note=again.note,
        ),
    ]
    submit = text("slack.modal_submit", language)
    return {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "actions": [_action(NOTE_SUBMIT, str(again.prompt_id), submit, "primary")],
    }


def summary(message: Message) -> str:
    """The notification text (toast, chat list); the card carries the whole message."""
    first = message.body().split("\n", 1)[0]
    return first if len(first) <= SUMMARY_LIMIT else first[: SUMMARY_LIMIT - 1] + "…"


def activity_from_message(message: Message, image: Attachment | None = None) -> dict[str, Any]:
    return activity_from_card(card_from_message(message, image), summary(message))


def activity_from_card(card: dict[str, Any], summary_text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "summary": summary_text,
        "attachments": [{"contentType": CARD_TYPE, "content": card}],
    }


def invoke_card_response(card: dict[str, Any]) -> dict[str, Any]:
    """The answer to an Action.Execute invoke: the card that replaces the clicked one."""
    return {"statusCode": 200, "type": CARD_TYPE, "value": card}


def invoke_message_response(message: Message) -> dict[str, Any]:
    """The answer to an Action.Execute invoke that leaves the card as it is: a short text."""
    return {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": message.body(),
    }


# -- inbound ------------------------------------------------------------------------------


def click_from_activity(activity: Mapping[str, Any]) -> Click | None:
    """Our button in an `adaptiveCard/action` invoke or an Action.Submit message; None when
    the activity is not a click on one of our cards."""
    if activity.get("type") == "invoke" and activity.get("name") == "adaptiveCard/action":
        value = activity.get("value") or {}
        action = value.get("action") if isinstance(value, Mapping) else None
        data = action.get("data") if isinstance(action, Mapping) else None
        invoke = True
    elif activity.get("type") == "message" and isinstance(activity.get("value"), Mapping):
        data = activity["value"]
        invoke = False
    else:
        return None
    if not isinstance(data, Mapping) or not data.get(ACTION):
        return None
    note = data.get(NOTE_INPUT)
    name = str(data[ACTION])
    value = str(data.get(VALUE) or "")
    if name == NOTE_SUBMIT:
        value = str(data.get(ANSWER_INPUT) or "")
    reply_to = activity.get("replyToId")
    picked = data.get(PERSON_INPUT)
    return Click(
        name=name,
        value=value,
        note=str(note).strip() or None if isinstance(note, str) else None,
        invoke=invoke,
        card_activity_id=str(reply_to) if reply_to else None,
        picked=picked.strip() or None if isinstance(picked, str) else None,
    )


def command_text(activity: Mapping[str, Any]) -> str:
    """The typed text of a message, without the bot's @mention or markup."""
    raw = str(activity.get("text") or "")
    return " ".join(_TAGS.sub(" ", _MENTION.sub(" ", raw)).replace("&nbsp;", " ").split())
