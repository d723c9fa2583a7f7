"""Pure Adaptive Cards for the case forms in Teams (bot/app/chat/case_forms.py): the
button that opens "Overdragen…" or "Afwijzen…" as a dialog (task/fetch), and the dialog's
card, filled in with a sentence per problem when it comes back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.teams.dialogs import CARD_VERSION, SCHEMA
from bot.app.chat import case_forms
from bot.app.chat.case_forms import CaseForm
from bot.app.chat.referral_form import Problems
from bot.messages import Language, text

DIALOG = "dialog_id"  # data[DIALOG] names the form a task/fetch opens (the SDK routes on it)
CASE = "tk_case"  # the case reference the dialog is about
VALUE = "tk_value"  # the button's value (as adapters/teams/cards.py names it)
SUBMITS = {case_forms.HANDOVER: "handover_submit", case_forms.DECLINE: "decline_submit"}
KINDS = {submit: kind for kind, submit in SUBMITS.items()}
TITLES = {
    case_forms.HANDOVER: "caseform.handover_title",
    case_forms.DECLINE: "caseform.decline_title",
}
FIELDS = (
    case_forms.PLACE,
    case_forms.WARM,
    case_forms.MEETING_DAY,
    case_forms.MEETING_TIME,
    case_forms.REASON,
)
MAX_CHOICES = 100  # longer lists are only searched (Data.Query), as the referral form's


def open_button(kind: str, value: str, label: str) -> dict[str, Any]:
    """A card button that opens the form `kind` as a dialog."""
    return {
        "type": "Action.Submit",
        "title": label,
        "data": {"msteams": {"type": "task/fetch"}, DIALOG: kind, VALUE: value},
    }


def case_card(
    form: CaseForm,
    *,
    values: Mapping[str, str] | None = None,
    problems: Problems | None = None,
) -> dict[str, Any]:
    """The form's card: for a handover the place (typeahead over every team and partner),
    warm or not, the meeting's day and time; for a decline the reason and the better place."""
    values = values or {}
    language = form.language
    body: list[dict[str, Any]] = [{"type": "TextBlock", "text": form.intro, "wrap": True}]
    if problems:
        body.append(
            {
                "type": "TextBlock",
                "text": text("teamsui.form_fix", language),
                "wrap": True,
                "color": "Attention",
                "weight": "Bolder",
            }
        )
    if form.kind == case_forms.DECLINE:
        reason = _choice(case_forms.REASON, "caseform.field_reason", form.reasons, values, language)
        reason["isRequired"] = True
        reason["errorMessage"] = text("slack.choose", language)
        place = _places("caseform.field_better_place", form, values)
        place["placeholder"] = text("caseform.hint_better_place", language)
        body += [reason, place]
    else:
        place = _places("caseform.field_place", form, values)
        place["isRequired"] = True
        place["errorMessage"] = text("slack.choose", language)
        body += [
            place,
            {
                "type": "Input.Toggle",
                "id": case_forms.WARM,
                "label": text("caseform.field_warm", language),
                "title": text("caseform.option_warm", language),
                "value": "true" if values.get(case_forms.WARM) == "true" else "false",
                "valueOn": "true",
                "valueOff": "false",
            },
            {
                "type": "Input.Date",
                "id": case_forms.MEETING_DAY,
                "label": text("caseform.field_day", language),
                **_value(values, case_forms.MEETING_DAY),
            },
            {
                "type": "Input.Time",
                "id": case_forms.MEETING_TIME,
                "label": text("caseform.field_time", language),
                **_value(values, case_forms.MEETING_TIME),
            },
            {"type": "TextBlock", "text": text("caseform.hint_meeting", language), "wrap": True},
        ]
    for field, (key, params) in (problems or {}).items():
        at = next((i for i, b in enumerate(body) if b.get("id") == field), len(body) - 1)
        sentence = text(key, language, **params)
        body.insert(
            at + 1, {"type": "TextBlock", "text": sentence, "wrap": True, "color": "Attention"}
        )
    submit = {"action": SUBMITS[form.kind], CASE: form.case_ref}
    return {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "actions": [
            {"type": "Action.Submit", "title": text("slack.modal_submit", language), "data": submit}
        ],
    }


def _value(values: Mapping[str, str], field: str) -> dict[str, str]:
    return {"value": values[field]} if values.get(field) else {}


def _places(label: str, form: CaseForm, values: Mapping[str, str]) -> dict[str, Any]:
    """The place picker: typed ahead over every team and partner (Data.Query `places`,
    answered by application/search); the choices themselves as long as the list is short."""
    block = _choice(case_forms.PLACE, label, form.places, values, form.language)
    if len(form.places) > MAX_CHOICES:
        chosen = values.get(case_forms.PLACE)
        block["choices"] = [c for c in block["choices"] if c["value"] == chosen]
    block["choices.data"] = {"type": "Data.Query", "dataset": case_forms.PLACES}
    return block


def _choice(
    field: str,
    label: str,
    choices: list[tuple[str, str]],
    values: Mapping[str, str],
    language: Language,
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "Input.ChoiceSet",
        "id": field,
        "label": text(label, language),
        "style": "filtered",
        "choices": [{"title": title, "value": value} for value, title in choices],
    }
    if any(value == values.get(field) for value, _ in choices):
        block["value"] = values[field]
    return block


def case_fields(data: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields as sent (strings only; anything else is left out)."""
    return {name: data[name] for name in FIELDS if isinstance(data.get(name), str)}
