"""`--help` of every verb and group, as a real process at 80 columns, in Dutch and in English:
every option and argument shows a label from the catalogue (`TEKST`, `BESTAND`, `DATUM`, or
the words the command line accepts: `geen|status|toelichting`), never Typer's own type
labels (`<str>`, `<path>`, `<int range>`) or a choice list in the other language, and no
line is wider than the terminal."""

from __future__ import annotations

import os
import re
import sys
from enum import Enum

import pytest
import typer.main
from typer import _click

from bot.main.cli import app, main
from bot.main.cli_language import commands
from bot.messages import CATALOGUES

WIDTH = 80
LANGUAGES = ("nl", "en")

# Typer's and Click's own type labels: `<str>`, `<int range>`, `<none|status|notes>`,
# `[14<=x<=60]`, and Click's upper-case ones.
TYPER_LABEL = re.compile(r"<[a-z][a-z _|\[\],]*>|<=x|x[<>]=")
CLICK_LABELS = ("TEXT", "INTEGER", "PATH", "BOOLEAN", "FLOAT", "DIRECTORY", "FILENAME")


def tree() -> dict[str, _click.Command]:
    return {" ".join(path): command for path, command in commands(typer.main.get_command(app))}


def labels(language: str) -> set[str]:
    """Every label the catalogue gives a parameter in `language`."""
    return {
        value for key, value in CATALOGUES[language].items() if key.startswith(("name.", "type."))
    }


def choices(language: str) -> set[str]:
    """Every choice list the command line shows: the catalogue's words per topic."""
    topics: dict[str, list[str]] = {}
    for key, value in CATALOGUES[language].items():
        if key.startswith("value."):
            topics.setdefault(key.split(".")[1], []).append(value)
    return {"|".join(words) for words in topics.values()}


def enum_values() -> set[str]:
    """The enums' own values as Typer would list them (`none|status|notes`)."""
    found = set()
    for command in tree().values():
        for parameter in command.params:
            descriptor = getattr(parameter, "type_descriptor", None)
            listed = getattr(descriptor, "choices", None) or ()
            values = [str(c.value) if isinstance(c, Enum) else str(c) for c in listed]
            if values:
                found.add("|".join(values))
    return found


def other_words(language: str) -> set[str]:
    """Labels and choice lists of the other language that this one does not share."""
    other = "en" if language == "nl" else "nl"
    words = (labels(other) | choices(other)) - (labels(language) | choices(language))
    if language == "nl":
        words |= set(CLICK_LABELS) | (enum_values() - choices("nl"))
        # an English value named in a sentence (`Reden: outside_area, …`)
        # (not a verb's own name: `consent` is a verb and a value)
        verbs = {name for verb in tree() for name in verb.split()}
        words |= {
            value
            for key, value in CATALOGUES["en"].items()
            if key.startswith("value.") and value != CATALOGUES["nl"][key] and value not in verbs
        }
    return words


def run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """The command line's own entry point (bot/main/cli.py `main`), in this process: 98 help
    pages as processes would take minutes."""
    for name in [name for name in os.environ if name.startswith(("TERUGKOPPEL_", "SLACK_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys, "argv", ["terugkoppel", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    return int(ended.value.code or 0), capsys.readouterr().out


def shown_label(help_text: str, option: str) -> str | None:
    """What the help shows right after an option's name (its type column)."""
    for line in help_text.splitlines():
        found = re.match(r"^│\s+(?:\*\s+)?" + re.escape(option) + r"(?:\s+--[\w-]+)?\s+(\S+)", line)
        if found:
            return found.group(1)
    return None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("verb", sorted(tree()))
def test_help_shows_catalogue_labels_only(
    verb: str, language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, page = run([*verb.split(), "--help", "--lang", language], monkeypatch, capsys)
    assert code == 0, page
    assert not TYPER_LABEL.search(page), (verb, TYPER_LABEL.findall(page), page)
    leaked = [
        w for w in other_words(language) if re.search(rf"(?<![\w|]){re.escape(w)}(?![\w|])", page)
    ]
    assert leaked == [], (verb, language, leaked, page)
    allowed = labels(language) | choices(language)
    for parameter in tree()[verb].params:
        if parameter.param_type_name != "option" or getattr(parameter, "is_flag", False):
            continue
        label = shown_label(page, max(parameter.opts, key=len))
        assert label is not None and label in allowed, (verb, parameter.opts, label, page)
    too_wide = [line for line in page.splitlines() if len(line) > WIDTH]
    assert too_wide == [], too_wide


def test_every_argument_has_its_name_in_the_catalogue() -> None:
    missing = [
        f"name.{parameter.name}"
        for command in tree().values()
        for parameter in command.params
        if parameter.param_type_name == "argument"
        and f"name.{parameter.name}" not in CATALOGUES["nl"]
    ]
    assert missing == []
