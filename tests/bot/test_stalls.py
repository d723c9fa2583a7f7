"""Care that stalls is escalated: the snooze cap, help not started after the intake, no status
change, and an urgent page nobody takes — each once, with the team's own norms (the demo
directory: jt-noord snooze_cap 2, stale_days 5, repage_minutes 15; st-zuid help_start_days 3)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import col, select

from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent, PromptKind
from bot.domain.rules import Rules
from reminders.jobs.daily import run_daily_stalls
from reminders.jobs.once import forget
from store.schema.cases import Escalation
from store.schema.delivery import OutboxMessage
from store.schema.idempotency import JobRun
from tests.world import World, local, make_world


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def taken(world: World, *, team: str = "jt-noord", by: str = "anna", urgent: bool = False,
          at: datetime | None = None) -> int:  # fmt: skip
    at = at or local(2026, 4, 22, 9, 10)
    referral = submit_referral(
        world.uow(),
        world.rules,
        team=team,
        referrer="dr-bakker",
        external_ref="HAP-1",
        consent=Consent.STATUS,
        urgent=urgent,
        now=at,
    ).id
    take_referral(world.uow(), world.rules, referral_id=referral, by=by, now=at)
    return referral


def answer(world: World, referral: int, what: Answer, by: str, at: datetime) -> None:
    with world.uow() as uow:
        prompt = uow.prompts.open_for(referral=referral, kind=PromptKind.FEEDBACK)[0]
    answer_prompt(world.uow(), world.rules, prompt_id=prompt.id or 0, answer=what, by=by, now=at)


def escalations(world: World, kind: str) -> list[Escalation]:
    with world.uow() as uow:
        return list(uow.session.exec(select(Escalation).where(Escalation.kind == kind)).all())


def test_second_not_yet_in_a_row_asks_the_coordinator_once(world: World) -> None:
    referral = taken(world)
    answer(world, referral, Answer.NOT_YET, "anna", local(2026, 4, 24, 10))
    world.tick(local(2026, 4, 24, 10))
    assert "stall.snooze_cap" not in world.keys_to("bram")
    world.tick(local(2026, 4, 29, 10))  # asked again after two working days
    answer(world, referral, Answer.NOT_YET, "anna", local(2026, 4, 29, 10, 30))
    world.tick(local(2026, 4, 29, 10, 30))
    [asked] = [s for s in world.sent_to("bram") if s.message.key == "stall.snooze_cap"]
    assert asked.message.body() == (
        "Anna de Vries heeft JT-NRD-2026-0001 al 2 keer op 'nog niet' gezet. "
        "Wil je samen kijken wat er nodig is?"
    )
    world.tick(local(2026, 5, 1, 11))
    answer(world, referral, Answer.NOT_YET, "anna", local(2026, 5, 1, 11, 30))
    world.tick(local(2026, 5, 1, 11, 30))
    assert world.keys_to("bram").count("stall.snooze_cap") == 1
    assert len(escalations(world, "snooze_cap")) == 1


def test_no_status_change_for_five_working_days_escalates_once_until_it_moves(
    world: World,
) -> None:
    referral = taken(world)  # assigned Wednesday 22 April
    world.tick(local(2026, 4, 29, 9))  # 23, 24, 28, 29: four working days (27: Koningsdag)
    assert "stall.stale" not in world.keys_to("bram")
    world.tick(local(2026, 4, 30, 7))  # before office hours: the scan waits
    assert escalations(world, "stale") == []
    world.tick(local(2026, 4, 30, 9))
    [told] = [s for s in world.sent_to("bram") if s.message.key == "stall.stale"]
    assert told.message.params["days"] == "5"
    assert told.message.params["name"] == "Anna de Vries"
    world.tick(local(2026, 5, 1, 9))
    assert world.keys_to("bram").count("stall.stale") == 1
    answer(world, referral, Answer.CONTACT_MADE, "anna", local(2026, 5, 1, 10))
    with world.uow() as uow:
        assert uow.escalations.count() >= 1
        assert all(e.resolved_at is not None for e in escalations(world, "stale"))
    world.run(local(2026, 5, 4, 9), local(2026, 5, 7, 9), step=_day())  # 4 working days
    assert world.keys_to("bram").count("stall.stale") == 1
    world.tick(local(2026, 5, 8, 9))  # the fifth since contact was made: raised again
    assert world.keys_to("bram").count("stall.stale") == 2


def test_help_not_started_after_intake_escalates_with_the_teams_own_norm(world: World) -> None:
    referral = taken(world, team="st-zuid", by="dewi")
    answer(world, referral, Answer.INTAKE_PLANNED, "dewi", local(2026, 4, 23, 10))
    world.tick(local(2026, 4, 28, 9))  # 24, 28: two working days
    assert "stall.help_late" not in world.keys_to("emre")
    world.tick(local(2026, 4, 29, 9))
    [told] = [s for s in world.sent_to("emre") if s.message.key == "stall.help_late"]
    assert "De intake werd 3 werkdagen geleden gepland." in told.message.body()


def test_scan_run_again_after_a_crash_tells_no_one_twice(world: World) -> None:
    taken(world)
    now = local(2026, 4, 30, 9)
    assert run_daily_stalls(world.engine, world.rules, now=now) == 1
    with world.uow() as uow:  # the run's record lost, as if the process died before it
        uow.session.execute(delete(JobRun))
        uow.commit()
    forget()
    assert run_daily_stalls(world.engine, world.rules, now=now) == 0
    with world.uow() as uow:
        keys = [
            row.key
            for row in uow.session.exec(select(OutboxMessage)).all()
            if row.key.startswith("stall:")
        ]
    assert len(keys) == len(set(keys)) == 1


def test_urgent_page_nobody_takes_goes_to_the_next_in_the_rota_then_the_coordinator(
    world: World,
) -> None:
    night = local(2026, 4, 25, 2, 40)  # Saturday night: Bram has piket, Anna is next
    submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="wijkagent-vos",
        external_ref="ZM-1",
        consent=Consent.NONE,
        urgent=True,
        now=night,
    )
    world.tick(night)
    world.tick(local(2026, 4, 25, 2, 54))
    assert world.keys_to("anna") == []
    world.tick(local(2026, 4, 25, 2, 55))
    world.tick(local(2026, 4, 25, 2, 56))  # a second tick at the same rung pages no one
    [again] = world.sent_to("anna")
    assert again.message.key == "page.again"
    assert "Bram Jansen had piket en reageerde niet binnen 15 minuten." in again.message.body()
    assert [a.id for a in again.message.actions] == ["take", "assign", "decline"]
    world.tick(local(2026, 4, 25, 3, 10))  # at night, not at the opening of office hours
    assert world.keys_to("bram") == ["intake.urgent", "page.coordinator"]
    assert len(escalations(world, "page")) == 1
    world.run(local(2026, 4, 25, 3, 30), local(2026, 4, 25, 6), step=_quarter())
    assert world.keys_to("anna") == ["page.again"]
    assert world.keys_to("bram") == ["intake.urgent", "page.coordinator"]


def test_urgent_page_taken_in_time_pages_no_one_else(world: World) -> None:
    night = local(2026, 4, 25, 2, 40)
    taken(world, urgent=True, by="bram", at=night)
    world.run(night, local(2026, 4, 25, 4), step=_quarter())
    assert "page.again" not in world.keys_to("anna")
    assert "page.coordinator" not in world.keys_to("bram")
    with world.uow() as uow:
        assert (
            uow.session.exec(
                select(OutboxMessage).where(col(OutboxMessage.key).like("page:%"))
            ).all()
            == []
        )


def _day() -> timedelta:
    return timedelta(days=1)


def _quarter() -> timedelta:
    return timedelta(minutes=15)
