"""Pure translation between platform-neutral messages and Slack Block Kit."""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.app.chat import picks
from bot.messages import Message

# Slack rejects a section whose text is longer than this (invalid_blocks).
SECTION_LIMIT = 3000
BODY_BLOCK_ID = "body"
ACTIONS_BLOCK_ID = "actions"
_BUTTON_STYLES = frozenset({"primary", "danger"})
# Actions shown as Slack's people picker instead of a button: every action that needs a
# person picked (bot/app/chat/picks.py), such as a coordinator assigning.
PICKERS = frozenset(picks.PICKS)


def escape(text: str) -> str:
    """Slack's three control characters; anything else in mrkdwn is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fallback_text(message: Message) -> str:
    """The notification and screen-reader text; Slack parses it like mrkdwn, so it is escaped."""
    return escape(message.body())


def blocks_from_message(message: Message) -> list[dict[str, Any]]:
    """One section with the catalogue text (split if Slack's limit needs it) and one button
    per action (a people picker for `assign`). Block ids are fixed so `chat.update` replaces the same blocks."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "block_id": BODY_BLOCK_ID if index == 0 else f"{BODY_BLOCK_ID}-{index + 1}",
            "text": {"type": "mrkdwn", "text": part},
        }
        for index, part in enumerate(_sections(message.body()))
    ]
    if message.actions:
        ids = action_ids(message)
        buttons: list[dict[str, Any]] = []
        for action, action_id, label in zip(message.actions, ids, message.labels(), strict=True):
            if action.id in PICKERS:
                # A people picker has no value: the value travels in its action id.
                buttons.append(
                    {
                        "type": "users_select",
                        "action_id": f"{action_id}:{action.value}",
                        "placeholder": {"type": "plain_text", "text": label},
                    }
                )
                continue
            button: dict[str, Any] = {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": label},
                "value": action.value,
            }
            if action.style in _BUTTON_STYLES:
                button["style"] = action.style
            buttons.append(button)
        blocks.append({"type": "actions", "block_id": ACTIONS_BLOCK_ID, "elements": buttons})
    return blocks


def action_ids(message: Message) -> list[str]:
    """Slack needs unique action ids within a block: an id used once stays as it is, an id
    used more often becomes `id-1`, `id-2`, … in order. `action_name` reverses this."""
    totals = Counter(action.id for action in message.actions)
    seen: Counter[str] = Counter()
    ids: list[str] = []
    for action in message.actions:
        if totals[action.id] == 1:
            ids.append(action.id)
            continue
        seen[action.id] += 1
        ids.append(f"{action.id}-{seen[action.id]}")
    return ids


def action_name(action_id: str) -> str:
    """The `Action.id` behind a Slack action id (our ids never end in `-<digits>`)."""
    name, dash, number = action_id.rpartition("-")
    return name if dash and number.isdigit() else action_id


def _sections(body: str) -> list[str]:
    """The escaped body in pieces of at most SECTION_LIMIT characters, never cutting an entity."""
    escaped = escape(body)
    if len(escaped) <= SECTION_LIMIT:
        return [escaped]
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in body:
        piece = escape(char)
        if size + len(piece) > SECTION_LIMIT:
            parts.append("".join(current))
            current, size = [], 0
        current.append(piece)
        size += len(piece)
    parts.append("".join(current))
    return parts
