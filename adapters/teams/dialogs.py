"""Pure Adaptive Cards and invoke answers for Teams' dialogs (task modules), the people
picker (Data.Query typeahead), the message-extension search and card refresh."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app.chat.referral_form import Choices, Problems
from bot.domain.model import Consent
from bot.messages import Language, Message, text

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
REFERRAL_DIALOG = "referral"  # data["dialog_id"] of the button that opens the form
REFERRAL_SUBMIT = "referral_submit"  # data["action"] of the form's submit button
PERSON_INPUT = "tk_person"
# The form's fields, by the neutral names bot/app/chat/referral_form.read uses.
TEAM, REFERRER, EXTERNAL_REF, CONSENT, URGENT = (
    "team",
    "referrer",
    "external_ref",
    "consent",
    "urgent",
)
EXTERNAL_REF_LIMIT = 40
# A longer list of teams or referrers is searched as the person types (Data.Query, as
# Slack's external select): the dialog stays small for a large municipality.
MAX_CHOICES = 100


def open_form_button(language: Language) -> dict[str, Any]:
    """A card button that opens the referral form as a dialog (task/fetch)."""
    return {
        "type": "Action.Submit",
        "title": text("chatcmd.referral_button", language),
        "data": {"msteams": {"type": "task/fetch"}, "dialog_id": REFERRAL_DIALOG},
    }


def open_form_card(message: Message) -> dict[str, Any]:
    """The answer to the typed command `verwijzing`: a sentence and the form's button."""
    return {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": [{"type": "TextBlock", "text": message.body(), "wrap": True}],
        "actions": [open_form_button(message.language)],
    }


def referral_card(
    found: Choices,
    language: Language,
    *,
    values: Mapping[str, str] | None = None,
    problems: Problems | None = None,
) -> dict[str, Any]:
    """The referral form: team, referrer (for a professional), the referrer's own reference,
    consent and urgency; filled in and with a sentence per problem when it comes back."""
    values = values or {}
    problems = problems or {}
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": text("slack.referral_intro", language), "wrap": True}
    ]
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
    body.append(_choice(TEAM, text("slack.field_team", language), found.teams, values, language))
    if found.self_label is not None:
        body.append({"type": "TextBlock", "text": found.self_label, "wrap": True})
    else:
        referrers = _choice(
            REFERRER, text("slack.field_referrer", language), found.referrers, values, language
        )
        body.append(referrers)
    body.append(
        {
            "type": "Input.Text",
            "id": EXTERNAL_REF,
            "label": text("slack.field_external_ref", language),
            "placeholder": text("slack.hint_external_ref", language),
            "maxLength": EXTERNAL_REF_LIMIT,
            **({"value": values[EXTERNAL_REF]} if values.get(EXTERNAL_REF) else {}),
        }
    )
    consents = [(c.value, text(f"consent.{c.value}", language)) for c in Consent]
    body.append(_choice(CONSENT, text("slack.field_consent", language), consents, values, language))
    body.append(
        {
            "type": "Input.Toggle",
            "id": URGENT,
            "title": text("slack.option_urgent", language),
            "label": text("slack.field_urgent", language),
            "value": "true" if values.get(URGENT) == "true" else "false",
            "valueOn": "true",
            "valueOff": "false",
        }
    )
    for field, (key, params) in problems.items():
        sentence = _problem(key, params, language)
        at = next((i for i, b in enumerate(body) if b.get("id") == field), len(body) - 1)
        body.insert(
            at + 1, {"type": "TextBlock", "text": sentence, "wrap": True, "color": "Attention"}
        )
    return {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "actions": [
            {
                "type": "Action.Submit",
                "title": text("slack.modal_submit", language),
                "data": {"action": REFERRAL_SUBMIT},
            }
        ],
    }


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
        "label": label,
        "isRequired": True,
        "errorMessage": text("slack.choose", language),
        "style": "filtered",
    }
    chosen = [(v, t) for v, t in choices if v == values.get(field)]
    if len(choices) > MAX_CHOICES:
        # the one chosen (when the form comes back) and the rest found by typing
        block["choices"] = [{"title": title, "value": value} for value, title in chosen]
        block["choices.data"] = {"type": "Data.Query", "dataset": field}
    else:
        block["choices"] = [{"title": title, "value": value} for value, title in choices]
    if chosen:
        block["value"] = chosen[0][0]
    return block


def _problem(key: str, params: Mapping[str, str], language: Language) -> str:
    """The sentence for one field; what the privacy guard found (`kinds`) as plain hints."""
    values = dict(params)
    if "kinds" in values:
        hints = [text(f"privacy.hint.{kind}", language) for kind in values["kinds"].split("+")]
        values["found"] = "; ".join(hints)
    return text(key, language, **values)


def form_fields(data: Mapping[str, Any]) -> dict[str, str]:
    """The form's fields as sent (strings only; anything else is left out)."""
    fields = (TEAM, REFERRER, EXTERNAL_REF, CONSENT, URGENT)
    return {name: data[name] for name in fields if isinstance(data.get(name), str)}


def dialog_response(card: dict[str, Any], title: str) -> dict[str, Any]:
    """A task/fetch (or task/submit) answer that shows `card` in the dialog."""
    return {
        "task": {
            "type": "continue",
            "value": {
                "title": title,
                "width": "medium",
                "height": "large",
                "card": {"contentType": CARD_TYPE, "content": card},
            },
        }
    }


def dialog_message(message: Message) -> dict[str, Any]:
    """A dialog answer that closes the form with a sentence."""
    return {"task": {"type": "message", "value": message.body()}}


def picker(
    action_id: str, value: str, label: str, language: Language, data: dict[str, Any]
) -> dict[str, Any]:
    """A button that needs a colleague picked first: a ShowCard with a typeahead over the
    team's professionals (Data.Query, answered by application/search) and the button."""
    return {
        "type": "Action.ShowCard",
        "title": label,
        "card": {
            "type": "AdaptiveCard",
            "version": CARD_VERSION,
            "body": [
                {
                    "type": "Input.ChoiceSet",
                    "id": PERSON_INPUT,
                    "label": text("teamsui.pick_label", language),
                    "placeholder": text("teamsui.pick_hint", language),
                    "isRequired": True,
                    "errorMessage": text("teamsui.pick_missing", language),
                    "style": "filtered",
                    "choices": [],
                    "choices.data": {"type": "Data.Query", "dataset": "professionals"},
                }
            ],
            "actions": [
                {
                    "type": "Action.Execute",
                    "title": label,
                    "verb": action_id,
                    "data": data,
                    "fallback": {"type": "Action.Submit", "title": label, "data": data},
                }
            ],
        },
    }


def search_response(found: list[tuple[str, str]]) -> dict[str, Any]:
    """The answer to application/search: the choices of a typeahead (value, title)."""
    return {
        "statusCode": 200,
        "type": "application/vnd.microsoft.search.searchResponse",
        "value": {"results": [{"value": value, "title": title} for value, title in found]},
    }


def case_result(card: dict[str, Any], title: str, preview: str) -> dict[str, Any]:
    """The message-extension search's one result: the case's card, and its preview line."""
    return {
        "composeExtension": {
            "type": "result",
            "attachmentLayout": "list",
            "attachments": [
                {
                    "contentType": CARD_TYPE,
                    "content": card,
                    "preview": {
                        "contentType": "application/vnd.microsoft.card.thumbnail",
                        "content": {"title": title, "text": preview},
                    },
                }
            ],
        }
    }


def extension_message(message: Message) -> dict[str, Any]:
    """A message-extension answer that is only a sentence (nothing found, not allowed)."""
    return {"composeExtension": {"type": "message", "text": message.body()}}
