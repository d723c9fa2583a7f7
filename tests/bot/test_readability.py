"""Plain Dutch (taalniveau B1): every Dutch catalogue text of eight words or more scores
Flesch-Douma >= 60, measured by textstat with lang nl (Douma's constants: 206.835 - 0.93 x
words per sentence - 77 x syllables per word). What a person does not read as language is
measured as one short word: placeholders, setting names, options, paths, URLs, case
references. `python tests/bot/test_readability.py` prints the figures (docs/language.md)."""

from __future__ import annotations

import json
import re
import statistics
from functools import cache

import pytest
import textstat

from bot.messages import CATALOGUES

MINIMUM = 60
LONG = 8  # words: shorter texts (buttons, labels, statuses) are not scored

_PLURAL = re.compile(r"\{\w+:plural:[^|}]*\|([^}]*)\}")
_FIELD = re.compile(r"\{[^{}]*\}")
_TOKEN = re.compile(
    r"\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b"  # case references: JT-NRD-2026-0042, HAP-7781
    r"|\b[A-Z][a-z]+-[A-Z][a-z]+\b"  # header names: Idempotency-Key
    r"|(?<![\w-])--?[a-z][a-z-]*"  # options: --now, -h
    r"|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"  # setting names: TERUGKOPPEL_SMTP_URL
    r"|\b\w+://\S*"  # URLs
    r"|(?<!\w)/[a-z][\w/-]*"  # paths and slash commands
    r"|\b[\w-]+\.(?:py|csv|yaml|yml|json|zip|png|db)\b"  # file names
    r"|\b[a-z]+\.[a-zA-Z]+(?:\.[a-zA-Z]+)*\b"  # dotted names: users.lookupByEmail
)


def prose(template: str) -> str:
    """The text as a person reads it: a plural as its plural form, everything else that is
    not language as one short word."""
    plain = _PLURAL.sub(lambda found: found.group(1).replace("#", "3"), template)
    return _TOKEN.sub("X", _FIELD.sub("X", plain))


def douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def words(text: str) -> int:
    return int(textstat.lexicon_count(text))


@cache
def scores() -> dict[str, float]:
    """Flesch-Douma of every Dutch text of eight words or more, by key."""
    measured = {}
    for key, template in CATALOGUES["nl"].items():
        text = prose(template)
        if words(text) >= LONG:
            measured[key] = douma(text)
    return measured


def test_the_formula_is_douma() -> None:
    """textstat's nl constants are Douma's: one sentence of 10 one-syllable words scores
    206.835 - 0.93 x 10 - 77 x 1."""
    assert douma("Ik zie de kat en hij ziet mij nu ook.") == pytest.approx(120.535, abs=0.01)
    assert douma("Ik zie de kat en hij ziet mij nu ook.") > douma(
        "Gemeentelijke jeugdhulporganisaties coördineren verwijzingsprocessen systematisch."
    )


def test_placeholders_and_names_are_read_as_one_word() -> None:
    assert prose("Zet TERUGKOPPEL_SMTP_URL voor {host} met --now") == "Zet X voor X met X"
    assert prose("over {count:plural:# verwijzing|# verwijzingen}") == "over 3 verwijzingen"


@pytest.mark.parametrize("key", sorted(scores()))
def test_every_long_dutch_text_is_plain_language(key: str) -> None:
    assert scores()[key] >= MINIMUM, (key, round(scores()[key], 1), CATALOGUES["nl"][key])


def test_enough_texts_are_measured() -> None:
    """A safeguard for the measurement itself: most long texts stay long enough to count."""
    assert len(scores()) >= 150


# Texts a professional, referrer or partner reads: not the operator's command line.
OPERATOR = ("cli.", "help.", "usage.", "check.", "setting.", "name.", "value.", "type.")
OPERATOR_TOO = ("directory.", "tenant.")  # the directory import's refusals, tenants: the CLI
# English and developer words that have no place in a Dutch sentence. Dutch usage that looks
# English is allowed on purpose: e-mail, Slack, Teams, link, app, webhook, JSON (REST).
FOREIGN = frozenset(
    [
        "payload",
        "token",
        "tokens",
        "id",
        "ids",
        "uuid",
        "request",
        "response",
        "endpoint",
        "callback",
        "null",
        "none",
        "debug",
        "timeout",
        "retry",
        "queue",
        "outbox",
        "exception",
        "traceback",
        "error",
        "errors",
        "failed",
        "user",
        "users",
        "the",
        "and",
        "with",
        "please",
        "not",
        "found",
        "invalid",
        "missing",
        "body",
        "header",
        "field",
        "string",
        "integer",
        "boolean",
        "config",
        "settings",
        "admin",
        "login",
        "submit",
        "cancel",
        "delete",
        "click",
        "scheduler",
        "worker",
        "job",
        "jobs",
        "bolt",
        "sdk",
        "tenant",
        "scope",
        "ack",
        "ratelimited",
        "channel",
        "thread",
        "mention",
    ]
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ_]+")


def foreign_words(template: str) -> list[str]:
    """English or developer words in a Dutch text, and English values of the command line
    (`parents`), outside placeholders, options, paths and names."""
    english_values = {
        value
        for key, value in CATALOGUES["en"].items()
        if key.startswith("value.") and value != CATALOGUES["nl"][key]
    }
    return [
        word
        for word in _WORD.findall(prose(template))
        if word.lower() in FOREIGN or word.lower() in english_values
    ]


def test_foreign_words_are_found() -> None:
    assert foreign_words("De payload van het token (id {id}) is leeg") == ["payload", "token", "id"]
    assert foreign_words("Kies ouders, niet parents") == ["parents"]
    assert foreign_words("Stuur een e-mail of een link via Slack of Teams") == []


def test_dutch_texts_outside_the_command_line_have_no_english_or_developer_words() -> None:
    found = {
        key: words
        for key, template in CATALOGUES["nl"].items()
        if not key.startswith(OPERATOR + OPERATOR_TOO) and (words := foreign_words(template))
    }
    assert found == {}


def figures() -> dict[str, object]:
    measured = scores()
    lowest = min(measured, key=measured.__getitem__)
    return {
        "dutch_texts": len(CATALOGUES["nl"]),
        "measured": len(measured),
        "below_60": sum(score < MINIMUM for score in measured.values()),
        "lowest": [lowest, round(measured[lowest], 1)],
        "mean": round(statistics.mean(measured.values()), 1),
    }


if __name__ == "__main__":
    print(json.dumps(figures()))
