"""Pure translation of Slack payloads (clicks, commands, modals, events) into our commands."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.slack.translate import action_name
from bot.app.chat import case_forms
from bot.app.chat.away import last_day_away
from bot.app.chat.intents import NotUnderstood, number, prompt_answer
from bot.app.chat.referral_form import ReferralForm
from bot.domain import external_ref as external_ref_rule
from bot.domain import privacy_guard
from bot.domain.model import Answer, Consent

# Block and action ids of our modals (adapters/slack/views.py builds them).
REFERRAL_CALLBACK = "referral"
NOTE_CALLBACK = "note"
TEAM, REFERRER, EXTERNAL_REF, CONSENT, URGENT = (
    "team",
    "referrer",
    "external_ref",
    "consent",
    "urgent",
)
ANSWER, NOTE = "answer", "note"


@dataclass(frozen=True)
class SlackUser:
    """Who clicked or typed: the workspace and the Slack user id."""

    team: str
    user: str


@dataclass(frozen=True)
class Click:
    """A button or picker in a message we sent, with where that message is."""

    actor: SlackUser
    name: str  # our Action.id: answer, note, take, assign, accept, refuse
    value: str
    channel: str | None
    message_ts: str | None
    response_url: str | None
    trigger_id: str | None
    selected_user: str | None = None


@dataclass(frozen=True)
class NoteForm:
    prompt_id: int
    answer: Answer
    note: str | None


@dataclass(frozen=True)
class StatusChange:
    """A user's Slack status: away (with the last day) or not."""

    user: str
    away_until: date | None


def actor_of(payload: Mapping[str, Any]) -> SlackUser:
    """The clicking or typing user: interactivity carries `user`, slash commands `user_id`."""
    user = payload.get("user")
    if isinstance(user, Mapping):
        team = user.get("team_id") or _team_id(payload)
        return SlackUser(str(team), str(user.get("id") or ""))
    return SlackUser(str(payload.get("team_id") or ""), str(payload.get("user_id") or ""))


def click_from_block_action(payload: Mapping[str, Any]) -> Click:
    actions = payload.get("actions") or []
    if not actions:
        raise NotUnderstood()
    action = actions[0]
    action_id = str(action.get("action_id") or "")
    name, _, value = action_id.partition(":")  # a picker carries its value in the action id
    value = str(action.get("value") or value)
    container = payload.get("container") or {}
    channel = container.get("channel_id") or (payload.get("channel") or {}).get("id")
    message_ts = container.get("message_ts") or (payload.get("message") or {}).get("ts")
    return Click(
        actor=actor_of(payload),
        name=action_name(name),
        value=value,
        channel=str(channel) if channel else None,
        message_ts=str(message_ts) if message_ts else None,
        response_url=payload.get("response_url"),
        trigger_id=payload.get("trigger_id"),
        selected_user=action.get("selected_user"),
    )


def inbound_key(body: Mapping[str, Any]) -> str | None:
    """The id a retry or double submission of the same request repeats; None: no state."""
    kind = body.get("type")
    if kind == "event_callback" and body.get("event_id"):
        return f"slack:event:{body['event_id']}"
    if kind == "block_actions":
        actor = actor_of(body)
        action = (body.get("actions") or [{}])[0]
        return f"slack:action:{actor.team}:{actor.user}:{action.get('action_ts')}"
    if kind == "view_submission":
        view = body.get("view") or {}
        return f"slack:view:{view.get('id')}:{view.get('hash')}"
    if body.get("command") and body.get("trigger_id"):
        return f"slack:command:{body['trigger_id']}"
    return None


# -- modals -------------------------------------------------------------------------------


def metadata(view: Mapping[str, Any]) -> dict[str, str]:
    """Our private_metadata: JSON we wrote when opening the modal (Slack signs it back)."""
    try:
        data = json.loads(str(view.get("private_metadata") or "{}"))
    except json.JSONDecodeError as exc:
        raise NotUnderstood() from exc
    if not isinstance(data, dict):
        raise NotUnderstood()
    return {str(k): str(v) for k, v in data.items() if v is not None}


def _value(view: Mapping[str, Any], block: str) -> Mapping[str, Any]:
    values = ((view.get("state") or {}).get("values") or {}).get(block) or {}
    return values.get(block) or {}


def suggestion_query(body: Mapping[str, Any]) -> tuple[str, str]:
    """A block_suggestion request (an external select asking for options): the select's
    action id and what the person typed so far."""
    return str(body.get("action_id") or ""), str(body.get("value") or "").strip()[:100]


def _selected(view: Mapping[str, Any], block: str) -> str | None:
    option = _value(view, block).get("selected_option") or {}
    value = option.get("value")
    return str(value) if value else None


def _typed(view: Mapping[str, Any], block: str) -> str | None:
    value = _value(view, block).get("value")
    return str(value).strip() or None if value is not None else None


def referral_form(
    view: Mapping[str, Any],
) -> tuple[ReferralForm | None, dict[str, tuple[str, dict[str, str]]]]:
    """The submitted referral, or the problems per block (catalogue key and parameters)."""
    problems: dict[str, tuple[str, dict[str, str]]] = {}
    team = _selected(view, TEAM)
    if team is None:
        problems[TEAM] = ("slack.choose", {})
    referrer = _selected(view, REFERRER)
    external_ref = _typed(view, EXTERNAL_REF)
    error = external_ref_rule.problem(external_ref) if external_ref is not None else None
    if error is not None:  # a reference, not text (bot/domain/external_ref.py)
        params = {k: str(v) for k, v in error.params.items()}
        # with the plain hints for what the guard found (views.view_errors renders `kinds`)
        key = "error.external_ref_found" if "kinds" in params else error.key
        problems[EXTERNAL_REF] = (key, params)
    consent_value = _selected(view, CONSENT)
    if consent_value not in {c.value for c in Consent}:
        problems[CONSENT] = ("slack.choose", {})
    urgent = bool(_value(view, URGENT).get("selected_options"))
    if problems or team is None or consent_value is None:
        return None, problems
    return ReferralForm(team, referrer, external_ref, Consent(consent_value), urgent), {}


def note_form(
    view: Mapping[str, Any],
) -> tuple[NoteForm | None, dict[str, tuple[str, dict[str, str]]]]:
    problems: dict[str, tuple[str, dict[str, str]]] = {}
    prompt_id = number(metadata(view).get("prompt", ""))
    chosen = _selected(view, ANSWER)
    note = _typed(view, NOTE)
    if chosen is None:
        problems[ANSWER] = ("slack.choose", {})
    if note is not None:
        found = privacy_guard.check(note)
        if found:
            # The kinds (for the hint and the audit) and the note with the spans marked, so
            # the professional sees what to change; views.view_errors renders both.
            problems[NOTE] = (
                "error.note_refused",
                {
                    "kinds": "+".join(privacy_guard.kinds(found)),
                    "marked": privacy_guard.marked(note, found),
                },
            )
    if problems or chosen is None:
        return None, problems
    _, answer = prompt_answer(chosen)
    return NoteForm(prompt_id, answer, note), {}


# -- events -------------------------------------------------------------------------------


def status_change(
    event: Mapping[str, Any], *, emoji: frozenset[str], today: date, timezone: str
) -> StatusChange | None:
    """A `user_change` event: away while the status emoji is one of `emoji`, up to the day
    the status expires (no expiry: today only). None when the event has no user."""
    user = event.get("user") or {}
    if not isinstance(user, Mapping) or not user.get("id"):
        return None
    profile = user.get("profile") or {}
    if profile.get("status_emoji") not in emoji:
        return StatusChange(str(user["id"]), None)
    try:
        expiry = int(profile.get("status_expiration") or 0)
        end = datetime.fromtimestamp(expiry, UTC) if expiry > 0 else None
    except (TypeError, ValueError, OverflowError, OSError):  # not a time Slack would send
        end = None
    until = last_day_away(end, today=today, zone=ZoneInfo(timezone))
    return StatusChange(str(user["id"]), until)


def _team_id(payload: Mapping[str, Any]) -> str:
    team = payload.get("team")
    if isinstance(team, Mapping):
        return str(team.get("id") or "")
    return str(payload.get("team_id") or "")


# -- the case forms (bot/app/chat/case_forms.py) ------------------------------------------


def handover_fields(view: Mapping[str, Any]) -> dict[str, Any]:
    """The handover modal's fields as sent: place, warm, the meeting's day and time."""
    day = _value(view, case_forms.MEETING_DAY).get("selected_date")
    at = _value(view, case_forms.MEETING_TIME).get("selected_time")
    return {
        "place": _selected(view, case_forms.PLACE),
        "warm": bool(_value(view, case_forms.WARM).get("selected_options")),
        "day": str(day) if day else None,
        "at": str(at) if at else None,
    }


def decline_fields(view: Mapping[str, Any]) -> dict[str, str | None]:
    """The decline modal's fields as sent: the reason and the better place."""
    return {
        "reason": _selected(view, case_forms.REASON),
        "place": _selected(view, case_forms.PLACE),
    }
