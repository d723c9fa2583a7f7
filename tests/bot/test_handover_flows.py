"""Issue 20, points 1, 2 and 5 through the real services and the platform-neutral chat
buttons: handovers to a team or a partner organisation (warm, with a proposed meeting),
refused with a reason; a declined referral with the better place ("wie voor wat"); the
regisseur set and told. History stays with the team that received the referral."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlalchemy import Engine

from bot.app.chat import actions
from bot.app.chat.actor import actor_of
from bot.app.data import Data
from bot.app.digest.figures import compute
from bot.app.handovers import decide_open_handover, start_handover
from bot.app.lead import OPERATOR, set_lead
from bot.app.referrals.decline import decline_by_ref
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.errors import (
    HandoverPending,
    LeadRefused,
    MeetingInvalid,
    NotAllowed,
    ReasonRequired,
    UnknownPlace,
)
from bot.domain.model import Consent
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from tests.world import World, local, make_world

RECEIVED = local(2026, 4, 21, 9)
TAKEN = local(2026, 4, 21, 10)


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def referral(world: World, *, consent: Consent = Consent.STATUS, ref: str = "HAP-20") -> str:
    """A referral of Dr. Bakker to Jeugdteam Noord, taken by Anna; its case reference."""
    made = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref=ref,
        consent=consent,
        now=RECEIVED,
    )
    take_referral(world.uow(), world.rules, referral_id=made.id, by="anna", now=TAKEN)
    return made.case_ref


def click(world: World, who: str, name: str, value: str, at: object) -> str:
    with world.uow() as uow:
        person = uow.directory.person(id=who)
        assert person is not None
        actor = actor_of(person)
    message = asyncio.run(
        actions.click(
            Data(world.engine),
            world.rules,
            actor,
            name,
            value,
            at,
            "slack",  # type: ignore[arg-type]
        )
    )
    return message.key


def test_a_refused_handover_tells_the_reason_and_keeps_the_case_then_one_is_accepted(
    world: World,
) -> None:
    case_ref = referral(world)
    meeting = local(2026, 4, 28, 14)
    started = start_handover(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        to="st-zuid",
        by="anna",
        now=local(2026, 4, 22, 9),
        warm=True,
        meeting_at=meeting,
    )
    assert started.to == "Sociaal team Zuid"
    with pytest.raises(HandoverPending):  # one handover at a time
        start_handover(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            to="kompas",
            by="anna",
            now=local(2026, 4, 22, 9, 5),
        )
    world.tick(local(2026, 4, 22, 9))
    [request] = [s for s in world.adapter.sent if s.message.key == "handover.requested"]
    assert "gesprek samen" in request.message.body()  # the proposed joint meeting
    labels = [a.label_key for a in request.message.actions]
    assert labels[0] == "action.accept"
    assert "action.refuse.no_capacity" in labels  # a reason per refuse button
    refuse = next(a for a in request.message.actions if a.label_key.endswith("no_capacity"))
    # Dewi of the receiving team refuses in chat, with the button's reason.
    key = click(world, "dewi", refuse.id, refuse.value, local(2026, 4, 22, 10))
    assert key == "chat.handover_refused_reason"
    world.tick(local(2026, 4, 22, 10))
    told = world.sent_to("anna")[-1].message
    assert told.key == "handover.refused_reason"
    assert told.params["reason"] == "er is nu geen plek"
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.team_id == "jt-noord" and case.lead_id == "anna"

    # Then to the partner organisation: Kompas's intake accepts; the referrer hears who.
    start_handover(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        to="kompas",
        by="bram",
        now=local(2026, 4, 23, 9),
    )
    world.tick(local(2026, 4, 23, 9))
    assert world.keys_to("kompas-intake") == ["handover.requested"]
    with pytest.raises(NotAllowed):  # not the receiving side
        decide_open_handover(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            accept=True,
            by="dewi",
            now=local(2026, 4, 23, 10),
        )
    decide_open_handover(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        accept=True,
        by="kompas-intake",
        now=local(2026, 4, 23, 11),
    )
    world.tick(local(2026, 4, 23, 11))
    told = world.sent_to("dr-bakker")[-1].message
    assert told.key == "referrer.handed_over"
    assert (told.params["team"], told.params["contact"]) == (
        "Zorgaanbieder Kompas",
        "Intake Kompas",
    )
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.lead_id == "kompas-intake"
        handovers = uow.handovers.open_for(referral=1)
        assert handovers == []


def test_history_stays_with_the_team_that_received_the_referral(world: World) -> None:
    case_ref = referral(world)
    monday = date(2026, 4, 20)  # the week the referral came in
    before = compute(
        world.uow(), world.rules, team="jt-noord", monday=monday, now=local(2026, 4, 27)
    )
    start_handover(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        to="st-zuid",
        by="anna",
        now=local(2026, 4, 27, 10),
    )
    decide_open_handover(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        accept=True,
        by="dewi",
        now=local(2026, 4, 27, 11),
    )
    later = local(2026, 4, 28)
    after = compute(world.uow(), world.rules, team="jt-noord", monday=monday, now=later)
    south = compute(world.uow(), world.rules, team="st-zuid", monday=monday, now=later)
    assert before.new_referrals == after.new_referrals == 1  # the week did not move
    assert south.new_referrals == 0
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None
        row = uow.loop.referral_of_case(case_id=case.id or 0)
        assert row is not None
        assert (row.intake_team_id, row.team_id, row.assignee_id) == ("jt-noord", "st-zuid", "dewi")


def test_handover_refusals_and_bad_input(world: World) -> None:
    case_ref = referral(world)
    now = local(2026, 4, 22, 9)
    with pytest.raises(UnknownPlace):
        start_handover(
            world.uow(), world.rules, case_ref=case_ref, to="nergens", by="anna", now=now
        )
    with pytest.raises(UnknownPlace):  # not to itself
        start_handover(
            world.uow(), world.rules, case_ref=case_ref, to="jt-noord", by="anna", now=now
        )
    with pytest.raises(MeetingInvalid):  # a meeting only with a warm handover
        start_handover(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            to="st-zuid",
            by="anna",
            now=now,
            meeting_at=local(2026, 4, 28),
        )
    with pytest.raises(NotAllowed):  # Carla is not on the case and no coordinator
        start_handover(
            world.uow(), world.rules, case_ref=case_ref, to="st-zuid", by="carla", now=now
        )
    start_handover(world.uow(), world.rules, case_ref=case_ref, to="st-zuid", by="anna", now=now)
    with pytest.raises(ReasonRequired):
        decide_open_handover(
            world.uow(), world.rules, case_ref=case_ref, accept=False, by="dewi", now=now
        )
    with world.uow() as uow:
        refused = [a for a in uow.audit.all() if a.event == "refused"]
    assert any(a.actor == "carla" and a.case_ref == case_ref for a in refused)


@pytest.mark.parametrize("consent", [Consent.NONE, Consent.STATUS])
def test_a_declined_referral_tells_the_referrer_where_to_go(world: World, consent: Consent) -> None:
    case_ref = referral(world, consent=consent)
    with pytest.raises(NotAllowed):  # a coordinator declines
        decline_by_ref(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            by="anna",
            now=local(2026, 4, 22, 9),
            reason=DeclineReason.NOT_OUR_SERVICE,
            suggest="kompas",
        )
    decline_by_ref(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        by="bram",
        now=local(2026, 4, 22, 9),
        reason=DeclineReason.NOT_OUR_SERVICE,
        suggest="kompas",
    )
    world.tick(local(2026, 4, 22, 9))
    told = world.sent_to("dr-bakker")[-1].message
    body = told.body()
    assert "Zorgaanbieder Kompas" in body
    assert "angst, somberheid en gedrag" in body  # the directory's "wie voor wat"
    assert "verwijsbrief van de huisarts" in body
    if consent is Consent.NONE:  # the reason says something about the family: not told
        assert told.key == "referrer.next_step"
        assert "past beter" not in body
    else:
        assert told.key == "referrer.next_step_reason"
        assert "past beter bij een andere plek" in body
    with world.uow() as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None
        row = uow.loop.referral_of_case(case_id=case.id or 0)
        assert row is not None
        assert (row.status, row.decline_reason, row.redirect_to) == (
            "declined",
            "not_our_service",
            "kompas",
        )


def test_a_new_regisseur_is_told_to_everyone_involved(world: World) -> None:
    case_ref = referral(world)
    with pytest.raises(NotAllowed):  # Dewi is not on the case
        set_lead(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            person="dewi",
            by="dewi",
            now=local(2026, 4, 22, 9),
        )
    with pytest.raises(LeadRefused):  # a referrer cannot be regisseur
        set_lead(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            person="dr-bakker",
            by="bram",
            now=local(2026, 4, 22, 9),
        )
    done = set_lead(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        person="carla",
        by="bram",
        now=local(2026, 4, 22, 9),
    )
    assert done.changed and done.name == "Carla Mulder"
    again = set_lead(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        person="carla",
        by=OPERATOR,
        now=local(2026, 4, 22, 9, 5),
    )
    assert not again.changed
    world.tick(local(2026, 4, 22, 9, 5))
    assert world.sent_to("anna")[-1].message.key == "lead.changed"  # previous, and on the case
    assert world.sent_to("anna")[-1].message.params["previous"] == "Anna de Vries"
    assert world.sent_to("carla")[-1].message.key == "lead.changed_you"
    assert "lead.changed" not in world.keys_to("bram")  # who made the change knows
    told = world.sent_to("dr-bakker")[-1].message
    assert told.key == "referrer.lead_changed" and told.params["name"] == "Carla Mulder"


def test_without_consent_the_referrer_does_not_hear_the_new_regisseur(world: World) -> None:
    case_ref = referral(world, consent=Consent.NONE)
    set_lead(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        person="carla",
        by="anna",
        now=local(2026, 4, 22, 9),
    )
    world.tick(local(2026, 4, 22, 9))
    assert "referrer.lead_changed" not in world.keys_to("dr-bakker")


def test_the_regisseur_shows_in_prompts_in_wie_and_in_the_home(world: World) -> None:
    from bot.app.chat import who
    from bot.app.chat.home import home_for

    case_ref = referral(world)
    set_lead(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        person="carla",
        by="anna",
        now=local(2026, 4, 21, 11),
    )
    world.run(local(2026, 4, 21, 11), local(2026, 4, 24, 15))
    prompt = next(s for s in world.sent_to("anna") if s.message.key == "prompt.feedback")
    assert "Regisseur: Carla Mulder." in prompt.message.body()

    def actor(person_id: str) -> object:
        with world.uow() as uow:
            row = uow.directory.person(id=person_id)
            assert row is not None
            return actor_of(row)

    def ask(person_id: str) -> str:
        message = asyncio.run(
            who.who_is(
                Data(world.engine),
                world.rules,
                case_ref.lower(),
                "nl",
                local(2026, 4, 24, 15),
                None,
                asker=actor(person_id),  # type: ignore[arg-type]
            )
        )
        return message.body()

    assert "Regisseur: Carla Mulder. Contactpersoon: Anna de Vries." in ask("bram")
    assert "Carla" not in ask("dewi")  # another team hears nothing about the case
    assert "Carla" not in ask("dr-bakker")
    home = home_for(Data(world.engine), world.rules, actor("carla"), now=local(2026, 4, 24, 15))  # type: ignore[arg-type]
    leads = next(s for s in home.sections if s.heading == "Waar ik regisseur ben")
    assert leads.lines == [case_ref]
    home = home_for(Data(world.engine), world.rules, actor("anna"), now=local(2026, 4, 24, 15))  # type: ignore[arg-type]
    assert any("Regisseur: Carla Mulder" in line for s in home.sections for line in s.lines)
