from __future__ import annotations

import pytest

from bot.domain.privacy_text import is_bsn
from tests.guard_kinds import findings


def test_elfproef_accepts_valid_and_rejects_invalid_bsn() -> None:
    assert is_bsn("111222333")
    assert is_bsn("123456782")
    assert not is_bsn("123456789")
    assert not is_bsn("000000000")
    assert not is_bsn("12345678")


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("bsn 111222333 bekend", "bsn"),
        ("BSN 1112.22.333", "bsn"),
        ("bel moeder op 06-12345678", "phone"),
        ("tel +31 20 1234567", "phone"),
        ("mail naar ouder@example.nl", "email"),
        ("woont in 1234 AB", "postcode"),
        ("geboren 12-03-2015", "date"),
        ("gesprek op 3 maart", "date"),
    ],
)
def test_guard_finds_personal_data(note: str, kind: str) -> None:
    assert kind in findings(note)


def test_guard_finds_configured_names() -> None:
    assert findings("gesprek met Jantje gehad", names=("Jantje",)) == ["name"]


def test_guard_lets_a_plain_procedural_note_through() -> None:
    assert findings("Eerste gesprek was goed, vervolg over twee weken.") == []
    assert findings("Wachttijd specialistische hulp is 6 weken.") == []
