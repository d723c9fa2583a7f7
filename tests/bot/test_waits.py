"""Waiting times: the receipt's latest working day (the team's norm) and what is usual, and
the digest's median and 80th percentile per milestone, suppressed under 5 referrals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import yaml
from sqlalchemy import Engine

from bot.app.digest import figures, render
from bot.app.digest.sheet import as_csv
from bot.app.directory.importer import import_directory
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent, PromptKind
from bot.domain.rules import Rules
from store.repos.waits import Wait
from store.uow import UnitOfWork
from tests.world import DIRECTORY, World, local

# Received on a Monday 09:00; contact made this many working days later (no holidays).
HISTORY = ((date(2026, 2, 2), 1), (date(2026, 2, 9), 2), (date(2026, 2, 16), 2),
           (date(2026, 2, 23), 3), (date(2026, 3, 2), 6))  # fmt: skip


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    for team in data["teams"]:
        if team["id"] == "jt-noord":
            team["feedback_norm"] = 3  # the team's own norm; st-zuid keeps the default (5)
    import_directory(UnitOfWork(engine), data, now=local(2026, 1, 5))
    return World(engine, rules)


def refer(world: World, at: datetime, ref: str, team: str = "jt-noord") -> int:
    result = submit_referral(
        world.uow(),
        world.rules,
        team=team,
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=at,
    )
    return result.id


def contact_after(world: World, received: date, days: int, ref: str) -> None:
    at = local(received.year, received.month, received.day, 9)
    referral = refer(world, at, ref)
    take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=at)
    with world.uow() as uow:
        prompt = uow.prompts.open_for(referral=referral, kind=PromptKind.FEEDBACK)[0]
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt.id or 0,
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=world.rules.calendar.add_working_days(at, days),
    )


def receipt(world: World, ref: str) -> str:
    bodies = [
        s.message.body()
        for s in world.sent_to("dr-bakker")
        if s.message.key.startswith("referrer.receipt") and ref in s.message.body()
    ]
    assert len(bodies) == 1
    return bodies[0]


def test_receipt_names_the_latest_working_day_from_the_teams_own_norm(world: World) -> None:
    friday = local(2026, 4, 24, 16)
    refer(world, friday, "HAP-1")  # jt-noord: 3 working days, Koningsdag (27 April) skipped
    refer(world, friday, "HAP-2", team="st-zuid")  # the default norm: 5 working days
    world.tick(friday)
    assert "U hoort uiterlijk op 30-04-2026 van ons." in receipt(world, "HAP-1")
    assert "U hoort uiterlijk op 04-05-2026 van ons." in receipt(world, "HAP-2")
    assert "Meestal" not in receipt(world, "HAP-1")  # nothing measured yet


def test_receipt_tells_what_is_usual_over_five_referrals_and_not_over_four(world: World) -> None:
    for number, (received, days) in enumerate(HISTORY[:4]):
        contact_after(world, received, days, f"OLD-{number}")
    refer(world, local(2026, 4, 22, 9), "HAP-4")
    contact_after(world, *HISTORY[4], "OLD-4")
    refer(world, local(2026, 4, 22, 10), "HAP-5")
    world.tick(local(2026, 4, 22, 10))
    assert "Meestal" not in receipt(world, "HAP-4")  # four referrals: nothing shown
    # 80th percentile of 1, 2, 2, 3, 6 working days is 3.6: "binnen 4 werkdagen"
    assert "Meestal is er binnen 4 werkdagen contact met het gezin." in receipt(world, "HAP-5")


def test_digest_shows_median_and_80th_percentile_per_milestone(world: World) -> None:
    for number, (received, days) in enumerate(HISTORY):
        contact_after(world, received, days, f"OLD-{number}")
    now = local(2026, 3, 30, 9)
    team = figures.compute(
        world.uow(), world.rules, team="jt-noord", monday=date(2026, 3, 23), now=now
    )
    assert team.waits["contact_made"] == Wait(5, 2.0, pytest.approx(3.6))
    assert team.waits["help_started"] == Wait(0, None, None)
    lines = render.lines(team)
    assert (
        "  tot eerste contact: de helft binnen 2, 4 van de 5 binnen 3,6 (over 5 verwijzingen)"
        in lines
    )
    assert "  tot start hulp: nog niet te meten" in lines
    # the 13 weeks up to 11 May start on 9 February: the first contact (3 February) is out
    later = figures.compute(
        world.uow(), world.rules, team="jt-noord", monday=date(2026, 5, 4), now=local(2026, 5, 11)
    )
    assert later.waits["contact_made"].count == 4


def test_municipal_digest_hides_waiting_times_under_five_referrals(world: World) -> None:
    for number, (received, days) in enumerate(HISTORY[:4]):
        contact_after(world, received, days, f"OLD-{number}")
    digest = figures.compute(
        world.uow(), world.rules, team=None, monday=date(2026, 3, 23), now=local(2026, 3, 30),
        municipal=True,
    )  # fmt: skip
    assert digest.waits["contact_made"].count == 4
    lines = render.lines(digest)
    assert (
        "  tot eerste contact: de helft binnen –, 4 van de 5 binnen – (over <5 verwijzingen)"
        in lines
    )
    csv = as_csv(digest)
    assert ";Mediaan werkdagen tot eerste contact;;wait_contact_made_median\r\n" in csv
    assert ";<5;wait_contact_made_referrals\r\n" in csv
