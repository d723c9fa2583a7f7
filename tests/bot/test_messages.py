from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bot.domain.model import Answer, OrganisationKind, ReferralStatus
from bot.messages import CATALOGUES, Message, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_dutch_and_english_have_the_same_keys() -> None:
    assert set(CATALOGUES["nl"]) == set(CATALOGUES["en"])


@pytest.mark.parametrize("key", sorted(CATALOGUES["nl"]))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    assert _fields(CATALOGUES["nl"][key]) == _fields(CATALOGUES["en"][key])


def test_every_status_answer_and_organisation_kind_has_a_text() -> None:
    for language in ("nl", "en"):
        for status in ReferralStatus:
            assert text(f"status.{status.value}", language)
        for answer in Answer:
            assert text(f"action.{answer.value}", language)
        for kind in OrganisationKind:
            assert text(f"kind.{kind.value}", language)


def test_every_key_used_in_the_code_exists() -> None:
    """Literal catalogue keys in the source must be in the catalogue (catches typos)."""
    root = Path(__file__).resolve().parents[2]
    prefixes = tuple(sorted({key.split(".")[0] + "." for key in CATALOGUES["nl"]}))
    missing = set()
    for folder in ("bot", "adapters", "reminders"):
        for path in (root / folder).rglob("*.py"):
            if "messages" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    value = node.value
                    if value.startswith(prefixes) and " " not in value and value.count(".") == 1:
                        if value.endswith((".", ".db", ".py", ".yaml")):
                            continue
                        if value not in CATALOGUES["nl"]:
                            missing.add(f"{path.name}: {value}")
    assert not missing


def test_unknown_language_falls_back_to_dutch() -> None:
    assert text("status.closed", "de") == CATALOGUES["nl"]["status.closed"]


def test_message_renders_in_the_recipients_language() -> None:
    message = Message("prompt.snoozed", {"date": "01-05-2026"}, language="en")
    assert message.body() == "Fine. I will ask you again on 01-05-2026."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_key_is_in_two_parts_of_a_catalogue(language: str) -> None:
    """The catalogue is split by topic; a key in two parts would silently hide one text."""
    import importlib
    import pkgutil

    package = importlib.import_module(f"bot.messages.{language}")
    parts = tuple(info.name for info in pkgutil.iter_modules(package.__path__))  # every part
    seen: dict[str, str] = {}
    for part in parts:
        module = importlib.import_module(f"bot.messages.{language}.{part}")
        for key in module.TEXTS:
            assert key not in seen, f"{key} in both {seen[key]} and {part}"
            seen[key] = part
    assert len(seen) == len(CATALOGUES[language])


@pytest.mark.parametrize(
    ("count", "dutch", "english"),
    [
        (1, "(over 1 verwijzing)", "(over 1 referral)"),
        (3, "(over 3 verwijzingen)", "(over 3 referrals)"),
        ("1", "(over 1 verwijzing)", "(over 1 referral)"),  # a figure the digest formatted
        ("<5", "(over <5 verwijzingen)", "(over <5 referrals)"),  # a suppressed one
    ],
)
def test_plurals_come_from_the_catalogue(count: int | str, dutch: str, english: str) -> None:
    """ "(over 1 verwijzingen)" was a slip: the text itself holds both forms."""
    params = {"median": 2, "p90": 4, "count": count}
    assert text("digest.spread", "nl", **params).endswith(dutch)
    assert text("digest.spread", "en", **params).endswith(english)
    assert text("check.summary_problems", "nl", count=1).startswith("1 probleem ")
    assert text("check.summary_problems", "nl", count=2).startswith("2 problemen ")


# docs/language.md: `je` inside the team (and for the operator), `u` for referrers and partners
TEAM = ("prompt.", "intake.", "handover.", "slack.", "teams.", "home.", "coverage.", "cli.")
TEAM_PAGE = ("overview.",)  # the team's own overview; before sign-in it avoids a pronoun
BOTH = ("privacy.", "overview.unknown", "overview.not_configured", "overview.signed_out")
TEAM_TOO = ("check.", "help.", "usage.", "links.prompt.")
REFERRER = ("referrer.", "satisfaction.", "api.", "links.request.", "links.checkin.")
_U = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
_JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def test_the_team_reads_je_and_referrers_read_u() -> None:
    mixed = []
    for key, template in CATALOGUES["nl"].items():
        if key.startswith(TEAM + TEAM_TOO + TEAM_PAGE) and _U.search(template):
            mixed.append(key)
        if key.startswith(BOTH) and (_U.search(template) or _JE.search(template)):
            mixed.append(key)
        if key.startswith(REFERRER) and _JE.search(template):
            mixed.append(key)
    assert mixed == []
    assert _U.search("Wilt u bellen?") and _JE.search("Kun je bellen?")


def test_every_escalation_kind_has_its_words_in_app_home_and_on_the_overview() -> None:
    # App Home (bot/app/chat/home.py) names an open escalation by `home.escalation.{kind}`
    from store.repos.waits import STALL_KINDS

    base = ("prompt", "intake", "handover", "coverage", "delivery")
    for language in ("nl", "en"):
        for kind in (*base, *STALL_KINDS):
            assert text(f"home.escalation.{kind}", language)
            assert text(f"overview.escalation.{kind}", language)
