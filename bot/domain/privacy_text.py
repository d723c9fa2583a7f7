"""The privacy guard's own part (bot/domain/privacy_guard.py): the text as the detectors
read it (normalised, with every character's original span) and the numbers in it, each
checked by the field's libraries: BSN and IBAN by python-stdnum, telephone numbers by
phonenumbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# -- normalisation ----------------------------------------------------------------------

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


@dataclass(frozen=True)
class Normalised:
    """The note as the detectors read it, and for each of its characters the original span."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def normalise(note: str) -> Normalised:
    """NFKC per character (fullwidth digits and `＠` become plain), every Unicode space a
    plain space, every dash a hyphen, zero-width characters dropped."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(note):
        if char in _ZERO_WIDTH:
            continue
        if char in _DASHES or unicodedata.category(char) == "Pd":
            out = "-"
        elif char.isspace() or unicodedata.category(char) == "Zs":
            out = "\n" if char in "\n\r\u2028\u2029" else " "
        else:
            out = unicodedata.normalize("NFKC", char)
        for piece in out:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return Normalised("".join(chars), tuple(starts), tuple(ends))


# -- numbers: BSN, IBAN, phone, other ---------------------------------------------------

# A number as people write it: digits with single separators between them.
_NUMBER_RUN = re.compile(r"(?<![\w+])\d(?:(?: ?[.\-/] ?| )?\d)*(?!\w)")
_SEPARATOR = re.compile(r" ?[.\-/] ?| ")
_IBAN_RUN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]){10,32}", re.ASCII)
_PHONE_RUN = re.compile(r"(?<![\w+])(?:\+|00)?(?:\(\d{2,5}\) ?|\d)(?:[\d .-]|\(0\)){7,20}\d(?!\w)")
_DATE_SHAPE = re.compile(r"\(?\d{1,4}([-/.])\d{1,2}\1\d{1,4}(?!\d)")
LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w])")
_WHATSAPP = re.compile(r"(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)\+?(\d{8,15})")


def is_bsn(digits: str) -> bool:
    """The elfproef for a Dutch citizen service number (BSN), by python-stdnum."""
    from stdnum.nl import bsn

    return len(digits) == 9 and digits.isdigit() and digits != "000000000" and bsn.is_valid(digits)


def _groups(run: str, offset: int) -> list[tuple[str, int, int]]:
    """The digit groups of a written number, each with its span."""
    out: list[tuple[str, int, int]] = []
    position = 0
    for part in _SEPARATOR.split(run):
        found = run.index(part, position)
        out.append((part, offset + found, offset + found + len(part)))
        position = found + len(part)
    return out


def bsns(text: str) -> Iterator[tuple[int, int]]:
    """Nine digits on group boundaries of a written number that pass the elfproef:
    "111222333", "1112.22.333", "111 222 333" and "in 2024 111 222 333" alike."""
    for match in _NUMBER_RUN.finditer(text):
        groups = _groups(match.group(), match.start())
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += groups[last][0]
                if len(digits) >= 9:
                    break
            if len(digits) == 9 and is_bsn(digits):
                yield groups[first][1], groups[last][2]


def ibans(text: str) -> Iterator[tuple[int, int]]:
    from stdnum import iban

    for match in _IBAN_RUN.finditer(text):
        candidate = match.group()
        # The run may take a word after it; try each shorter end on a character boundary.
        for end in range(len(candidate), 11, -1):
            if candidate[end - 1] in " .-":
                continue
            if iban.is_valid(candidate[:end]):
                yield match.start(), match.start() + end
                break


def _prefix(written: str) -> str:
    """How a number starts: "+", "00", "06" (as a group of its own: "06-1234 5678"), "0" or ""."""
    written = written.lstrip("(")
    if written.startswith(("+", "00")):
        return written[:1] if written[0] == "+" else "00"
    if re.match(r"06(?!\d)", written):
        return "06"
    return "0" if written.startswith("0") else ""


def phones(text: str) -> Iterator[tuple[int, int, str]]:
    """Telephone numbers by phonenumbers' matcher (region NL; +, 00 and other countries),
    and wa.me links, each with how it was written in front ("+", "00", "06", "0" or "")."""
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        if _DATE_SHAPE.match(match.raw_string):
            continue  # "01-05-2026 10:00" reads as a number to the matcher
        yield match.start, match.end, _prefix(match.raw_string)
    # Numbers shaped as Dutch ones that no operator has been given yet ("06 00000000") are
    # still someone's number to the reader: ten digits from a 0, or +31 / 0031 and nine.
    for run in _PHONE_RUN.finditer(text):
        groups = [g for g in re.finditer(r"\(0\)|[^ .()-]+", run.group()) if g.group() != "(0)"]
        # From each group on, so a number before or after it ("1 020 000 0000") is no bar.
        for index, head in enumerate(groups):
            written = run.group()[head.start() :]
            first = re.sub(r"\D", "", head.group())
            international = written.startswith(("+31", "0031"))
            # Written as Dutch numbers are: from 06, an area code (010, 0513) or all at
            # once; a date ("01-05-2026 10:00") never is.
            if not international and not (
                first == "06" or (first.startswith("0") and len(first) in (3, 4, 10))
            ):
                continue
            digits = ""
            for group in groups[index:]:
                digits += re.sub(r"\D", "", group.group())
                dutch = len(digits) == 10 and digits[0] == "0" and digits[1] != "0"
                if dutch or (international and len(digits.removeprefix("00")) == 11):
                    yield run.start() + head.start(), run.start() + group.end(), _prefix(written)
                    break
                if len(digits) > 13:
                    break
    for link in _WHATSAPP.finditer(text):
        try:
            number = phonenumbers.parse("+" + link.group(1), None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            yield link.start(), link.end(), "+"
