"""The privacy guard: finds personal data in a note before it may reach a referrer.

Kinds (in this order): bsn (nine digits passing the elfproef, also written with spaces,
dots or dashes), telefoonnummer (Dutch numbers, national or +31/0031), e-mailadres,
postcode, datum (numeric or with a month name) and naam (configured names and the people
in the directory). Empty findings mean the note may go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A number as people write it: digits with single spaces, dots or dashes between them.
_NUMBER_RUN = re.compile(r"(?<![\w+])\d(?:[ .-]?\d)*(?!\w)")
_PHONE_RUN = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ().-]{7,20}\d(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# "1234 AB" (capitals when written apart: "2024 en" is a year and a word) or "1234ab".
_POSTCODE = re.compile(r"\b[1-9]\d{3}(?: (?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss|SA|SD|SS)[A-Za-z]{2})\b")
_DATE_NUMERIC = re.compile(
    r"\b(0?[1-9]|[12]\d|3[01])[-/.](0?[1-9]|1[0-2])([-/.](\d{4}|\d{2}))?\b"
    r"|\b(19|20)\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|october"
)
_DATE_WORDS = re.compile(
    rf"\b\d{{1,2}}(e|ste|de)?\s+({_MONTHS})\b\.?|\b({_MONTHS})\s+(19|20)\d{{2}}\b",
    re.IGNORECASE,
)
# Words in front of a name in the directory that are no name themselves.
_TITLES = frozenset({"dr", "drs", "mr", "ir", "mevr", "mw", "dhr", "wijkagent", "juf", "meester"})


def is_bsn(digits: str) -> bool:
    """The elfproef for a Dutch citizen service number (BSN)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _has_bsn(note: str) -> bool:
    """Any nine digits on group boundaries of a written number that pass the elfproef:
    "111222333", "1112.22.333", "bsn 111 222 333" and "in 2024 111 222 333" alike."""
    for match in _NUMBER_RUN.finditer(note):
        groups = re.split(r"[ .-]", match.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) >= 9:
                    break
            if len(digits) == 9 and is_bsn(digits):
                return True
    return False


def _has_phone(note: str) -> bool:
    """A Dutch number: ten digits from a 0 (not 00), or +31 / 0031 and nine digits; "(0)"
    after the country code is left out. Checked on group boundaries of what is written, so
    "(020) 123 4567" and "bel 06-12345678 of" are found, and a number next to it is no bar."""
    for match in _PHONE_RUN.finditer(note):
        groups = [g for g in re.split(r"[ ().-]+", match.group().replace("(0)", " ")) if g]
        for start in range(len(groups)):
            first = groups[start]
            international = first.startswith(("+31", "0031"))
            wanted = 11 if international else 10
            digits = ""
            for group in groups[start:]:
                digits += re.sub(r"\D", "", group)
                if len(digits.removeprefix("00") if international else digits) >= wanted:
                    break
            if international:
                digits = digits.removeprefix("00")
                if len(digits) == 11 and digits.startswith("31") and digits[2] != "0":
                    return True
            elif len(digits) == 10 and digits[1] != "0" and _area_code(first):
                return True
    return False


def _area_code(group: str) -> bool:
    """How a national number starts: "06", an area code (010, 0513, 0800) or all ten digits
    at once. A date ("01-05-2026 10:00") never does."""
    if not group.isdigit() or not group.startswith("0"):
        return False
    return group == "06" or len(group) in (3, 4, 10)


def name_patterns(
    configured: Iterable[str] = (), directory: Iterable[str] = ()
) -> list[re.Pattern[str]]:
    """Whole-word patterns for names. Configured names (an operator's list) and whole
    directory names match in any case; the first and last word of a directory name only
    as written (capitalised), so "Bakker" is a name and "bakker" stays a word."""
    patterns: list[re.Pattern[str]] = []
    seen: set[tuple[str, int]] = set()

    def add(name: str, flags: int) -> None:
        name = " ".join(name.split())
        if len(name) >= 2 and (name, flags) not in seen:
            seen.add((name, flags))
            patterns.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags))

    for name in configured:
        add(name, re.IGNORECASE)
    for full in directory:
        plain = re.sub(r"\(.*?\)", " ", full)
        add(plain, re.IGNORECASE)
        words = [w.strip(".,'") for w in plain.split()]
        words = [w for w in words if len(w) >= 3 and w.isalpha() and w.lower() not in _TITLES]
        for word in {words[0], words[-1]} if words else set():
            if word[0].isupper():
                add(word, 0)
    return patterns


def findings(
    note: str,
    names: tuple[str, ...] = (),
    *,
    patterns: Iterable[re.Pattern[str]] = (),
) -> list[str]:
    """Kinds of personal data found, in a stable order; empty means the note may go.
    `names` are matched as whole words in any case; `patterns` come from name_patterns()."""
    found: list[str] = []
    if _has_bsn(note):
        found.append("bsn")
    if _has_phone(note):
        found.append("telefoonnummer")
    if _EMAIL.search(note):
        found.append("e-mailadres")
    if _POSTCODE.search(note):
        found.append("postcode")
    if _DATE_NUMERIC.search(note) or _DATE_WORDS.search(note):
        found.append("datum")
    every = [*name_patterns(names), *patterns]
    if any(pattern.search(note) for pattern in every):
        found.append("naam")
    return found
