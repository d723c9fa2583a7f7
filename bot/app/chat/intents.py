"""Pure reading of what a person typed or clicked in any chat: numbers and answers in an
action's value, the period of an absence, an organisation to look up. What cannot be read
raises `NotUnderstood`, which carries the person's sentence."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.model import Answer, parse_id

MAX_ABSENCE_DAYS = 92


class NotUnderstood(ValueError):
    """A payload we did not send the elements for, or text we cannot read; `key` and
    `params` give the person's sentence."""

    def __init__(self, key: str = "error.generic", **params: str) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def prompt_answer(value: str) -> tuple[int, Answer]:
    """`7:contact_made` → (7, Answer.CONTACT_MADE), as bot/app/prompts.py writes it."""
    prompt, _, answer = value.partition(":")
    try:
        return number(prompt), Answer(answer)
    except ValueError as exc:
        raise NotUnderstood() from exc


def number(value: str) -> int:
    """A row id in a button's value: digits only, within the store's range."""
    found = parse_id(value)
    if found is None:
        raise NotUnderstood()
    return found


_FILLER = {"van", "tot", "t/m", "tm", "en", "from", "until", "to", "-", "–"}
_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDS = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}


def absence_period(text: str, today: date) -> tuple[date, date]:
    """`afwezig 3-11 7-11`, `afwezig 03-11-2026 t/m 07-11-2026`, `afwezig morgen`: the
    first and last day away (one date: that day only). A day-month without a year is the
    next such day that is not over: this year, or next year when it has passed."""
    words = [w for w in text.lower().split() if w not in _FILLER]
    if not words or len(words) > 2:
        raise NotUnderstood("slack.afwezig_usage")
    days = [_day(word, today) for word in words]
    start, end = days[0], days[-1]
    if end < start:
        if len(words[-1].split("-")) == 2 and _DAY.match(words[-1]):
            end = end.replace(year=end.year + 1)  # 28-12 tot 3-1
        if end < start:
            start, end = end, start
    if end < today:
        raise NotUnderstood("slack.afwezig_past")
    if (end - start).days >= MAX_ABSENCE_DAYS:
        raise NotUnderstood("slack.afwezig_too_long", days=str(MAX_ABSENCE_DAYS))
    return max(start, today), end


def _day(word: str, today: date) -> date:
    if word in _WORDS:
        return today + timedelta(days=_WORDS[word])
    try:
        iso = _ISO.match(word)
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        match = _DAY.match(word)
        if match:
            day, month, year = int(match[1]), int(match[2]), match[3]
            if year is not None:
                return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
            guess = date(today.year, month, day)
            return (
                guess if guess >= today - timedelta(days=31) else guess.replace(year=today.year + 1)
            )
    except ValueError:
        pass
    raise NotUnderstood("slack.afwezig_bad_date", value=word)


def organisation_query(text: str, *, usage: str = "slack.wie_usage") -> str:
    """The organisation asked about, spaces tidied; `usage` is the sentence for nothing."""
    query = " ".join(text.split())
    if not query:
        raise NotUnderstood(usage)
    return query
