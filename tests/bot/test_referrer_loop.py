"""The referrer's own loop on a real database: requests to referrers with reminders in
working days, "geregeld", the check-in, and who may answer."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.loop.checkins import answer_checkin
from bot.app.loop.referrer_requests import answer_request, ask_referrer, close_requests
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.errors import AlreadyAnswered, NoOpenRequest, NotAllowed, ReferralEnded, UnknownCase
from bot.domain.model import Answer, CheckInAnswer, Consent, RequestKind
from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt
from store.schema.delivery import OutboxMessage
from store.schema.loop import CheckIn
from tests.world import World, local, make_world


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def taken(world: World, *, consent: Consent = Consent.STATUS) -> str:
    """Dr. Bakker's referral on Wednesday 22 April 2026, taken by Anna at 10:00."""
    submitted = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-7781",
        consent=consent,
        now=local(2026, 4, 22, 9, 10),
    )
    take_referral(
        world.uow(), world.rules, referral_id=submitted.id, by="anna", now=local(2026, 4, 22, 10)
    )
    return submitted.case_ref


def sent_keys(world: World, person: str, since: int = 0) -> list[str]:
    return [s.message.key for s in world.sent_to(person)[since:]]


def delivered(world: World, person: str, key: str) -> list[datetime]:
    return [
        at
        for at, s in world.delivered_at
        if s.recipient.person_id == person and s.message.key == key
    ]


def test_the_request_goes_at_once_and_reminders_skip_koningsdag(world: World) -> None:
    case_ref = taken(world)
    # Thursday 23 April, 20:00: a request to a referrer goes out at once, also in the evening.
    asked = ask_referrer(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        kind=RequestKind.CONSENT,
        by="anna",
        now=local(2026, 4, 23, 20),
    )
    assert asked.created and asked.referrer == "Dr. Bakker"
    world.tick(local(2026, 4, 23, 20))
    [request] = [
        s for s in world.sent_to("dr-bakker") if s.message.key == "referrer.request_consent"
    ]
    assert request.message.body().startswith(
        f"Voor uw verwijzing {case_ref} (uw kenmerk: HAP-7781) heeft Jeugdteam Noord toestemming"
    )
    assert "Anna de Vries" in request.message.body()  # consent `status`: the contact is named
    assert [a.id for a in request.message.actions] == ["settled"]
    assert request.message.labels() == ["Geregeld"]

    # Three working days later, in office hours: Fri 24, (Mon 27 Koningsdag), Tue 28, Wed 29
    # at 20:00 → the next office opening, Thursday 30 April 08:30.
    world.tick(local(2026, 4, 29, 23))
    world.tick(local(2026, 4, 30, 8, 29))
    assert delivered(world, "dr-bakker", "referrer.request_consent_reminder") == []
    world.tick(local(2026, 4, 30, 8, 30))
    assert delivered(world, "dr-bakker", "referrer.request_consent_reminder") == [
        local(2026, 4, 30, 8, 30)
    ]
    # The second reminder three working days on (Fri 1, Mon 4, Tue 5 May), then Anna hears.
    world.tick(local(2026, 5, 5, 8, 30))
    world.tick(local(2026, 5, 8, 8, 29))
    assert len(delivered(world, "dr-bakker", "referrer.request_consent_reminder")) == 2
    assert delivered(world, "anna", "loop.request_unanswered") == []
    world.tick(local(2026, 5, 8, 8, 30))
    [notice] = [s for s in world.sent_to("anna") if s.message.key == "loop.request_unanswered"]
    assert notice.message.body() == (
        f"Huisartsenpraktijk Noord heeft op het verzoek om toestemming voor {case_ref} "
        "(sinds 23-04-2026) na 2 herinneringen niet gereageerd. Neem je zelf contact op?"
    )
    # No more reminders, and the question stays answerable.
    world.tick(local(2026, 5, 20, 10))
    assert len(delivered(world, "dr-bakker", "referrer.request_consent_reminder")) == 2
    answered = answer_request(
        world.uow(),
        world.rules,
        request_id=asked.request_id,
        by="dr-bakker",
        now=local(2026, 5, 20, 11),
    )
    assert answered.reply_key == "referrer.request_thanks"
    # Every message to the referrer was audited as a procedural disclosure.
    with world.uow() as uow:
        rows = uow.session.exec(
            select(AuditEntry).where(AuditEntry.message_key.startswith("referrer.request"))  # type: ignore[union-attr]
        ).all()
    assert [(r.event, r.basis, r.case_ref) for r in rows] == [
        ("disclosed", "procedural", case_ref)
    ] * 3


def test_geregeld_reaches_the_professional_in_office_hours_once(world: World) -> None:
    case_ref = taken(world)
    asked = ask_referrer(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        kind=RequestKind.INFORMATION,
        by="anna",
        now=local(2026, 4, 23, 11),
    )
    again = ask_referrer(
        world.uow(),
        world.rules,
        case_ref=case_ref.lower(),
        kind=RequestKind.INFORMATION,
        by="carla",
        now=local(2026, 4, 23, 12),
    )
    assert not again.created and again.request_id == asked.request_id
    # Saturday evening the GP clicks "geregeld": Anna hears it Monday at office opening.
    answer_request(
        world.uow(),
        world.rules,
        request_id=asked.request_id,
        by="dr-bakker",
        now=local(2026, 4, 25, 21),
        channel="email",
    )
    world.tick(local(2026, 4, 25, 21))
    assert "loop.request_settled" not in sent_keys(world, "anna")
    world.tick(local(2026, 4, 28, 8, 30))  # Monday 27 April is Koningsdag
    assert delivered(world, "anna", "loop.request_settled") == [local(2026, 4, 28, 8, 30)]
    [settled] = [s for s in world.sent_to("anna") if s.message.key == "loop.request_settled"]
    assert settled.message.body() == (
        f"Dr. Bakker (Huisartsenpraktijk Noord) meldt bij {case_ref}: ontbrekende informatie "
        "is geregeld."
    )
    with pytest.raises(AlreadyAnswered):
        answer_request(
            world.uow(),
            world.rules,
            request_id=asked.request_id,
            by="dr-bakker",
            now=local(2026, 4, 28, 9),
        )
    with world.uow() as uow:
        request = uow.loop.request(id=asked.request_id)
        assert request is not None
        assert (request.outcome, request.channel, request.next_action_at) == (
            "settled",
            "email",
            None,
        )
    # No reminder after the answer.
    world.tick(local(2026, 5, 6, 10))
    assert "referrer.request_information_reminder" not in sent_keys(world, "dr-bakker")


def test_only_the_referrer_answers_and_only_the_team_asks(world: World) -> None:
    case_ref = taken(world)
    with pytest.raises(NotAllowed):  # a professional of another team
        ask_referrer(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            kind=RequestKind.CONSENT,
            by="dewi",
            now=local(2026, 4, 23, 9),
        )
    with pytest.raises(UnknownCase):
        ask_referrer(
            world.uow(),
            world.rules,
            case_ref="JT-NRD-2026-9999",
            kind=RequestKind.CONSENT,
            by="anna",
            now=local(2026, 4, 23, 9),
        )
    asked = ask_referrer(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        kind=RequestKind.CONSENT,
        by="anna",
        now=local(2026, 4, 23, 9),
    )
    with pytest.raises(NotAllowed):  # another school's referrer
        answer_request(
            world.uow(),
            world.rules,
            request_id=asked.request_id,
            by="ib-smits",
            now=local(2026, 4, 23, 10),
        )
    with world.uow() as uow:
        refused = uow.session.exec(select(AuditEntry).where(AuditEntry.event == "refused")).all()
    assert [(r.actor, r.basis, r.case_ref) for r in refused] == [
        ("dewi", "ask_referrer", case_ref),
        ("ib-smits", "answer_request", case_ref),
    ]
    # Anna ends the wait herself: no more reminders, the GP is not told anything.
    assert close_requests(
        world.uow(), world.rules, case_ref=case_ref, by="anna", now=local(2026, 4, 23, 11)
    ) == (case_ref, 1)
    with pytest.raises(NoOpenRequest):
        close_requests(
            world.uow(), world.rules, case_ref=case_ref, by="anna", now=local(2026, 4, 23, 12)
        )
    world.tick(local(2026, 5, 6, 10))
    keys = [k for k in sent_keys(world, "dr-bakker") if k.startswith("referrer.request")]
    assert keys == ["referrer.request_consent"]


def test_a_closed_referral_asks_nothing_and_ends_open_requests(world: World) -> None:
    case_ref = taken(world)
    asked = ask_referrer(
        world.uow(),
        world.rules,
        case_ref=case_ref,
        kind=RequestKind.CONSENT,
        by="anna",
        now=local(2026, 4, 23, 9),
    )
    prompt = _open_prompt(world)
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer.CLOSED,
        by="anna",
        now=local(2026, 4, 24, 9),
    )
    with pytest.raises(ReferralEnded):
        ask_referrer(
            world.uow(),
            world.rules,
            case_ref=case_ref,
            kind=RequestKind.INFORMATION,
            by="anna",
            now=local(2026, 4, 24, 10),
        )
    world.tick(local(2026, 5, 6, 10))
    assert "referrer.request_consent_reminder" not in sent_keys(world, "dr-bakker")
    with world.uow() as uow:
        request = uow.loop.request(id=asked.request_id)
        assert request is not None and request.outcome == "ended" and request.closed_at is not None


def test_checkin_twenty_working_days_after_help_started(world: World) -> None:
    case_ref = taken(world)
    help_started = local(2026, 4, 24, 14)  # Friday
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=_open_prompt(world),
        answer=Answer.HELP_STARTED,
        by="anna",
        now=help_started,
    )
    # 20 working days from Friday 24 April, without Koningsdag (27 April), Hemelvaart
    # (14 May) and Pinkstermaandag (25 May): Wednesday 27 May, 14:00.
    world.tick(local(2026, 5, 27, 13, 59))
    assert "referrer.checkin" not in sent_keys(world, "dr-bakker")
    world.tick(local(2026, 5, 27, 14))
    [question] = [s for s in world.sent_to("dr-bakker") if s.message.key == "referrer.checkin"]
    assert "Merkt u verschil?" in question.message.body()
    assert question.message.labels() == ["Beter", "Hetzelfde", "Slechter", "Weet ik niet"]
    with world.uow() as uow:
        [checkin] = uow.session.exec(select(CheckIn)).all()
        assert checkin.id is not None
    answered = answer_checkin(
        world.uow(),
        world.rules,
        checkin_id=checkin.id,
        answer=CheckInAnswer.BETTER,
        by="dr-bakker",
        now=local(2026, 5, 27, 18),
        channel="slack",
    )
    assert answered.reply_params["answer"] == "beter"
    with pytest.raises(AlreadyAnswered):
        answer_checkin(
            world.uow(),
            world.rules,
            checkin_id=checkin.id,
            answer=CheckInAnswer.WORSE,
            by="dr-bakker",
            now=local(2026, 5, 27, 19),
        )
    world.tick(local(2026, 5, 28, 8, 30))  # Anna hears it in the next office hours
    [told] = [s for s in world.sent_to("anna") if s.message.key == "loop.checkin_answer"]
    assert told.message.body() == (
        f"Dr. Bakker (Huisartsenpraktijk Noord) over {case_ref}, op de vraag 'Merkt u "
        "verschil?': beter."
    )
    # Once per referral: a later tick asks nothing again.
    world.tick(local(2026, 7, 1, 10))
    assert sent_keys(world, "dr-bakker").count("referrer.checkin") == 1


def test_no_checkin_without_consent(world: World) -> None:
    taken(world, consent=Consent.NONE)
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=_open_prompt(world),
        answer=Answer.HELP_STARTED,
        by="anna",
        now=local(2026, 4, 24, 14),
    )
    world.tick(local(2026, 5, 28, 10))
    assert "referrer.checkin" not in sent_keys(world, "dr-bakker")
    with world.uow() as uow:
        [checkin] = uow.session.exec(select(CheckIn)).all()
    assert checkin.outcome == "no_consent" and checkin.asked_at is None


def test_a_checkin_queued_before_consent_was_withdrawn_is_not_sent(world: World) -> None:
    taken(world)
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=_open_prompt(world),
        answer=Answer.HELP_STARTED,
        by="anna",
        now=local(2026, 4, 24, 14),
    )
    from reminders.scheduler import run_due_work

    run_due_work(world.engine, world.rules, now=local(2026, 5, 27, 14))  # queued, not sent
    with world.uow() as uow:
        referral = uow.loop.referral_of_case(case_id=1)
        assert referral is not None
        referral.consent = Consent.NONE
        uow.commit()
    world.tick(local(2026, 5, 27, 14, 1))
    assert "referrer.checkin" not in sent_keys(world, "dr-bakker")
    with world.uow() as uow:
        [row] = uow.session.exec(
            select(OutboxMessage).where(OutboxMessage.message_key == "referrer.checkin")
        ).all()
    assert row.failed_at is not None and row.error == "consent_withdrawn"


def _open_prompt(world: World) -> int:
    with world.uow() as uow:
        prompt = uow.session.exec(
            select(Prompt).where(Prompt.kind == "feedback", Prompt.closed_at.is_(None))  # type: ignore[union-attr]
        ).first()
        assert prompt is not None and prompt.id is not None
        return prompt.id
