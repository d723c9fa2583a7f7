"""The municipal digest: totals only, and no count of 1 to 4 can be read from it, in any
form it takes (text, HTML, CSV, chart data, the outbox row), directly or by subtraction."""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.digest.figures import Digest, compute
from bot.app.digest.page import as_html
from bot.app.digest.render import as_text, chart_spec
from bot.app.digest.sheet import as_csv
from bot.domain.rules import Rules
from bot.domain.schedules import DigestSchedule
from reminders.jobs.weekly import queue_digests
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests import digest_data as data
from tests.world import local, make_world

W17 = date(2026, 4, 20)
NOW = local(2026, 4, 28, 9)
SMALL = {1, 2, 3, 4}
# Numbers in the text that are not counts: week labels, the 1-10 scale, the norm, the
# trend's length, the age buckets and the suppression marks themselves.
NOT_COUNTS = re.compile(
    r"\d{4}-W\d{2}|W\d{2}|1-10|\d+ werkdagen|\d+ working days|\d+ weken|\d+ weeks"
    r"|11\+|6-10|3-5|0-2|[<≥]5"
)


@pytest.fixture
def small(engine: Engine, rules: Rules) -> Engine:
    """Week 17 over both teams: 13 referrals (9 GP, 3 school, 1 police), 10 answered
    within the norm and 3 not, 2 escalations (1 still open), 4 overdue handovers,
    2 partners without a contact, 3 satisfaction answers; 2 referrals in week 16."""
    make_world(engine, rules)
    referrers = ["dr-bakker"] * 9 + ["ib-smits"] * 3 + ["wijkagent-vos"]
    ids = []
    for n, referrer in enumerate(referrers):
        team = "jt-noord" if n % 2 else "st-zuid"
        received = local(2026, 4, 20) + timedelta(hours=5 * n)
        if n < 10:
            ids.append(
                data.referral(engine, team=team, referrer=referrer, received=received, days=5)
            )
        elif n == 10:
            ids.append(
                data.referral(engine, team=team, referrer=referrer, received=received, days=9)
            )
        else:  # silent past the deadline
            ids.append(
                data.referral(
                    engine,
                    team=team,
                    referrer=referrer,
                    received=received,
                    due=local(2026, 4, 27, 12),
                )
            )
    for day in (13, 14):
        data.referral(
            engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, day), days=2
        )
    data.escalation(engine, team="jt-noord", at=local(2026, 4, 21), resolved=True)
    data.escalation(engine, team="st-zuid", at=local(2026, 4, 22), resolved=False)
    for due in (local(2026, 4, 24, 12), local(2026, 4, 1), local(2026, 4, 2), local(2026, 4, 3)):
        data.handover(engine, referral_id=ids[0], from_team="st-zuid", to_team="jt-noord", due=due)
    for value in (2, 9, 10):
        data.score(engine, team="jt-noord", answered=local(2026, 4, 22), value=value)
    for person in ("anna", "carla"):
        data.absent(engine, person=person, day=date(2026, 4, 28))
    return engine


def municipal(engine: Engine, rules: Rules) -> Digest:
    return compute(UnitOfWork(engine), rules, team=None, monday=W17, now=NOW, municipal=True)


def small_numbers(text: str) -> list[str]:
    """Every whole number from 1 to 4 standing alone in `text`, once the non-counts are out."""
    cleaned = NOT_COUNTS.sub(" ", text)
    return [n for n in re.findall(r"(?<![\d.,])\d+(?![\d.,])", cleaned) if int(n) in SMALL]


def test_the_data_really_has_small_cells(small: Engine, rules: Rules) -> None:
    exact = compute(UnitOfWork(small), rules, team=None, monday=W17, now=NOW)
    assert exact.new_by_kind == {"gp": 9, "school": 3, "police": 1}
    assert (exact.within, exact.measured) == (10, 13)
    assert (exact.escalations, exact.open_escalations, exact.partner_gaps) == (1 + 1, 1, 2)
    assert exact.overdue_by_age == {"11+": 3, "6-10": 0, "3-5": 0, "0-2": 1}
    assert exact.scores.count == 3 and exact.trend[-2].new == 2
    assert small_numbers(as_text(exact))  # the check below is able to fail


def test_no_small_count_in_text_or_html(small: Engine, rules: Rules) -> None:
    d = municipal(small, rules)
    for language in ("nl", "en"):
        out = as_text(d, language)
        assert small_numbers(out) == [], out
        page = as_html(d, language, image="cid:trend")
        assert small_numbers(html.unescape(re.sub(r"<[^>]*>", " ", page))) == []
    out = as_text(d)
    lines = out.splitlines()
    assert lines[0] == "Weekoverzicht gemeente (alle teams) — week 2026-W17"
    assert "Nieuwe verwijzingen: 13" in lines
    assert {"  huisarts: ≥5", "  school: <5", "  politie: <5"} <= set(lines)
    assert (
        "Op tijd een eerste bericht aan de verwijzer (binnen 5 werkdagen): ≥5 van 13 (te weinig voor een percentage)"
        in lines
    )
    assert (
        "Werkdagen tot eerste terugkoppeling: de helft binnen 5, 9 van de 10 binnen 5 (over ≥5 verwijzingen)"
        in lines
    )
    assert "Overdrachten over de termijn: <5" in lines
    assert "Tevredenheid verwijzers (1-10): gemiddeld – (<5 antwoorden)" in lines
    assert "  2026-W16: <5 · – · –" in lines


def test_no_case_reference_partner_or_team_name(small: Engine, rules: Rules) -> None:
    d = municipal(small, rules)
    assert d.overdue_handovers == [] and d.partners_without_contact == []
    out = as_text(d) + as_csv(d) + json.dumps(chart_spec(d))
    for forbidden in (
        "T-jt-",
        "T-st-",
        "Huisartsenpraktijk",
        "OBS De Linde",
        "Jeugdteam",
        "Sociaal",
    ):
        assert forbidden not in out


def test_no_small_count_in_csv_or_chart(small: Engine, rules: Rules) -> None:
    d = municipal(small, rules)
    rows = data.sheet_rows(as_csv(d))
    assert {row["Team"] for row in rows} == {"gemeente (alle teams)"}
    assert [row for row in rows if row["Waarde"] in {"1", "2", "3", "4"}] == []
    values = {row["Code"]: row["Waarde"] for row in rows if row["Week"] == "2026-W17"}
    assert values["new_referrals_police"] == "<5" and values["new_referrals_gp"] == "≥5"
    assert values["satisfaction_average"] == ""
    spec = chart_spec(d)
    assert spec["new"][-2:] == [None, 13] and spec["new_labels"][-2:] == ["<5", "13"]
    assert not SMALL & {v for v in spec["new"] if v is not None}
    assert spec["note"]


def test_the_outbox_row_holds_only_suppressed_figures(small: Engine) -> None:
    rules = Rules(digest=DigestSchedule(municipality=("bram", "email:beleid@gemeente.example")))
    queue_digests(small, rules, monday=W17, now=NOW)
    with UnitOfWork(small) as uow:
        rows = [r for r in uow.session.exec(select(OutboxMessage)) if ":municipality:" in r.key]
    assert sorted(r.key for r in rows) == [
        "digest:municipality:2026-W17:bram",
        "digest:municipality:2026-W17:email:beleid@gemeente.example",
    ]
    for row in rows:
        assert row.case_ref is None and row.referral_id is None
        assert small_numbers(row.params["body"]) == []
        assert not SMALL & {v for v in row.params["chart"]["new"] if v is not None}
