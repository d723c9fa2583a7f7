"""The whole loop on a real database: referral in, prompts, ladder, answers, referrer told."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.errors import (
    AlreadyAnswered,
    InvalidTransition,
    NotAllowed,
    NoteRefused,
    UnknownPerson,
    UnknownReferrer,
    UnknownTeam,
)
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt, Referral
from store.schema.delivery import OutboxMessage
from tests.world import World, local, make_world


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def refer(
    world: World,
    *,
    at: object,
    consent: Consent = Consent.STATUS,
    urgent: bool = False,
    referrer: str = "dr-bakker",
    ref: str = "HAP-1",
) -> int:
    return submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer=referrer,
        external_ref=ref,
        consent=consent,
        urgent=urgent,
        now=at,
    ).id  # type: ignore[arg-type]


def assigned(world: World, *, consent: Consent = Consent.STATUS, by: str = "anna") -> int:
    """A GP's referral on Wednesday 22 April 09:10, taken at 10:00."""
    referral = refer(world, at=local(2026, 4, 22, 9, 10), consent=consent)
    take_referral(world.uow(), world.rules, referral_id=referral, by=by, now=local(2026, 4, 22, 10))
    return referral


def open_prompt(world: World, referral_id: int) -> int:
    with world.uow() as uow:
        prompts = uow.prompts.open_for(referral=referral_id, kind="feedback")
        assert prompts, "no open feedback prompt"
        return prompts[-1].id or 0


def test_referral_at_night_gets_a_receipt_at_once_and_the_team_next_office_hours(
    world: World,
) -> None:
    saturday_night = local(2026, 4, 25, 2, 40)
    refer(world, at=saturday_night)
    world.tick(saturday_night)
    assert world.keys_to("dr-bakker") == ["referrer.receipt_with_contact"]
    assert not [s for s in world.adapter.sent if s.recipient.address == "C0INTAKE1"]
    # Sunday, then Koningsdag (Monday 27 April): still nothing for the team
    world.run(saturday_night, local(2026, 4, 28, 8, 0))
    assert not [s for s in world.adapter.sent if s.recipient.address == "C0INTAKE1"]
    world.tick(local(2026, 4, 28, 8, 30))
    intake = [s for s in world.adapter.sent if s.recipient.address == "C0INTAKE1"]
    assert [s.message.key for s in intake] == ["intake.new"]
    assert intake[0].message.actions[0].id == "take"


def test_urgent_referral_reaches_the_piket_at_once(world: World) -> None:
    night = local(2026, 4, 25, 2, 40)
    refer(world, at=night, urgent=True, referrer="wijkagent-vos", consent=Consent.NONE)
    world.tick(night)
    assert world.keys_to("bram") == ["intake.urgent"]


@pytest.mark.parametrize(
    ("team", "referrer", "error"),
    [
        ("jt-nergens", "dr-bakker", UnknownTeam),
        ("jt-noord", "niemand", UnknownReferrer),
        ("jt-noord", "anna", UnknownReferrer),  # a professional is not a referrer
    ],
)
def test_unknown_team_or_referrer_is_refused_and_nothing_is_stored(
    world: World, team: str, referrer: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        submit_referral(
            world.uow(),
            world.rules,
            team=team,
            referrer=referrer,
            external_ref="X",
            consent=Consent.STATUS,
            now=local(2026, 4, 22),
        )
    with world.uow() as uow:
        assert uow.referrals.count() == 0
        assert uow.outbox.all() == []


def test_the_same_external_reference_twice_is_one_referral(world: World) -> None:
    first = refer(world, at=local(2026, 4, 22))
    second = refer(world, at=local(2026, 4, 22, 9, 5))
    assert first == second
    with world.uow() as uow:
        assert uow.referrals.count() == 1
        assert len([r for r in uow.outbox.all() if r.person_id == "dr-bakker"]) == 1


def test_unanswered_prompt_escalates_after_third_working_day(world: World) -> None:
    wednesday = local(2026, 4, 22, 14, 0)
    referral = refer(world, at=local(2026, 4, 22, 11, 30), referrer="ib-smits", ref="L-1")
    take_referral(world.uow(), world.rules, referral_id=referral, by="carla", now=wednesday)
    world.run(wednesday, local(2026, 5, 1, 17, 0))
    ladder = [
        (world.rules.calendar.local(at).strftime("%a %d %H:%M"), s.message.key)
        for at, s in world.delivered_at
        if s.message.key.startswith("prompt.")
    ]
    assert ladder == [
        ("Fri 24 14:00", "prompt.feedback"),  # 2 working days after taking it
        ("Tue 28 14:00", "prompt.reminder"),  # Monday is Koningsdag
        ("Wed 29 14:00", "prompt.reminder"),
        ("Thu 30 14:00", "prompt.escalation"),
    ]
    escalation = [s for _, s in world.delivered_at if s.message.key == "prompt.escalation"]
    assert [s.recipient.person_id for s in escalation] == ["bram"]  # the team's coordinator


def test_an_answer_tells_the_referrer_and_a_second_answer_is_refused(world: World) -> None:
    referral = assigned(world)
    prompt = open_prompt(world, referral)
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=local(2026, 4, 24, 11),
    )
    world.tick(local(2026, 4, 24, 11))
    status = world.sent_to("dr-bakker")[-1].message
    assert status.key == "referrer.status"
    assert status.params["contact"] == "Anna de Vries"
    with world.uow() as uow:
        before = len(uow.outbox.all())
    with pytest.raises(AlreadyAnswered) as raised:
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=prompt,
            answer=Answer.CLOSED,
            by="anna",
            now=local(2026, 4, 24, 12),
        )
    assert raised.value.params["by"] == "Anna de Vries"
    with world.uow() as uow:
        referral_row = uow.referrals.get(id=referral)
        assert referral_row is not None and referral_row.status == "contact_made"
        assert referral_row.first_feedback_working_days == 2
        assert len(uow.outbox.all()) == before


def test_an_unknown_person_answering_is_refused_politely_and_audited(world: World) -> None:
    referral = assigned(world)
    prompt = open_prompt(world, referral)
    with pytest.raises(UnknownPerson):
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=prompt,
            answer=Answer.CLOSED,
            by="U0STRANGER",
            now=local(2026, 4, 23),
        )
    with pytest.raises(NotAllowed):  # a professional of another team
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=prompt,
            answer=Answer.CLOSED,
            by="dewi",
            now=local(2026, 4, 23),
        )
    with world.uow() as uow:
        refused = [(a.actor, a.event, a.case_ref) for a in uow.audit.all()]
        row = uow.prompts.get(id=prompt)
        assert row is not None and row.state == "open"
    assert refused == [
        ("U0STRANGER", "refused", "JT-NRD-2026-0001"),
        ("dewi", "refused", "JT-NRD-2026-0001"),
    ]


def test_an_illegal_transition_is_refused_and_changes_nothing(world: World) -> None:
    referral = assigned(world)
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=open_prompt(world, referral),
        answer=Answer.HELP_STARTED,
        by="anna",
        now=local(2026, 4, 24),
    )
    with pytest.raises(InvalidTransition):
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=open_prompt(world, referral),
            answer=Answer.CONTACT_MADE,
            by="anna",
            now=local(2026, 4, 27),
        )
    with world.uow() as uow:
        row = uow.referrals.get(id=referral)
        assert row is not None and row.status == "help_started"


def test_without_consent_the_referrer_hears_only_procedural_facts(world: World) -> None:
    referral = refer(
        world, at=local(2026, 4, 22, 9), consent=Consent.NONE, referrer="wijkagent-vos", ref="ZM-1"
    )
    take_referral(
        world.uow(), world.rules, referral_id=referral, by="bram", now=local(2026, 4, 22, 10)
    )
    for answer, day in ((Answer.CONTACT_MADE, 23), (Answer.HELP_STARTED, 24), (Answer.CLOSED, 28)):
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=open_prompt(world, referral),
            answer=answer,
            by="bram",
            now=local(2026, 4, day),
        )
    world.tick(local(2026, 4, 28, 10))
    told = world.sent_to("wijkagent-vos")
    assert [s.message.key for s in told] == [
        "referrer.receipt_with_contact",
        "referrer.in_progress",
        "referrer.ended",
        "satisfaction.question",  # asked once after closure, nothing about the case
    ]
    for sent in told[1:]:
        assert "contact" not in sent.message.params
        assert "status" not in sent.message.body()


def test_a_note_with_a_bsn_is_refused_and_not_stored(world: World) -> None:
    referral = refer(world, at=local(2026, 4, 22, 9), consent=Consent.NOTES)
    take_referral(
        world.uow(), world.rules, referral_id=referral, by="anna", now=local(2026, 4, 22, 10)
    )
    prompt = open_prompt(world, referral)
    with pytest.raises(NoteRefused) as refused:
        answer_prompt(
            world.uow(),
            world.rules,
            prompt_id=prompt,
            answer=Answer.CONTACT_MADE,
            by="anna",
            now=local(2026, 4, 23),
            note="BSN 111222333 gesproken",
        )
    # issue 19: the refusal names the kind and the span, and a plain hint
    assert [(f.kind, f.start, f.end) for f in refused.value.findings] == [("bsn", 4, 13)]
    assert "dit lijkt een BSN" in refused.value.params["found"]
    with world.uow() as uow:
        assert all("111222333" not in str(r.params) for r in uow.outbox.all())
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=local(2026, 4, 23),
        note="Eerste gesprek gevoerd.",
    )
    world.tick(local(2026, 4, 23))
    assert world.sent_to("dr-bakker")[-1].message.params["note"] == "Eerste gesprek gevoerd."


def test_every_disclosure_to_a_referrer_is_audited(world: World) -> None:
    referral = refer(world, at=local(2026, 4, 22, 9))
    take_referral(
        world.uow(), world.rules, referral_id=referral, by="anna", now=local(2026, 4, 22, 10)
    )
    world.tick(local(2026, 4, 22, 10))
    with world.uow() as uow:
        audit = uow.session.exec(select(AuditEntry).where(AuditEntry.event == "disclosed")).all()
        to_referrer = [r for r in uow.outbox.all() if r.person_id == "dr-bakker"]
    assert len(audit) == len(to_referrer) == 2
    assert {(a.recipient, a.channel, a.case_ref) for a in audit} == {
        ("dr-bakker", "email", "JT-NRD-2026-0001")
    }
    assert [a.basis for a in audit] == ["procedural", "consent:status"]


def test_nothing_reaches_professionals_outside_office_hours(world: World) -> None:
    for day, ref in ((24, "A"), (25, "B"), (26, "C")):  # Friday evening, weekend
        refer(world, at=local(2026, 4, day, 21, 0), ref=ref)
    world.run(
        local(2026, 4, 24, 17, 0),
        local(2026, 5, 4, 12, 0),
        step=__import__("datetime").timedelta(minutes=15),
    )
    cal = world.rules.calendar
    to_team = [(at, s) for at, s in world.delivered_at if s.recipient.person_id != "dr-bakker"]
    assert to_team
    assert all(cal.is_office_hours(at) for at, _ in to_team)


def test_first_feedback_working_days_are_stored_for_the_digest(world: World) -> None:
    referral = refer(world, at=local(2026, 4, 24, 16))  # Friday before Koningsdag
    take_referral(
        world.uow(), world.rules, referral_id=referral, by="anna", now=local(2026, 4, 24, 16, 5)
    )
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=open_prompt(world, referral),
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=local(2026, 4, 29, 9),
    )
    with world.uow() as uow:
        row = uow.session.exec(select(Referral)).one()
        assert row.first_feedback_working_days == 2  # Tuesday 28 and Wednesday 29
        assert row.contact_made_at is not None and row.assigned_at is not None
        prompts = uow.session.exec(select(Prompt).where(Prompt.kind == "feedback")).all()
        assert [p.state for p in prompts] == ["answered", "open"]  # a follow-up is scheduled
        assert uow.session.exec(select(OutboxMessage)).all()


def test_case_references_count_per_team_and_local_year(world: World) -> None:
    # 00:30 on New Year's Day in Amsterdam is still 31 December in UTC
    first = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="NY-1",
        consent=Consent.NONE,
        now=local(2027, 1, 1, 0, 30),
    )
    second = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="NY-2",
        consent=Consent.NONE,
        now=local(2027, 1, 2),
    )
    assert (first.case_ref, second.case_ref) == ("JT-NRD-2027-0001", "JT-NRD-2027-0002")
