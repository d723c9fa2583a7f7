"""The pure consent rule: the one ordering of the levels, the basis a disclosure is queued on,
and whether it may still leave after the consent changed."""

from __future__ import annotations

import pytest

from bot.domain.consent import (
    PROCEDURAL,
    bases_beyond,
    covers,
    disclosure_basis,
    is_withdrawn,
    may_share_notes,
    may_share_status,
)
from bot.domain.model import Consent

N, S, T = Consent.NONE, Consent.STATUS, Consent.NOTES


def test_each_level_covers_itself_and_the_levels_below() -> None:
    assert [covers(given, S) for given in (N, S, T)] == [False, True, True]
    assert [may_share_status(c) for c in (N, S, T)] == [False, True, True]
    assert [may_share_notes(c) for c in (N, S, T)] == [False, False, True]


def test_a_disclosure_without_consent_is_procedural() -> None:
    assert disclosure_basis(N) == PROCEDURAL
    assert disclosure_basis(S) == "consent:status"
    assert disclosure_basis(T) == "consent:notes"


def test_lowering_withholds_exactly_the_bases_above_the_new_level() -> None:
    assert bases_beyond(N) == ["consent:status", "consent:notes"]
    assert bases_beyond(S) == ["consent:notes"]
    assert bases_beyond(T) == []


@pytest.mark.parametrize(
    ("basis", "now", "withdrawn"),
    [
        (None, None, False),
        (PROCEDURAL, N, False),
        ("consent:status", S, False),
        ("consent:status", T, False),
        ("consent:status", N, True),
        ("consent:notes", S, True),
        ("consent:notes", None, True),  # the referral is gone
    ],
)
def test_a_queued_disclosure_leaves_only_while_the_consent_still_covers_it(
    basis: str | None, now: Consent | None, withdrawn: bool
) -> None:
    assert is_withdrawn(basis, now) is withdrawn
