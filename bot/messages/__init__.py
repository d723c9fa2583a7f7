"""The message catalogue: every sentence a person reads, keyed, in Dutch and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.messages import en, nl

Language = Literal["nl", "en"]
Style = Literal["primary", "danger", "default"]
DEFAULT_LANGUAGE: Language = "nl"
CATALOGUES: dict[str, dict[str, str]] = {"nl": nl.TEXTS, "en": en.TEXTS}


def language_of(value: str | None) -> Language:
    return "en" if value == "en" else DEFAULT_LANGUAGE


def text(key: str, language: str | None = None, **params: Any) -> str:
    """The sentence for `key` in the person's language; a missing key is a programming error."""
    template = CATALOGUES[language_of(language)][key]
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
