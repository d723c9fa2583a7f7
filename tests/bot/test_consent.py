"""Consent: the Jeugdwet rule from a birth month, who gave it, changes and withdrawal."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlalchemy import Engine

from bot.app.consent_changes import set_consent
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.consent import Party, Rule, accepts, age_range, rule_for
from bot.domain.errors import ConsentRefused
from bot.domain.model import Answer, Consent, ReferralStatus
from bot.domain.rules import Rules
from bot.messages import text
from tests.bot.consent_paths import drive
from tests.world import World, local, make_world

TODAY = date(2026, 4, 22)


@pytest.mark.parametrize(
    ("birth_month", "rule"),
    [
        ("2015-03", Rule.PARENTS),  # 11
        ("2014-05", Rule.PARENTS),  # 11, twelve next month
        ("2014-04", Rule.BOTH),  # 11 or 12 this month: both satisfies either
        ("2014-03", Rule.BOTH),  # 12
        ("2010-05", Rule.BOTH),  # 15
        ("2010-04", Rule.BOTH),  # 15 or 16 this month
        ("2010-03", Rule.YOUTH),  # 16
        ("2004-01", Rule.YOUTH),  # 22
        (None, Rule.UNKNOWN),
    ],
)
def test_the_jeugdwet_rule_from_a_birth_month(birth_month: str | None, rule: Rule) -> None:
    assert rule_for(birth_month, TODAY) is rule


def test_age_range_and_who_may_consent() -> None:
    assert age_range("2014-04", TODAY) == (11, 12)
    assert age_range("2014-05", TODAY) == (11, 11)
    with pytest.raises(ValueError):
        age_range("2027-01", TODAY)
    with pytest.raises(ValueError):
        age_range("2014-13", TODAY)
    assert accepts(Rule.PARENTS, Party.PARENTS) and not accepts(Rule.PARENTS, Party.YOUTH)
    assert accepts(Rule.BOTH, Party.BOTH) and not accepts(Rule.BOTH, Party.PARENTS)
    assert not accepts(Rule.BOTH, Party.YOUTH)
    assert accepts(Rule.YOUTH, Party.YOUTH) and not accepts(Rule.YOUTH, Party.PARENTS)
    assert all(accepts(Rule.UNKNOWN, party) for party in Party)


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def _refer(
    world: World, *, consent: Consent, birth_month: str | None = None, by: Party | None = None
) -> str:
    return submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-9",
        consent=consent,
        now=local(2026, 4, 22, 9),
        birth_month=birth_month,
        consent_given_by=by,
    ).case_ref


def test_a_consent_by_the_wrong_party_is_refused_in_dutch_and_audited(world: World) -> None:
    with pytest.raises(ConsentRefused) as refused:
        _refer(world, consent=Consent.STATUS, birth_month="2010-01", by=Party.PARENTS)
    sentence = text(refused.value.key, "nl", **refused.value.params)
    assert sentence.startswith("Voor HAP-9 geeft de jeugdige zelf toestemming")
    with world.uow() as uow:
        assert uow.referrals.count() == 0
        [entry] = uow.audit.all()
    assert (entry.event, entry.basis, entry.actor) == ("refused", "consent:youth", "api:dr-bakker")


def test_consent_is_recorded_with_who_gave_it(world: World) -> None:
    case_ref = _refer(world, consent=Consent.STATUS, birth_month="2016-02", by=Party.PARENTS)
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.birth_month == "2016-02"
        [referral] = uow.privacy.referrals_of_case(case_id=case.id or 0)
    assert (referral.consent, referral.consent_given_by) == ("status", "parents")


def test_raising_consent_needs_the_right_party_lowering_anyone(world: World) -> None:
    case_ref = _refer(world, consent=Consent.NONE, birth_month="2012-01")  # 14: both
    now = local(2026, 4, 23, 9)
    for party in (None, Party.PARENTS, Party.YOUTH):
        with pytest.raises(ConsentRefused):
            set_consent(
                world.uow(),
                world.rules,
                case_ref=case_ref,
                level=Consent.NOTES,
                given_by=party,
                actor="cli:ops",
                now=now,
            )
    change = set_consent(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        level=Consent.NOTES,
        given_by=Party.BOTH,
        actor="cli:ops",
        now=now,
    )
    assert (change.before, change.after) == ("none", "notes")
    lowered = set_consent(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        level=Consent.STATUS,
        given_by=Party.YOUTH,
        actor="cli:ops",
        now=now,
    )
    assert lowered.after == "status"
    with world.uow() as uow:
        events = [(a.event, a.basis, a.on_behalf_of) for a in uow.audit.all()]
    assert events == [
        ("refused", "consent:needs_party", None),
        ("refused", "consent:both", None),
        ("refused", "consent:both", None),
        ("consent_changed", "consent:none->notes", "both"),
        ("consent_changed", "consent:notes->status", "youth"),
    ]


def test_withdrawal_stops_disclosures_already_queued_and_later_ones(world: World) -> None:
    referral, at = drive(
        world,
        referrer="dr-bakker",
        consent=Consent.STATUS,
        status=ReferralStatus.CONTACT_MADE,
        ref="HAP-W",
    )
    with world.uow() as uow:
        case_ref = uow.outbox.all()[0].case_ref or ""
        queued = [r for r in uow.outbox.all() if r.disclosure_basis == "consent:status"]
    assert [r.message_key for r in queued] == ["referrer.status", "referrer.status"]
    change = set_consent(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        level=Consent.NONE,
        given_by=Party.PARENTS,
        actor="cli:ops",
        now=at,
    )
    assert change.withheld == 2
    asyncio.run(world.dispatcher.run(now=at))
    assert world.keys_to("dr-bakker") == ["referrer.receipt_with_contact"]
    # A later milestone is told as without consent: only "in behandeling".
    with world.uow() as uow:
        prompt = uow.prompts.open_for(referral=referral, kind="feedback")[-1].id or 0
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer.HELP_STARTED,
        by="anna",
        now=local(2026, 4, 24, 10),
    )
    asyncio.run(world.dispatcher.run(now=local(2026, 4, 24, 10)))
    assert world.keys_to("dr-bakker") == ["referrer.receipt_with_contact", "referrer.in_progress"]
    with world.uow() as uow:
        disclosed = [a for a in uow.audit.all() if a.event == "disclosed"]
        failed = [r for r in uow.outbox.all() if r.error == "consent_withdrawn"]
    assert len(disclosed) == 2 and len(failed) == 2
    assert all(r.sent_at is None for r in failed)


def test_a_row_claimed_before_the_withdrawal_is_still_not_sent(world: World) -> None:
    """The dispatcher checks the consent that holds when it sends, not when it was queued."""
    referral, at = drive(
        world,
        referrer="dr-bakker",
        consent=Consent.STATUS,
        status=ReferralStatus.ASSIGNED,
        ref="HAP-C",
    )
    with world.uow() as uow:
        referral_row = uow.referrals.get(id=referral)
        assert referral_row is not None
        referral_row.consent = Consent.NONE  # as if withdrawn between claim and send
        uow.commit()
    asyncio.run(world.dispatcher.run(now=at))
    assert world.keys_to("dr-bakker") == ["referrer.receipt_with_contact"]


def test_take_referral_still_works_without_consent_data(world: World) -> None:
    case_ref = _refer(world, consent=Consent.STATUS)
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None
        [referral] = uow.privacy.referrals_of_case(case_id=case.id or 0)
    take_referral(
        world.uow(),
        world.rules,
        referral_id=referral.id or 0,
        by="anna",
        now=local(2026, 4, 22, 10),
    )
    assert referral.consent_given_by is None
