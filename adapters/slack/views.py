"""Block Kit views: the /verwijzing and note modals and the App Home tab (pure functions)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from adapters.slack.inbound import (
    ANSWER,
    CONSENT,
    EXTERNAL_REF,
    NOTE,
    NOTE_CALLBACK,
    REFERRAL_CALLBACK,
    REFERRER,
    TEAM,
    URGENT,
)
from adapters.slack.translate import escape
from bot.app.chat import case_forms
from bot.app.chat.case_forms import CaseForm
from bot.app.chat.home import Section
from bot.domain.model import Consent
from bot.messages import Language, Message, text

# Slack's limits: 100 options in a static select, 100 blocks in a view, 3000 characters a
# text block. A longer list becomes an external select: Slack asks us for the options that
# match what the person types (a block_suggestion request) once they typed two characters.
MAX_OPTIONS = 100
MIN_QUERY = 2

OVERVIEW_ACTION = "open_overview"  # App Home's link to the overview page
HANDOVER_CALLBACK = "handover"  # the handover form (bot/app/chat/case_forms.py)
DECLINE_CALLBACK = "decline_referral"  # the decline form


def _plain(value: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": value[:150], "emoji": True}


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": _plain(label[:75]), "value": value}


def options(choices: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """(value, label) pairs as Slack options, at most as many as a select may hold."""
    return [_option(value, label) for value, label in choices[:MAX_OPTIONS]]


def _select(
    block: str, label: str, choices: Sequence[tuple[str, str]], language: Language
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "action_id": block,
        "placeholder": _plain(text("slack.choose", language)),
    }
    if len(choices) > MAX_OPTIONS:
        element.update(type="external_select", min_query_length=MIN_QUERY)
    else:
        element.update(type="static_select", options=options(choices))
    return {"type": "input", "block_id": block, "label": _plain(label), "element": element}


def _modal(
    callback: str,
    title_key: str,
    language: Language,
    blocks: list[dict[str, Any]],
    meta: dict[str, str],
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback,
        "title": _plain(text(title_key, language)),
        "submit": _plain(text("slack.modal_submit", language)),
        "close": _plain(text("slack.modal_cancel", language)),
        "private_metadata": json.dumps(meta, separators=(",", ":")),
        "blocks": blocks,
    }


def referral_modal(
    *,
    language: Language,
    teams: Sequence[tuple[str, str]],
    referrers: Sequence[tuple[str, str]],
    self_label: str | None,
    meta: dict[str, str],
) -> dict[str, Any]:
    """Team, referrer (or the referrer themselves), own reference, consent, urgency."""
    blocks: list[dict[str, Any]] = [
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": escape(text("slack.referral_intro", language))}
            ],
        },
        _select(TEAM, text("slack.field_team", language), teams, language),
    ]
    if self_label is not None:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(self_label)}})
    else:
        blocks.append(
            _select(REFERRER, text("slack.field_referrer", language), referrers, language)
        )
    blocks.append(
        {
            "type": "input",
            "block_id": EXTERNAL_REF,
            "optional": True,
            "label": _plain(text("slack.field_external_ref", language)),
            "hint": _plain(text("slack.hint_external_ref", language)),
            "element": {"type": "plain_text_input", "action_id": EXTERNAL_REF, "max_length": 64},
        }
    )
    blocks.append(
        {
            "type": "input",
            "block_id": CONSENT,
            "label": _plain(text("slack.field_consent", language)),
            "element": {
                "type": "radio_buttons",
                "action_id": CONSENT,
                "options": [
                    _option(c.value, text(f"consent.{c.value}", language)) for c in Consent
                ],
            },
        }
    )
    blocks.append(
        {
            "type": "input",
            "block_id": URGENT,
            "optional": True,
            "label": _plain(text("slack.field_urgent", language)),
            "element": {
                "type": "checkboxes",
                "action_id": URGENT,
                "options": [_option("urgent", text("slack.option_urgent", language))],
            },
        }
    )
    return _modal(REFERRAL_CALLBACK, "slack.modal_referral_title", language, blocks, meta)


def note_modal(
    *,
    language: Language,
    intro: str,
    answers: Sequence[tuple[str, str]],
    meta: dict[str, str],
) -> dict[str, Any]:
    """The answer buttons again as a choice, plus the note for the referrer."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(intro)}},
        {
            "type": "input",
            "block_id": ANSWER,
            "label": _plain(text("slack.field_answer", language)),
            "element": {
                "type": "radio_buttons",
                "action_id": ANSWER,
                "options": [_option(value, label) for value, label in answers],
            },
        },
        {
            "type": "input",
            "block_id": NOTE,
            "optional": True,
            "label": _plain(text("slack.field_note", language)),
            "hint": _plain(text("slack.hint_note", language)),
            "element": {
                "type": "plain_text_input",
                "action_id": NOTE,
                "multiline": True,
                "max_length": 1000,
            },
        },
    ]
    return _modal(NOTE_CALLBACK, "slack.modal_note_title", language, blocks, meta)


def case_modal(form: CaseForm, *, meta: dict[str, str], timezone: str) -> dict[str, Any]:
    """The handover form (place, warm, the meeting's day and time) or the decline form
    (reason, the better place if known); their block ids are the neutral field names."""
    language = form.language
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(form.intro)}}
    ]
    if form.kind == case_forms.DECLINE:
        reason = _select(
            case_forms.REASON, text("caseform.field_reason", language), form.reasons, language
        )
        place = _select(
            case_forms.PLACE, text("caseform.field_better_place", language), form.places, language
        )
        place.update(optional=True, hint=_plain(text("caseform.hint_better_place", language)))
        blocks += [reason, place]
        return _modal(DECLINE_CALLBACK, "caseform.decline_title", language, blocks, meta)
    warm = _option("warm", text("caseform.option_warm", language))
    day: dict[str, Any] = {"type": "datepicker", "action_id": case_forms.MEETING_DAY}
    at: dict[str, Any] = {
        "type": "timepicker",
        "action_id": case_forms.MEETING_TIME,
        "timezone": timezone,  # the time is read in the team's zone
    }
    blocks += [
        _select(case_forms.PLACE, text("caseform.field_place", language), form.places, language),
        {
            "type": "input",
            "block_id": case_forms.WARM,
            "optional": True,
            "label": _plain(text("caseform.field_warm", language)),
            "element": {"type": "checkboxes", "action_id": case_forms.WARM, "options": [warm]},
        },
        {
            "type": "input",
            "block_id": case_forms.MEETING_DAY,
            "optional": True,
            "label": _plain(text("caseform.field_day", language)),
            "hint": _plain(text("caseform.hint_meeting", language)),
            "element": day,
        },
        {
            "type": "input",
            "block_id": case_forms.MEETING_TIME,
            "optional": True,
            "label": _plain(text("caseform.field_time", language)),
            "element": at,
        },
    ]
    return _modal(HANDOVER_CALLBACK, "caseform.handover_title", language, blocks, meta)


def done_view(message: Message) -> dict[str, Any]:
    """What a case form shows once done (`response_action: update`): the answer, to close."""
    language = message.language
    return {
        "type": "modal",
        "title": _plain(text("caseform.done_title", language)),
        "close": _plain(text("caseform.close", language)),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": escape(message.body())}}],
    }


def view_errors(
    problems: dict[str, tuple[str, dict[str, str]]], language: Language
) -> dict[str, str]:
    """`response_action: errors` for a modal: the sentence per block. A privacy finding
    (`kinds`) reads as plain hints ("dit lijkt een telefoonnummer"), and the refused note
    comes back with what stands out between ⟦ ⟧ (`marked`)."""
    errors: dict[str, str] = {}
    for block, (key, params) in problems.items():
        values = dict(params)
        if "kinds" in values:
            hints = [text(f"privacy.hint.{kind}", language) for kind in values["kinds"].split("+")]
            values["found"] = "; ".join(hints)
        message = text(key, language, **values)
        if "marked" in values:
            message += "\n" + text("privacy.marked", language, note=values["marked"])
        errors[block] = message
    return errors


def home_view(
    *,
    heading: str,
    updated: str,
    notice: str | None,
    sections: Sequence[Section],
    language: Language,
    overview_url: str | None = None,
) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": _plain(heading)},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(updated)}]},
    ]
    if overview_url:
        # A link button (the page opens in the browser); its click is only acknowledged.
        button = {
            "type": "button",
            "action_id": OVERVIEW_ACTION,
            "text": _plain(text("home.overview_button", language)),
            "url": overview_url,
        }
        blocks.append({"type": "actions", "block_id": "overview", "elements": [button]})
    if notice:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(notice)}})
    for section in sections:
        blocks.append({"type": "divider"})
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(section.heading)}*"}}
        )
        lines = [f"• {escape(line)}" for line in section.lines] or [
            escape(text("home.empty", language))
        ]
        if section.more:
            lines.append(escape(text("home.more", language)))
        body = "\n".join(lines)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": body[:2900]}})
    return {"type": "home", "blocks": blocks[:100]}
