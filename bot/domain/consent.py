"""The Jeugdwet rule for who gives consent, applied from at most a birth month (pure)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.domain.errors import ConsentRefused
from bot.domain.model import Consent

_BIRTH_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_RANK = {Consent.NONE: 0, Consent.STATUS: 1, Consent.NOTES: 2}


class Party(StrEnum):
    """Who gave (or withdrew) consent."""

    PARENTS = "parents"
    YOUTH = "youth"
    BOTH = "both"


class Rule(StrEnum):
    """Which catalogue sentence explains who must consent (`consent.rule_<value>`)."""

    PARENTS = "parents"  # under 12
    BOTH = "both"  # 12 to 15, and the months in which the age cannot be told apart
    YOUTH = "youth"  # 16 and over
    UNKNOWN = "unknown"  # no birth month known: any party is recorded as given


def parse_birth_month(value: str) -> tuple[int, int]:
    """(year, month) of a "YYYY-MM" value; ValueError for anything else."""
    match = _BIRTH_MONTH.match(value.strip())
    if match is None:
        raise ValueError("birth month must be YYYY-MM")
    return int(match[1]), int(match[2])


def age_range(birth_month: str, today: date) -> tuple[int, int]:
    """The youngest and oldest age someone born in `birth_month` can be on `today`: in the
    birth month itself the birthday may or may not have come yet."""
    year, month = parse_birth_month(birth_month)
    if (today.year, today.month) < (year, month):
        raise ValueError("birth month lies in the future")
    years = today.year - year
    if today.month > month:
        return years, years
    if today.month < month:
        return years - 1, years - 1
    return max(years - 1, 0), years


def rule_for(birth_month: str | None, today: date) -> Rule:
    """Under 12 the parents, 12–15 the youth and the parents, 16 and over the youth. When
    the month of the 12th or 16th birthday leaves the age open, both must consent: that
    satisfies the rule whichever side of the birthday it is."""
    if not birth_month:
        return Rule.UNKNOWN
    youngest, oldest = age_range(birth_month, today)
    rules = {_rule_at(youngest), _rule_at(oldest)}
    return rules.pop() if len(rules) == 1 else Rule.BOTH


def _rule_at(age: int) -> Rule:
    if age < 12:
        return Rule.PARENTS
    if age < 16:
        return Rule.BOTH
    return Rule.YOUTH


def accepts(rule: Rule, party: Party) -> bool:
    """Whether `party` may give consent under `rule` ("both" always may)."""
    if party is Party.BOTH or rule is Rule.UNKNOWN:
        return True
    return rule.value == party.value


def is_raise(current: str, wanted: str) -> bool:
    """A change that discloses more than before needs the right party; lowering or
    withdrawing never discloses anything, so any of the parties may do it."""
    return _RANK[Consent(wanted)] > _RANK[Consent(current)]


_REFUSAL = {
    Rule.PARENTS: "error.consent_parents",
    Rule.BOTH: "error.consent_both",
    Rule.YOUTH: "error.consent_youth",
}


def check_party(
    rule: Rule, given_by: Party | None, *, case_ref: str, wanted: Consent, current: str
) -> None:
    """Raises ConsentRefused unless `given_by` may set `wanted` (from `current`)."""
    if not is_raise(current, wanted):
        return  # lowering or withdrawing: any of the parties may, and it discloses nothing
    if given_by is None:
        raise ConsentRefused("error.consent_needs_party", case_ref=case_ref)
    if not accepts(rule, given_by):
        raise ConsentRefused(_REFUSAL[rule], case_ref=case_ref)
