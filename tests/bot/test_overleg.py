"""The vaste overleg: its calendar (pure), the reminder the working day before with the open
case references, holidays, and the command line."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.app.loop.overleg import list_consultations, remove_consultation, set_consultation
from bot.app.referrals.intake import submit_referral
from bot.domain.clock import WorkCalendar
from bot.domain.errors import ConsultationInvalid, UnknownConsultation, UnknownTeam
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.domain.schedules import meeting_days, plan_next, reminder_day
from tests.bot.test_cli import no_traceback, run
from tests.world import World, local, make_world

CAL = WorkCalendar()
DIRECTORY = Path(__file__).resolve().parents[2] / "bot" / "main" / "demo" / "oosterwaard.yaml"


def test_meetings_every_other_week_from_the_first() -> None:
    first = date(2026, 4, 14)  # a Tuesday
    assert meeting_days(first, 2, from_day=date(2026, 4, 1)) == first
    assert meeting_days(first, 2, from_day=date(2026, 4, 15)) == date(2026, 4, 28)
    assert meeting_days(first, 2, from_day=date(2026, 4, 28)) == date(2026, 4, 28)


def test_the_reminder_is_the_working_day_before() -> None:
    assert reminder_day(CAL, date(2026, 4, 28)) == date(2026, 4, 24)  # Koningsdag Monday
    assert reminder_day(CAL, date(2026, 4, 7)) == date(2026, 4, 2)  # Easter Monday, Good Friday
    assert reminder_day(CAL, date(2026, 4, 23)) == date(2026, 4, 22)


def test_plan_reminds_at_office_opening_or_at_once_when_that_is_past() -> None:
    plan = plan_next(
        CAL, starts_on=date(2026, 4, 14), at=time(13), every_weeks=2, after=local(2026, 4, 20, 9)
    )
    assert (plan.meeting_on, plan.remind_at) == (date(2026, 4, 28), local(2026, 4, 24, 8, 30))
    # Set on the morning of the meeting day: reminded at once, the meeting is still ahead.
    plan = plan_next(
        CAL, starts_on=date(2026, 4, 14), at=time(13), every_weeks=2, after=local(2026, 4, 28, 9)
    )
    assert (plan.meeting_on, plan.remind_at) == (date(2026, 4, 28), local(2026, 4, 28, 9))
    # After it began: the next one.
    plan = plan_next(
        CAL, starts_on=date(2026, 4, 14), at=time(13), every_weeks=2, after=local(2026, 4, 28, 14)
    )
    assert plan.meeting_on == date(2026, 5, 12)


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def _refer(world: World, referrer: str, ref: str, team: str = "jt-noord") -> str:
    return submit_referral(
        world.uow(),
        world.rules,
        team=team,
        referrer=referrer,
        external_ref=ref,
        consent=Consent.NONE,
        now=local(2026, 4, 20, 9),
    ).case_ref


def test_reminder_the_working_day_before_lists_the_open_references(world: World) -> None:
    first = _refer(world, "dr-bakker", "HAP-1")
    second = _refer(world, "dr-bakker", "HAP-2")
    _refer(world, "ib-smits", "DLS-1")  # another partner
    _refer(world, "dr-bakker", "HAP-3", team="st-zuid")  # another team
    view = set_consultation(
        world.uow(),
        world.rules,
        team="jt-noord",
        partner="hap-noord",
        first=local(2026, 4, 14, 13),
        every_weeks=2,
        now=local(2026, 4, 20, 10),
    )
    assert (view.next_on, view.remind_at) == (date(2026, 4, 28), local(2026, 4, 24, 8, 30))
    world.tick(local(2026, 4, 24, 8, 29))
    assert "overleg.reminder" not in world.keys_to("dr-bakker")
    world.tick(local(2026, 4, 24, 8, 30))
    [to_gp] = [s for s in world.sent_to("dr-bakker") if s.message.key == "overleg.reminder"]
    assert to_gp.message.body() == (
        "Herinnering: vast overleg Jeugdteam Noord en Huisartsenpraktijk Noord op 28-04-2026 om 13:00. "
        "Open verwijzingen:\n"
        f"• {first} (kenmerk verwijzer: HAP-1)\n• {second} (kenmerk verwijzer: HAP-2)"
    )
    # The team's contact person for the practice (Anna) gets the same list; Carla does not.
    [to_anna] = [s for s in world.sent_to("anna") if s.message.key == "overleg.reminder"]
    assert to_anna.message.params["cases"] == to_gp.message.params["cases"]
    assert "overleg.reminder" not in world.keys_to("carla")
    with world.uow() as uow:
        [row] = uow.loop.consultations()
        assert (row.next_on, row.remind_at) == (date(2026, 5, 12), local(2026, 5, 11, 8, 30))
    world.tick(local(2026, 4, 24, 9))  # once
    assert world.keys_to("dr-bakker").count("overleg.reminder") == 1


def test_a_meeting_on_a_holiday_is_called_off_the_working_day_before(world: World) -> None:
    set_consultation(
        world.uow(),
        world.rules,
        team="jt-noord",
        partner="obs-de-linde",
        first=local(2026, 4, 20, 15, 30),  # Mondays; 27 April is Koningsdag
        every_weeks=1,
        now=local(2026, 4, 21, 9),
    )
    world.tick(local(2026, 4, 24, 8, 30))
    [notice] = [s for s in world.sent_to("ib-smits") if s.message.key == "overleg.cancelled"]
    assert notice.message.body() == (
        "Het vaste overleg Jeugdteam Noord en OBS De Linde op 27-04-2026 om 15:30 vervalt "
        "(feestdag). Het volgende is op 04-05-2026."
    )
    assert "overleg.cancelled" in world.keys_to("carla")  # the school's contact person
    # The next one is reminded on Friday 1 May as usual, with no open referrals.
    world.tick(local(2026, 5, 1, 8, 30))
    assert "overleg.reminder_none" in world.keys_to("ib-smits")


def test_set_refuses_a_weekend_an_unknown_team_or_partner_and_list_remove(world: World) -> None:
    kwargs = {"every_weeks": 2, "now": local(2026, 4, 20, 9)}
    with pytest.raises(ConsultationInvalid):
        set_consultation(
            world.uow(),
            world.rules,
            team="jt-noord",
            partner="hap-noord",
            first=local(2026, 4, 25, 13),
            **kwargs,
        )  # type: ignore[arg-type]
    with pytest.raises(UnknownTeam):
        set_consultation(
            world.uow(),
            world.rules,
            team="nope",
            partner="hap-noord",
            first=local(2026, 4, 21, 13),
            **kwargs,
        )  # type: ignore[arg-type]
    with pytest.raises(ConsultationInvalid):
        set_consultation(
            world.uow(),
            world.rules,
            team="jt-noord",
            partner="nope",
            first=local(2026, 4, 21, 13),
            **kwargs,
        )  # type: ignore[arg-type]
    set_consultation(
        world.uow(),
        world.rules,
        team="jt-noord",
        partner="hap-noord",
        first=local(2026, 4, 21, 13),
        **kwargs,
    )  # type: ignore[arg-type]
    # Setting again replaces it.
    set_consultation(
        world.uow(),
        world.rules,
        team="jt-noord",
        partner="hap-noord",
        first=local(2026, 4, 22, 10),
        **kwargs,
    )  # type: ignore[arg-type]
    [view] = list_consultations(world.uow())
    assert (view.starts_on, view.at, view.every_weeks) == (date(2026, 4, 22), "10:00", 2)
    remove_consultation(world.uow(), team="jt-noord", partner="hap-noord")
    assert list_consultations(world.uow()) == []
    with pytest.raises(UnknownConsultation):
        remove_consultation(world.uow(), team="jt-noord", partner="hap-noord")


def test_overleg_verbs_on_the_command_line(tmp_path: Path, db_url: str) -> None:
    env = {"TERUGKOPPEL_DATABASE_URL": db_url}
    assert run(["db", "upgrade"], tmp_path, **env).returncode == 0
    assert run(["import", str(DIRECTORY)], tmp_path, **env).returncode == 0
    done = run(
        ["overleg", "set", "jt-noord", "hap-noord", "--first", "2030-12-10T13:00", "--every", "2"],
        tmp_path,
        **env,
    )
    assert done.returncode == 0, done.stderr
    assert "elke 2 week/weken op dinsdag om 13:00, vanaf 10-12-2030" in " ".join(
        done.stdout.split()
    )
    listed = run(["overleg", "list"], tmp_path, **env)
    assert "Jeugdteam Noord – Huisartsenpraktijk Noord" in listed.stdout
    weekend = run(
        ["overleg", "set", "jt-noord", "hap-noord", "--first", "2030-12-14T13:00"], tmp_path, **env
    )
    assert weekend.returncode == 2 and "weekenddag" in weekend.stderr
    no_traceback(weekend)
    gone = run(["overleg", "remove", "jt-noord", "obs-de-linde"], tmp_path, **env)
    assert gone.returncode == 2 and "Er is geen vast overleg" in gone.stderr
    assert run(["overleg", "remove", "jt-noord", "hap-noord"], tmp_path, **env).returncode == 0
    assert "Er is geen vast overleg ingesteld." in run(["overleg", "list"], tmp_path, **env).stdout


def test_referrer_verbs_on_the_command_line(tmp_path: Path) -> None:
    env = {"TERUGKOPPEL_DATABASE_URL": f"sqlite:///{tmp_path / 'loop.db'}"}
    assert run(["import", str(DIRECTORY)], tmp_path, **env).returncode == 0
    unknown = run(
        ["referrer", "ask", "JT-NRD-2026-0001", "consent", "--by", "anna"], tmp_path, **env
    )
    assert unknown.returncode == 2
    assert "Verwijzing JT-NRD-2026-0001 bestaat niet" in unknown.stderr
    no_traceback(unknown)
