"""The command line speaks Dutch: help from the catalogue for every verb and option, the
parser's own words too, English with --lang en or TERUGKOPPEL_LANGUAGE, Dutch values
accepted beside English ones, and shell completion that works."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
import typer.main

from adapters.cli.digest import DigestFormat
from adapters.cli.loop import Kind
from adapters.cli.privacy import Given, Level
from adapters.cli.values import UnknownWord, words
from bot.main.cli import app
from bot.main.cli_language import commands, help_key, split_language
from bot.messages import CATALOGUES

TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    clean["TERUGKOPPEL_DATABASE_URL"] = f"sqlite:///{cwd / 'cli.db'}"
    clean.update(env)
    return subprocess.run(
        [TERUGKOPPEL, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120
    )


def test_every_verb_and_option_has_its_help_in_the_catalogue() -> None:
    missing = []
    for path, command in commands(typer.main.get_command(app)):
        if help_key(path) not in CATALOGUES["nl"]:
            missing.append(help_key(path))
        for parameter in command.params:
            key = help_key(path, parameter.name or "")
            if key not in CATALOGUES["nl"]:
                missing.append(key)
    assert missing == []


@pytest.mark.parametrize(
    ("args", "env", "shown", "absent"),
    [
        (["--help"], {}, ["Gebruik: terugkoppel [OPTIES]", "Opdrachten", "Opties"], ["Usage"]),
        (
            ["consent", "set", "--help"],
            {},
            ["Argumenten", "KENMERK", "[verplicht]", "Toon deze hulp en stop."],
            ["Show this message", "[required]", "Arguments"],
        ),
        (["--lang", "en", "--help"], {}, ["Usage: terugkoppel [OPTIONS]", "Commands"], ["Gebruik"]),
        (["consent", "set", "--help", "--lang=en"], {}, ["CASE_REF", "[required]"], ["Opties"]),
        (["--help"], {"TERUGKOPPEL_LANGUAGE": "en"}, ["Usage:", "Options"], ["Opdrachten"]),
    ],
)
def test_help_reads_in_the_chosen_language(
    tmp_path: Path, args: list[str], env: dict[str, str], shown: list[str], absent: list[str]
) -> None:
    result = run(args, tmp_path, COLUMNS="200", **env)
    assert result.returncode == 0, result.stderr
    for text in shown:
        assert text in result.stdout, (text, result.stdout)
    for text in absent:
        assert text not in result.stdout, (text, result.stdout)


def test_lang_is_taken_from_anywhere_on_the_line() -> None:
    assert split_language(["--lang", "en", "demo"]) == ("en", ["demo"])
    assert split_language(["demo", "--lang=nl", "--days", "15"]) == ("nl", ["demo", "--days", "15"])
    assert split_language(["privacy", "check", "--", "--lang"]) == (
        None,
        ["privacy", "check", "--", "--lang"],
    )


@pytest.mark.parametrize(
    ("kind", "topic", "typed", "meant"),
    [
        (Given, "given", "ouders", Given.parents),
        (Given, "given", "Jeugdige", Given.youth),
        (Given, "given", "parents", Given.parents),
        (Level, "level", "geen", Level.none),
        (Level, "level", "toelichting", Level.notes),
        (Kind, "kind", "toestemming", Kind.consent),
        (Kind, "kind", "informatie", Kind.information),
        (DigestFormat, "format", "tekst", DigestFormat.text),
    ],
)
def test_dutch_values_are_accepted_beside_english(
    kind: type[StrEnum], topic: str, typed: str, meant: StrEnum
) -> None:
    assert words(kind, topic)(typed) is meant


def test_an_unknown_value_names_the_words_that_are_known() -> None:
    with pytest.raises(UnknownWord) as caught:
        words(Given, "given")("buren")
    assert {"ouders", "parents", "jeugdige", "beiden"} <= set(caught.value.choices)


def test_consent_set_takes_ouders_on_the_command_line(tmp_path: Path) -> None:
    """Parsed as `parents`: the verb goes on to look for the case (exit 2, one sentence
    about the case, not about the value)."""
    result = run(["consent", "set", "JT-1", "geen", "--given-by", "ouders"], tmp_path)
    assert result.returncode == 2
    assert "JT-1" in result.stderr and "ouders" not in result.stderr


def test_shell_completion_is_offered_and_completes(tmp_path: Path) -> None:
    script = run(["--show-completion", "bash"], tmp_path)
    assert script.returncode == 0, script.stderr
    assert "_TERUGKOPPEL_COMPLETE" in script.stdout
    env = {
        "_TERUGKOPPEL_COMPLETE": "complete_bash",
        "COMP_WORDS": "terugkoppel con",
        "COMP_CWORD": "1",
    }
    completed = run([], tmp_path, **env)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["consent"]
    env.update(COMP_WORDS="terugkoppel consent set JT-1 geen --given-by o", COMP_CWORD="6")
    assert run([], tmp_path, **env).stdout.split() == ["ouders"]
