"""The message catalogue: every sentence a person reads, keyed, in Dutch and English."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.messages import en, nl

Language = Literal["nl", "en"]
Style = Literal["primary", "danger", "default"]
DEFAULT_LANGUAGE: Language = "nl"
CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.TEXTS, "en": en.TEXTS}


def language_of(value: str | None) -> Language:
    return "en" if value == "en" else DEFAULT_LANGUAGE


class _Plurals(string.Formatter):
    """`str.format` plus one ICU-style choice, written in the catalogue text itself:
    `{count:plural:# verwijzing|# verwijzingen}` gives the first form for 1 and the second
    for any other number; `#` stands for the number. Dutch and English both have just the
    two forms (one, other)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec.removeprefix("plural:").partition("|")
            # a figure may come as text (a suppressed "<5", or a count already formatted)
            chosen = one if str(value).strip() == "1" else other
            return chosen.replace("#", str(value))
        return str(super().format_field(value, format_spec))


_PLURALS = _Plurals()

# Placeholders added to a text after messages with that text could already wait in the
# outbox: a row queued before an upgrade is rendered after it, without them. They read as
# empty there, so that message still goes out (a queued message is never lost).
LATER_PLACEHOLDERS: dict[str, str] = {
    "expected": "",  # referrer.receipt*: "U hoort uiterlijk op … van ons." (issue 20)
    "usually": "",  # referrer.receipt*: "Meestal binnen … werkdagen." (issue 20)
}


def text(key: str, language: str | None = None, **params: Any) -> str:
    """The sentence for `key` in the person's language; a missing key is a programming error."""
    template = CATALOGUES[language_of(language)][key]
    # a part of the sentence that is itself a catalogue text reads in the same language
    params = {
        name: text(value.key, language, **value.params) if isinstance(value, Message) else value
        for name, value in params.items()
    }
    params = {**LATER_PLACEHOLDERS, **params}
    if ":plural:" in template:
        return _PLURALS.format(template, **params)
    return template.format(**params)


@dataclass(frozen=True)
class Action:
    """A one-click answer: `id` routes it back, `value` carries what it refers to."""

    id: str
    label_key: str
    value: str
    style: Style = "default"

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "label_key": self.label_key,
            "value": self.value,
            "style": self.style,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        return cls(
            id=str(data["id"]),
            label_key=str(data["label_key"]),
            value=str(data["value"]),
            style=data.get("style", "default"),
        )


@dataclass(frozen=True)
class Message:
    """Platform-neutral: each adapter renders it (Block Kit, Adaptive Card, e-mail, console)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    actions: tuple[Action, ...] = ()
    language: Language = DEFAULT_LANGUAGE

    def body(self) -> str:
        return text(self.key, self.language, **self.params)

    def labels(self) -> list[str]:
        return [text(action.label_key, self.language) for action in self.actions]
