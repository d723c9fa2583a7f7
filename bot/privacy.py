"""The privacy guard: finds personal data in a note before it may reach a referrer."""

from __future__ import annotations

import re

_DIGITS9 = re.compile(r"(?<!\d)(\d[\s.-]?){8}\d(?!\d)")
_PHONE = re.compile(r"(?<![\w])(\+31|0031|0)[\s-]?(6|[1-9]\d{1,2})([\s-]?\d){6,8}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}\b")
_DATE_NUMERIC = re.compile(r"\b\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b")
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|october"
)
_DATE_WORDS = re.compile(rf"\b\d{{1,2}}\s+({_MONTHS})\b", re.IGNORECASE)


def is_bsn(digits: str) -> bool:
    """The elfproef for a Dutch citizen service number (BSN)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def findings(note: str, names: tuple[str, ...] = ()) -> list[str]:
    """Kinds of personal data found, in a stable order; empty means the note may go."""
    found: list[str] = []
    for match in _DIGITS9.finditer(note):
        if is_bsn(re.sub(r"\D", "", match.group())):
            found.append("bsn")
            break
    if _PHONE.search(note):
        found.append("telefoonnummer")
    if _EMAIL.search(note):
        found.append("e-mailadres")
    if _POSTCODE.search(note):
        found.append("postcode")
    if _DATE_NUMERIC.search(note) or _DATE_WORDS.search(note):
        found.append("datum")
    lowered = note.lower()
    if any(name.lower() in lowered for name in names if name.strip()):
        found.append("naam")
    return found
