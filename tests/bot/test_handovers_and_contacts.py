"""Handovers that stall, contact persons who are away, deliveries that fail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from bot.app.contacts import record_absence, who_is
from bot.app.handovers import decide_handover, request_handover
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.errors import NotAllowed, RateLimited, RecipientGone
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from tests.world import World, local, make_world


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def taken(world: World, *, team: str = "st-zuid", by: str = "dewi", ref: str = "HAP-9") -> int:
    referral = submit_referral(
        world.uow(),
        world.rules,
        team=team,
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=local(2026, 4, 23, 16, 30),
    ).id
    take_referral(world.uow(), world.rules, referral_id=referral, by=by, now=local(2026, 4, 24, 9))
    return referral


def test_overdue_handover_reminds_the_receiving_team_then_escalates_both_sides(
    world: World,
) -> None:
    referral = taken(world)
    handover = request_handover(
        world.uow(),
        world.rules,
        referral_id=referral,
        to_team="jt-noord",
        by="dewi",
        now=local(2026, 4, 28, 10),
        warm=True,
    )
    world.run(local(2026, 4, 28, 10), local(2026, 5, 5, 12))
    steps = [
        (
            world.rules.calendar.local(at).strftime("%a %d"),
            s.message.key,
            s.recipient.person_id or s.recipient.address,
        )
        for at, s in world.delivered_at
        if s.message.key.startswith("handover.")
    ]
    assert steps[:3] == [
        ("Tue 28", "handover.requested", "C0INTAKE1"),
        ("Fri 01", "handover.reminder", "C0INTAKE1"),  # deadline: 3 working days
        ("Mon 04", "handover.reminder", "C0INTAKE1"),
    ]
    # then the coordinators of both sides, in no particular order
    assert sorted(steps[3:]) == [
        ("Tue 05", "handover.escalation", "bram"),
        ("Tue 05", "handover.escalation", "emre"),
    ]
    with pytest.raises(NotAllowed):  # only the receiving team decides
        decide_handover(
            world.uow(),
            world.rules,
            handover_id=handover,
            accept=True,
            by="dewi",
            now=local(2026, 5, 6, 9),
        )
    decide_handover(
        world.uow(),
        world.rules,
        handover_id=handover,
        accept=True,
        by="anna",
        now=local(2026, 5, 6, 9, 30),
    )
    world.tick(local(2026, 5, 6, 9, 30))
    told = world.sent_to("dr-bakker")[-1].message
    assert told.key == "referrer.handed_over"
    assert told.params["contact"] == "Anna de Vries"
    assert told.params["team"] == "Jeugdteam Noord"
    assert world.keys_to("dewi")[-1] == "handover.accepted"


def test_an_absent_contact_person_is_covered_by_the_backup_and_the_partner_is_told(
    world: World,
) -> None:
    taken(world, team="jt-noord", by="anna")
    record_absence(
        world.uow(),
        world.rules,
        person="anna",
        starts_on=date(2026, 4, 24),
        ends_on=date(2026, 5, 5),
        now=local(2026, 4, 24, 9, 30),
    )
    world.tick(local(2026, 4, 24, 9, 30))
    assert world.keys_to("carla") == ["coverage.backup_active"]
    assert "referrer.backup_contact" in world.keys_to("dr-bakker")
    contacts = who_is(
        world.uow(), world.rules, organisation="hap-noord", now=local(2026, 4, 24, 10)
    )
    noord = next(c for c in contacts if c.team == "jt-noord")
    assert (noord.primary, noord.backup, noord.reachable) == (
        "Anna de Vries",
        "Carla Mulder",
        "Carla Mulder",
    )
    # Anna's prompt goes to Carla, who may answer it on her behalf
    world.run(local(2026, 4, 24, 10), local(2026, 4, 29, 10))  # Fri + 2 working days = Wed
    stand_in = [s for s in world.sent_to("carla") if s.message.key == "prompt.on_behalf"]
    assert stand_in and stand_in[0].message.params["absent"] == "Anna de Vries"
    prompt = int(stand_in[0].message.actions[0].value.split(":")[0])
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer.CONTACT_MADE,
        by="carla",
        now=local(2026, 4, 29, 11),
    )
    world.tick(local(2026, 4, 29, 11))
    assert world.sent_to("dr-bakker")[-1].message.params["contact"] == "Carla Mulder"
    # the daily check repeats nothing already said
    world.run(local(2026, 4, 29, 12), local(2026, 4, 30, 9))
    assert world.keys_to("carla").count("coverage.backup_active") == 1


def test_a_pair_without_anyone_reachable_is_escalated_to_the_coordinator(world: World) -> None:
    for person in ("anna", "carla"):
        record_absence(
            world.uow(),
            world.rules,
            person=person,
            starts_on=date(2026, 4, 27),
            ends_on=date(2026, 5, 8),
            now=local(2026, 4, 24, 9),
        )
    world.run(local(2026, 4, 28, 8), local(2026, 4, 28, 10))
    assert "coverage.gap" in world.keys_to("bram")


def test_a_rate_limited_provider_is_paused_for_retry_after_and_nothing_is_lost(
    world: World,
) -> None:
    world.adapter.fail_with.append(RateLimited(retry_after=30))
    taken(world, team="jt-noord", by="anna")
    with world.uow() as uow:
        queued = uow.outbox.pending_count()
    world.tick(local(2026, 4, 24, 9))
    # the 429 holds back every later message for that provider in this pass, not just the one
    with world.uow() as uow:
        held = [row for row in uow.outbox.all() if row.sent_at is None]
    assert held
    assert held[0].error == "rate_limited"
    limited = world.adapter.fail_platform
    assert all(s.recipient.platform != limited for s in world.adapter.sent)
    assert len(world.adapter.sent) + len(held) == queued
    world.tick(local(2026, 4, 24, 9, 1))
    assert len(world.adapter.sent) == queued
    with world.uow() as uow:
        assert uow.outbox.pending_count() == 0
        assert all(row.attempts == 1 for row in uow.outbox.all())


def test_a_gone_recipient_ends_the_message_and_tells_the_coordinator(world: World) -> None:
    referral = taken(world, team="jt-noord", by="anna")
    world.tick(local(2026, 4, 24, 9))
    take_message_count = len(world.adapter.sent)
    assert take_message_count
    world.adapter.fail_with.append(RecipientGone(reason="user_not_found"))
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=_prompt(world, referral),
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=local(2026, 4, 27, 10),
    )
    world.tick(local(2026, 4, 28, 10))
    assert "delivery.failed" in world.keys_to("bram")
    with world.uow() as uow:
        failed = [r for r in uow.outbox.all() if r.failed_at is not None]
    assert [(r.person_id, r.error) for r in failed] == [("dr-bakker", "user_not_found")]


def _prompt(world: World, referral: int) -> int:
    with world.uow() as uow:
        return uow.prompts.open_for(referral=referral, kind="feedback")[-1].id or 0
