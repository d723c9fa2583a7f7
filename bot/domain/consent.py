"""Consent, decided in one place (pure): what each level lets the referrer hear, the basis a
disclosure is queued on and whether it may still leave, and the Jeugdwet rule for who gives
consent, applied from at most a birth month."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.domain.errors import ConsentRefused
from bot.domain.model import Consent, ReferralStatus

_BIRTH_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_RANK = {Consent.NONE: 0, Consent.STATUS: 1, Consent.NOTES: 2}  # the one ordering of the levels
PROCEDURAL = "procedural"  # the basis of a message that discloses nothing about the case
_BASIS = "consent:"  # prefix of the basis of a disclosure that needs a consent level


def covers(given: str, needed: str) -> bool:
    """Whether consent `given` allows what needs level `needed`."""
    return _RANK[Consent(given)] >= _RANK[Consent(needed)]


def may_share_status(consent: str) -> bool:
    """Whether the referrer may hear the milestones and who works on the case."""
    return covers(consent, Consent.STATUS)


def may_share_notes(consent: str) -> bool:
    """Whether a professional's note may go along to the referrer."""
    return covers(consent, Consent.NOTES)


def disclosure_basis(consent: str) -> str:
    """The basis a message to the referrer is queued on: what it needs of the consent."""
    level = Consent(consent)
    return PROCEDURAL if level is Consent.NONE else f"{_BASIS}{level.value}"


def bases_beyond(consent: str) -> list[str]:
    """The bases of disclosures that need more than `consent`: lowered to it, they never leave."""
    return [disclosure_basis(level) for level in Consent if _RANK[level] > _RANK[Consent(consent)]]


def is_withdrawn(basis: str | None, consent: str | None) -> bool:
    """Whether a disclosure queued on `basis` may no longer leave under the consent that holds
    now (`None`: the referral is gone). Procedural messages always may."""
    if basis is None or not basis.startswith(_BASIS):
        return False
    if consent is None:
        return True
    return not covers(consent, basis.removeprefix(_BASIS))


def referrer_key_for(
    status: ReferralStatus, consent: str, *, told_in_progress: bool, has_note: bool
) -> str | None:
    """The message a referrer may get for a status, by consent; None means: tell nothing."""
    if status is ReferralStatus.RECEIVED:
        return "referrer.receipt"
    if status is ReferralStatus.WITHDRAWN:
        return "referrer.withdrawn"  # what the referrer did themselves: procedural
    if not may_share_status(consent):
        # Without consent only procedural facts: that it is being handled, and that it ended.
        if status in (ReferralStatus.CLOSED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN):
            return "referrer.ended"
        if status is ReferralStatus.ASSIGNED or told_in_progress:
            return None
        return "referrer.in_progress"
    if status is ReferralStatus.HANDED_OVER:
        return "referrer.handed_over"
    if has_note and may_share_notes(consent):
        return "referrer.status_with_note"
    return "referrer.status"


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
    return not covers(current, wanted)


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
