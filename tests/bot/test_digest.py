"""The digest's figures on SQLite and PostgreSQL: every one counted by the database."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from bot.app.digest.figures import AGE_BUCKETS, Digest, compute
from bot.app.digest.page import as_html
from bot.app.digest.render import as_text, chart_spec
from bot.app.digest.sheet import as_csv
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests import digest_data as data
from tests.world import local, make_world

W17 = date(2026, 4, 20)  # Monday of 2026-W17; Monday 27 April is Koningsdag
NOW = local(2026, 4, 28, 9)  # the Tuesday the digest goes out


@pytest.fixture
def seeded(engine: Engine, rules: Rules) -> Engine:
    make_world(engine, rules)
    # jt-noord in W17: three GP, two school and one police referral.
    for n, (referrer, days) in enumerate(
        [("dr-bakker", 1), ("dr-bakker", 2), ("dr-bakker", 8), ("ib-smits", 3), ("ib-smits", 4)]
    ):
        data.referral(
            engine, team="jt-noord", referrer=referrer, received=local(2026, 4, 20 + n), days=days
        )
    late = data.referral(  # no terugkoppeling, deadline passed: measured, not within
        engine,
        team="jt-noord",
        referrer="wijkagent-vos",
        received=local(2026, 4, 21, 2, 40),
        due=local(2026, 4, 27, 17),
    )
    data.referral(
        engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, 14), days=2
    )
    data.referral(engine, team="st-zuid", referrer="dr-bakker", received=local(2026, 4, 22), days=6)
    # Handovers from jt-noord: one a working day overdue (Koningsdag does not count), one long.
    data.handover(
        engine,
        referral_id=late,
        from_team="jt-noord",
        to_team="st-zuid",
        due=local(2026, 4, 24, 12),
    )
    data.handover(
        engine, referral_id=late, from_team="jt-noord", to_team="st-zuid", due=local(2026, 4, 8, 12)
    )
    data.escalation(engine, team="jt-noord", at=local(2026, 4, 22), resolved=True)
    data.escalation(engine, team="jt-noord", at=local(2026, 4, 9), resolved=False)
    for value in (6, 7, 9):
        data.score(engine, team="jt-noord", answered=local(2026, 4, 23), value=value)
    data.score(engine, team="jt-noord", answered=None, value=None)  # asked, not answered
    data.score(engine, team="st-zuid", answered=local(2026, 4, 23), value=3)
    for person in ("anna", "carla"):  # both contacts of two jt-noord pairs are away
        data.absent(engine, person=person, day=date(2026, 4, 28))
    return engine


def team_digest(engine: Engine, rules: Rules, team: str | None = "jt-noord") -> Digest:
    return compute(UnitOfWork(engine), rules, team=team, monday=W17, now=NOW)


def test_team_digest_counts_what_the_week_brought(seeded: Engine, rules: Rules) -> None:
    d = team_digest(seeded, rules)
    assert d.week == "2026-W17" and d.team_name == "Jeugdteam Noord"
    assert d.new_by_kind == {"gp": 3, "school": 2, "police": 1}
    assert (d.within, d.measured) == (4, 6)  # 1, 2, 3, 4 within five; 8 and the silent one not
    assert d.escalations == 1 and d.open_escalations == 1
    assert d.overdue_by_age == {"11+": 1, "6-10": 0, "3-5": 0, "0-2": 1}
    assert [(ref[:2], days) for ref, _, days in d.overdue_handovers] == [("T-", 13), ("T-", 1)]
    assert d.partners_without_contact == ["Huisartsenpraktijk Noord", "OBS De Linde"]
    assert d.scores.count == 3 and d.scores.average == pytest.approx(22 / 3)
    assert [w.week for w in d.trend][-2:] == ["2026-W16", "2026-W17"]
    assert len(d.trend) == 12 and [w.new for w in d.trend][-2:] == [1, 6]
    assert d.trend[-1].scores.count == 3


def test_median_and_p90_are_continuous_percentiles_on_both_databases(
    seeded: Engine, rules: Rules
) -> None:
    spread = team_digest(seeded, rules).spread
    values = [1, 2, 3, 4, 8]
    assert spread.count == 5
    assert spread.median == statistics.median(values) == 3
    assert spread.p90 == pytest.approx(statistics.quantiles(values, n=10, method="inclusive")[-1])
    assert spread.p90 == pytest.approx(6.4)


def test_overdue_age_buckets_match_the_working_day_calendar(engine: Engine, rules: Rules) -> None:
    """Deadlines every seven hours over six weeks around Koningsdag, bucketed by SQL,
    against the calendar's own count of working days past each deadline."""
    make_world(engine, rules)
    first = data.referral(engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 3, 1))
    dues = [local(2026, 3, 16) + timedelta(hours=7 * i) for i in range(6 * 24)]
    dues = [due for due in dues if due < NOW]
    for due in dues:
        data.handover(engine, referral_id=first, from_team="jt-noord", to_team="st-zuid", due=due)
    expected = dict.fromkeys(("11+", "6-10", "3-5", "0-2"), 0)
    for due in dues:
        age = rules.calendar.working_days_between(due, NOW)
        bucket = next(name for name, least in AGE_BUCKETS if age >= least)
        expected[bucket] += 1
    assert team_digest(engine, rules).overdue_by_age == expected
    assert all(expected.values())


def test_all_teams_and_an_empty_week(seeded: Engine, rules: Rules) -> None:
    everyone = team_digest(seeded, rules, team=None)
    assert everyone.new_referrals == 7 and everyone.scores.count == 4
    empty = compute(UnitOfWork(seeded), rules, team="st-zuid", monday=date(2026, 3, 2), now=NOW)
    assert empty.new_referrals == 0 and empty.measured == 0 and empty.spread.count == 0
    assert "nog geen cijfer" in as_text(empty)


def test_team_digest_text_names_every_figure(seeded: Engine, rules: Rules) -> None:
    out = as_text(team_digest(seeded, rules))
    for line in (
        "Weekoverzicht Jeugdteam Noord — week 2026-W17",
        "Nieuwe verwijzingen: 6",
        "  huisarts: 3",
        "Op tijd een eerste bericht aan de verwijzer (binnen 5 werkdagen): 67% (4 van 6)",
        "Werkdagen tot eerste terugkoppeling: de helft binnen 3, 9 van de 10 binnen 6,4 (over 5 verwijzingen)",
        "Opschalingen in deze periode: 1",
        "Openstaande opschalingen: 1",
        "Overdrachten over de termijn: 2",
        "  11+ werkdagen over de termijn: 1",
        "Partners zonder bereikbare contactpersoon: 2",
        "  OBS De Linde",
        "Tevredenheid verwijzers (1-10): gemiddeld 7,3 (3 antwoorden)",
        "  2026-W17: 6 · 67% · 7,3",
    ):
        assert line in out.splitlines(), line
    english = as_text(team_digest(seeded, rules), "en")
    assert "median 3, 90th percentile 6.4" in english
    # One overdue handover is 13 working days late, the other one: "1 werkdag", singular.
    late = [line for line in out.splitlines() if line.endswith("over de termijn")]
    assert [line.rsplit(": ", 1)[1] for line in late] == [
        "13 werkdagen over de termijn",
        "1 werkdag over de termijn",
    ]
    assert english.count("1 working day past the deadline") == 1


def test_html_csv_and_chart_carry_the_same_figures(seeded: Engine, rules: Rules) -> None:
    d = team_digest(seeded, rules)
    html = as_html(d, image="cid:trend")
    assert ">Weekoverzicht Jeugdteam Noord — week 2026-W17</h1>" in html
    assert '<img src="cid:trend"' in html
    rows = {row["Code"]: row["Waarde"] for row in data.sheet_rows(as_csv(d))}
    assert rows["new_referrals"] == "6" and rows["new_referrals_police"] == "1"
    assert rows["p90_working_days_to_first_feedback"] == "6,4"
    assert rows["satisfaction_average"] == "7,33"
    assert rows["first_feedback_within_norm_share"] == "66,7"
    spec = chart_spec(d)
    assert spec["weeks"][-1] == "W17" and spec["new"][-2:] == [1, 6]
    assert spec["within"][-1] == pytest.approx(66.7)
