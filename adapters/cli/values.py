"""Words a person types as a command-line value: the English value of an option or argument,
or the word the catalogue gives it in Dutch or English (`consent set … ouders` = `parents`)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from bot.messages import CATALOGUES

E = TypeVar("E", bound=StrEnum)


class UnknownWord(ValueError):
    """A value no word of the catalogue names; the error boundary says which words do."""

    def __init__(self, value: str, choices: list[str], named: list[str] | None = None) -> None:
        super().__init__(value)
        self.value = value
        self.choices = choices
        self.named = named or []  # the catalogue keys of the words, one per value

    def words_in(self, language: str) -> list[str]:
        """The words to offer in `language` (`geen, status, toelichting`): every value once."""
        catalogue = CATALOGUES.get(language, CATALOGUES["nl"])
        return [catalogue[key] for key in self.named] or self.choices


def words(kind: type[E], topic: str) -> Callable[[str], E]:
    """A Typer `parser` for `kind`: its own values, and the catalogue's words under
    `value.<topic>.<member>` in every language, case and accents as typed or not."""
    accepted: dict[str, E] = {}
    named = [f"value.{topic}.{member.value}" for member in kind]
    for member in kind:
        accepted[member.value.casefold()] = member
        for catalogue in CATALOGUES.values():
            accepted.setdefault(catalogue[f"value.{topic}.{member.value}"].casefold(), member)

    def parse(value: str | E) -> E:
        if isinstance(value, kind):
            return value
        found = accepted.get(str(value).strip().casefold())
        if found is None:
            raise UnknownWord(str(value), list(accepted), named)
        return found

    return parse


def completions(kind: type[StrEnum], topic: str) -> Callable[[str], list[str]]:
    """Typer `autocompletion` for `kind`: the English values and the catalogue's words, so
    Tab offers `ouders` as well as `parents`."""
    offered = [member.value for member in kind]
    for catalogue in CATALOGUES.values():
        for member in kind:
            word = catalogue[f"value.{topic}.{member.value}"]
            if word not in offered:
                offered.append(word)

    def complete(incomplete: str) -> list[str]:
        return [word for word in offered if word.startswith(incomplete.casefold())]

    return complete
