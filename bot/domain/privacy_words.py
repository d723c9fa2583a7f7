"""The patterns and word lists the privacy guard checks a note with (bot/domain/privacy_guard.py).

Kept apart from the engine so each file stays readable: e-mail, postcode, street and date
patterns, and the ordinary Dutch words that look like names or postcodes but are not.
"""

from __future__ import annotations

import re

# -- e-mail, postcode, address ----------------------------------------------------------

_AT = r"(?:\s?@\s?|\s?[(\[{<]\s?(?:at|apenstaartje|a)\s?[)\]}>]\s?|\s(?:at|AT|apenstaartje)\s)"
_DOT = r"(?:\s?\.\s?|\s?[(\[{<]\s?(?:dot|punt|DOT)\s?[)\]}>]\s?|\s(?:dot|punt|DOT)\s)"
EMAIL = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,12}}(?![\w@])", re.UNICODE
)
POSTCODE = re.compile(r"(?<![\w/.-])([1-9]\d{3})( ?- ?| )?([A-Za-z]{2})(?![\w])")
# Two letters after four digits that are a word or a unit, not a postcode ("in 2024 en").
NOT_POSTCODE = frozenset(
    [
        "de",
        "en",
        "in",
        "is",
        "op",
        "om",
        "te",
        "na",
        "al",
        "ik",
        "je",
        "ze",
        "we",
        "er",
        "nu",
        "zo",
        "of",
        "ja",
        "uw",
        "he",
        "eh",
        "mg",
        "gr",
        "kg",
        "km",
        "ml",
        "cm",
        "mm",
        "ie",
    ]
)
# Street names by their ending (deduce's street pattern, case-free, without its short
# abbreviations that are ordinary endings too: "dienst 3", "kunst 2") and a house number.
_STREET_ENDINGS = (
    "straat|str|laan|weg|plein|singel|gracht|kade|dijk|dreef|hof|park|pad|markt|steeg|"
    "baan|dam|plantsoen|bolwerk|boulevard|hoven|erf|kwartier|wal|haven|akker|veld|burg|"
    "hout|kamp|wetering|vaart|pleintje|straatje|laantje|poort|passage|allee|dreve"
)
# Words that stand in front of a street name: "Burgemeester Visserstraat", "Lange Voorhout".
_STREET_WORDS = (
    r"(?:(?:burgemeester|burg\.|prins|prinses|koning|koningin|van|de|der|den|dr\.?|sint|st\.|"
    r"oude|nieuwe|lange|korte|hoge|lage|noord|zuid|oost|west|graaf|generaal|pastoor|meester|"
    r"mr\.|professor|prof\.|president|jonkheer|kapitein|dokter|[a-zà-ÿ]+(?= van | de ))"
    r" )*"
)
ADDRESS = re.compile(
    rf"(?<![\w-])(?i:{_STREET_WORDS})(?:[A-Za-zÀ-ÿ][\w'-]+?(?:{_STREET_ENDINGS})\.?|[Pp]ostbus|[Mm]arkt|[Bb]rink)"
    r"(?: | ?, ?)(?:nr\.? ?|nummer )?\d{1,5}(?:(?: ?- ?| )?[A-Za-z](?![\w])|-\d{1,3}(?!\d))?(?![\w])"
)
# deduce's date annotators (base_config.json) read these month names; English ones added.
ENGLISH_MONTHS = (
    "january|february|march|mar|may|june|july|august|october|oct|jan|feb|apr|aug|sep|sept|nov|dec"
)


DAY_MONTH = re.compile(
    r"(?i)(?<![\d.,/-])(([1-9]|0[1-9]|[12]\d|3[01])(?:e|ste|de)?[ -]"
    r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b\.?)"
)


MONTH_YEAR = re.compile(
    r"(?i)(?<![\w])((januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.? (19|20)\d{2})(?!\d)"
)


# -- names: deduce's lists and annotators -----------------------------------------------

# Ordinary words that are also first names in deduce's list. As a capitalised word in a
# sentence they still count; typed in lowercase they are the word.
ORDINARY = frozenset(
    [
        "ben",
        "bas",
        "roos",
        "hoop",
        "mei",
        "juni",
        "juli",
        "april",
        "mees",
        "vos",
        "lief",
        "zon",
        "dag",
        "jan",
        "berg",
        "bos",
        "hof",
        "wil",
        "ster",
        "fleur",
        "jade",
        "bloem",
        "lente",
        "zomer",
        "winter",
        "heer",
        "hart",
        "max",
        "lot",
        "wit",
        "zwart",
        "groen",
        "rood",
    ]
)
# First names that deduce also lists as medical terms, but that no note uses as one.
# Particles of Moroccan and Arabic family names ("El Amrani", "Ait Taleb").
MORE_INTERFIXES = frozenset({"el", "ait", "al", "abou", "abu", "bou", "ben"})
NAMES_NOT_TERMS = frozenset(
    [
        "dex",
        "ilias",
        "erin",
        "tia",
        "magnus",
        "flora",
        "curtis",
        "gilles",
        "crista",
        "mie",
        "veli",
        "nadir",
        "costa",
        "wilson",
    ]
)
