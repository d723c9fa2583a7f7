"""Property-based tests of the privacy guard (hypothesis): identifiers hidden in ordinary
Dutch text are found, and plain Dutch sentences pass."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.privacy_guard import KINDS, check, name_patterns
from bot.domain.privacy_text import is_bsn
from tests.guard_kinds import findings

WORDS = [
    "het",
    "de",
    "een",
    "gesprek",
    "was",
    "goed",
    "en",
    "rustig",
    "vervolg",
    "over",
    "twee",
    "drie",
    "weken",
    "moeder",
    "vader",
    "gezin",
    "school",
    "kind",
    "jeugdige",
    "zorgen",
    "begeleiding",
    "afspraak",
    "gepland",
    "gehad",
    "wachttijd",
    "specialistische",
    "hulp",
    "is",
    "gestart",
    "loopt",
    "nog",
    "er",
    "wordt",
    "aan",
    "gewerkt",
    "contact",
    "gelegd",
    "met",
    "samen",
    "plan",
    "opgesteld",
    "huisarts",
    "wijkteam",
    "overleg",
    "volgende",
    "week",
    "ouders",
    "zijn",
    "betrokken",
    "thuis",
    "situatie",
    "stabiel",
    "verwijzing",
    "ontvangen",
    "toestemming",
    "gegeven",
    "geen",
    "bijzonderheden",
    "intake",
    "rond",
    "eind",
    "van",
    "de",
    "maand",
    "in",
    "overleg",
    "met",
    "de",
    "coördinator",
    "dagbesteding",
    "jeugdhulp",
    "traject",
    "lopend",
    "verbeterd",
    "slaapt",
    "beter",
    "gaat",
    "weer",
    "naar",
    "school",
    "huiswerkbegeleiding",
    "geregeld",
    "mentor",
    "betrokken",
]
UNITS = ("weken", "dagen", "gesprekken", "keer", "uur")


@st.composite
def dutch_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=25))
    if draw(st.booleans()):  # a small number with its unit, as people write them
        at = draw(st.integers(0, len(words)))
        words.insert(at, f"{draw(st.integers(1, 99))} {draw(st.sampled_from(UNITS))}")
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + draw(st.sampled_from((".", "!", "?", "")))


@st.composite
def valid_bsn(draw: st.DrawFn) -> str:
    while True:
        first = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
        total = sum(d * w for d, w in zip(first, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            digits = "".join(map(str, first)) + str(last)
            if digits != "000000000":
                return digits


def written(digits: str, draw: st.DrawFn) -> str:
    """Digits as people write them: together, in groups, with spaces, dots or dashes."""
    style = draw(st.sampled_from(("plain", "3-3-3", "4-2-3", "2-2-2-3", "each")))
    sep = draw(st.sampled_from((" ", ".", "-")))
    if style == "plain":
        return digits
    if style == "each":
        return sep.join(digits)
    sizes = [int(n) for n in style.split("-")]
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return sep.join(parts)


def hidden(sentence: str, secret: str, draw: st.DrawFn) -> str:
    words = sentence.split(" ")
    at = draw(st.integers(0, len(words)))
    prefix = draw(st.sampled_from(("", "bsn ", "BSN: ", "nummer ", "(")))
    suffix = ")" if prefix == "(" else draw(st.sampled_from(("", ",", ".", " is bekend")))
    return " ".join([*words[:at], prefix + secret + suffix, *words[at:]])


@settings(suppress_health_check=[HealthCheck.large_base_example], max_examples=300)
@given(st.data(), dutch_sentence(), valid_bsn())
def test_a_valid_bsn_hidden_in_text_is_found(data: st.DataObject, sentence: str, bsn: str) -> None:
    assert is_bsn(bsn)
    note = hidden(sentence, written(bsn, data.draw), data.draw)
    assert "bsn" in findings(note)


@settings(suppress_health_check=[HealthCheck.large_base_example], max_examples=200)
@given(st.data(), dutch_sentence())
def test_phone_numbers_in_every_common_format_are_found(data: st.DataObject, sentence: str) -> None:
    area = data.draw(st.sampled_from(("6", "20", "10", "70", "30", "58", "513", "800")))
    rest = "".join(str(data.draw(st.integers(0, 9))) for _ in range(9 - len(area)))
    national = "0" + area + rest
    form = data.draw(st.integers(0, 5))
    number = [
        national,
        f"0{area}-{rest}",
        f"0{area} {rest[:3]} {rest[3:]}",
        f"+31 {area} {rest}",
        f"+31 (0){area} {rest}",
        f"0031{area}{rest}",
    ][form]
    assert "phone" in findings(hidden(sentence, number, data.draw))


@settings(suppress_health_check=[HealthCheck.large_base_example], max_examples=200)
@given(st.data(), dutch_sentence())
def test_postcodes_dates_and_email_addresses_are_found(data: st.DataObject, sentence: str) -> None:
    digits = data.draw(st.integers(1000, 9999))
    letters = data.draw(st.sampled_from(("AB", "CD", "KL", "XZ", "ab")))
    postcode = f"{digits}{letters}" if letters.islower() else f"{digits} {letters}"
    assert "postcode" in findings(hidden(sentence, postcode, data.draw))
    day, month = data.draw(st.integers(1, 28)), data.draw(st.integers(1, 12))
    year = data.draw(st.integers(2000, 2026))
    date = data.draw(
        st.sampled_from(
            (
                f"{day}-{month}-{year}",
                f"{day:02d}/{month:02d}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day}.{month}.{year}",  # issue 19: "7/10" without a year is no date
                f"{day} maart",
                f"{day} okt",
                f"mei {year}",
            )
        )
    )
    assert "date" in findings(hidden(sentence, date, data.draw))
    user = data.draw(st.sampled_from(("ouder", "j.jansen", "info+school")))
    assert "email" in findings(hidden(sentence, f"{user}@voorbeeld.nl", data.draw))


@settings(suppress_health_check=[HealthCheck.large_base_example], max_examples=200)
@given(st.data(), dutch_sentence())
def test_configured_and_directory_names_are_found(data: st.DataObject, sentence: str) -> None:
    name = data.draw(st.sampled_from(("Jantje", "Fatima", "Sem de Boer")))
    patterns = name_patterns(("Jantje", "Fatima", "Sem de Boer"), ("Anna de Vries", "Dr. Bakker"))
    spelled = data.draw(st.sampled_from((name, name.lower(), name.upper())))
    assert "name" in findings(hidden(sentence, spelled, data.draw), patterns=patterns)
    assert "name" in findings(hidden(sentence, "Bakker", data.draw), patterns=patterns)


@settings(suppress_health_check=[HealthCheck.large_base_example], max_examples=500)
@given(dutch_sentence())
def test_plain_dutch_sentences_pass(sentence: str) -> None:
    patterns = name_patterns(("Jantje",), ("Anna de Vries", "Dr. Bakker", "Wijkagent Vos"))
    assert findings(sentence, patterns=patterns) == []


@given(st.text(max_size=300))
def test_the_guard_never_fails_on_any_text(note: str) -> None:
    found = check(note)
    assert {f.kind for f in found} <= set(KINDS)  # the contract's kinds (issue 19)
    assert all(0 <= f.start < f.end <= len(note) for f in found)  # spans in the original


def test_a_date_before_a_short_word_is_a_date_not_a_postcode() -> None:
    """Found by Hypothesis: "01/01/2000 De …" read the year and the next word as a postcode."""
    assert findings("01/01/2000 De zorg loopt.") == ["date"]
    assert findings("1.2.2000 AB") == ["date"]
    assert findings("Postcode 2000 AB.") == ["postcode"]
