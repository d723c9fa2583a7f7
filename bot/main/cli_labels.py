"""What `--help` shows beside an option or argument, from the catalogue: a label for what to
type (`TEKST`, `BESTAND`, `DATUM`), or the words the command line accepts
(`geen|status|toelichting`), never Typer's own `<str>`, `<path>` or `<int range>`.

An option's label is `name.<verb path>.<parameter>`, else `name.<parameter>`, else the
label of its type (`type.text`, `type.number`, `type.file`); an argument's label is
`name.<parameter>` and its type column shows only its words, if it has any."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from functools import cache
from typing import Any

from typer import _click

from bot.messages import CATALOGUES, text


def label(path: tuple[str, ...], parameter: _click.Parameter, language: str) -> str:
    """The label for an option's value: the words it accepts, or what to type."""
    chosen = choice_words(parameter, language)
    if chosen is not None:
        return chosen
    verb = "_".join(path) or "root"
    for key in (f"name.{verb}.{parameter.name}", f"name.{parameter.name}"):
        if key in CATALOGUES["nl"]:
            return _with_range(text(key, language), parameter, language)
    return _with_range(text(_type_key(parameter), language), parameter, language)


def choice_words(parameter: _click.Parameter, language: str) -> str | None:
    """`geen|status|toelichting`: the catalogue's words for an enum's values, or None."""
    members = _members(parameter)
    if not members:
        return None
    topic = topic_of(tuple(str(member.value) for member in members))
    if topic is None:  # no words in the catalogue: the values themselves
        return "|".join(str(member.value) for member in members)
    return "|".join(text(f"value.{topic}.{member.value}", language) for member in members)


def default_word(parameter: _click.Parameter, language: str) -> str | None:
    """An enum default as the catalogue's word (`tekst`, not `text`), or None."""
    default = parameter.default
    if not isinstance(default, Enum):
        return None
    topic = topic_of(tuple(str(member.value) for member in _members(parameter)))
    return text(f"value.{topic}.{default.value}", language) if topic else str(default.value)


@cache
def topic_of(values: tuple[str, ...]) -> str | None:
    """The catalogue topic with a word for each of `values` (`value.<topic>.<value>`)."""
    topics = {key.split(".")[1] for key in CATALOGUES["nl"] if key.startswith("value.")}
    for topic in sorted(topics):
        if all(f"value.{topic}.{value}" in CATALOGUES["nl"] for value in values):
            return topic
    return None


def is_flag(parameter: _click.Parameter) -> bool:
    """An option without a value (`--warm`, `--help`): nothing to label."""
    return bool(getattr(parameter, "is_flag", False))


def _members(parameter: _click.Parameter) -> list[Enum]:
    descriptor = getattr(parameter, "type_descriptor", None)
    listed: Iterable[Any] = getattr(descriptor, "choices", None) or ()
    return [member for member in listed if isinstance(member, Enum)]


def _type_key(parameter: _click.Parameter) -> str:
    descriptor = getattr(parameter, "type_descriptor", None)
    if descriptor is not None and descriptor.is_path:
        return "type.folder" if descriptor.path_type == "dir" else "type.file"
    annotation = getattr(descriptor, "annotation", str)
    if annotation in (int, float):
        return "type.number"
    return "type.text"


def _with_range(shown: str, parameter: _click.Parameter, language: str) -> str:
    """`GETAL (14 t/m 60)` for a number with limits; Typer's `[14<=x<=60]` is left out."""
    low, high = getattr(parameter, "min", None), getattr(parameter, "max", None)
    if low is not None and high is not None:
        return text("usage.range", language, label=shown, low=low, high=high)
    if low is not None:
        return text("usage.range_from", language, label=shown, low=low)
    if high is not None:
        return text("usage.range_to", language, label=shown, high=high)
    return shown
