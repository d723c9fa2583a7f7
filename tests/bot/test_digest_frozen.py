"""A reported week stays as reported: the weekly job keeps the figures it sent, and asking for
that week later gives the same figures, also in the next weeks' trend (both databases)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from bot.app import exports, retention
from bot.app.digest.figures import compute
from bot.app.digest.render import as_text
from bot.domain.rules import Rules
from reminders.jobs.weekly import queue_digests
from store.uow import UnitOfWork
from tests import digest_data as data
from tests.world import local, make_world

W17 = date(2026, 4, 20)
W18 = date(2026, 4, 27)
SENT = local(2026, 4, 28, 9)


def test_a_reported_week_gives_the_same_figures_when_asked_again(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    data.referral(
        engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, 21), days=None
    )
    data.referral(engine, team="jt-noord", referrer="ib-smits", received=local(2026, 4, 22), days=2)
    assert queue_digests(engine, rules, monday=W17, now=SENT) >= 1
    sent = exports.digest(UnitOfWork(engine), rules, team="jt-noord", monday=W17, now=SENT)

    # Later: a referral of that week entered late, and scores answered afterwards.
    data.referral(
        engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, 23), days=1
    )
    for value in (3, 4):
        data.score(engine, team="jt-noord", answered=local(2026, 4, 24), value=value)
    later = local(2026, 5, 12, 10)
    recount = compute(UnitOfWork(engine), rules, team="jt-noord", monday=W17, now=later)
    assert recount.new_referrals == 3 and recount.scores.count == 2  # it would have changed

    again = exports.digest(UnitOfWork(engine), rules, team="jt-noord", monday=W17, now=later)
    assert again == sent and again.new_referrals == 2 and again.scores.count == 0
    assert as_text(again) == as_text(sent)
    # A second run of the job (another worker) sends the kept figures, not a recount.
    assert queue_digests(engine, rules, monday=W17, now=later) == 0
    # The next week's trend shows W17 as it was reported.
    next_week = exports.digest(UnitOfWork(engine), rules, team="jt-noord", monday=W18, now=later)
    (w17,) = [week for week in next_week.trend if week.week == "2026-W17"]
    assert (w17.new, w17.scores.count) == (2, 0)
    # A week never reported is counted as it stands.
    other = exports.digest(UnitOfWork(engine), rules, team="st-zuid", monday=W17, now=later)
    assert other.week == "2026-W17"


def test_reported_weeks_go_with_the_retention_of_closed_cases(engine: Engine, rules: Rules) -> None:
    make_world(engine, rules)
    data.referral(engine, team="jt-noord", referrer="dr-bakker", received=local(2026, 4, 21))
    queue_digests(engine, rules, monday=W17, now=SENT)
    with UnitOfWork(engine) as uow:
        assert uow.reported.get(scope="jt-noord", week="2026-W17") is not None
    report = retention.purge(UnitOfWork(engine), now=local(2028, 6, 1), retention_days=365)
    assert report.rows.get("reported_digests", 0) >= 1
    with UnitOfWork(engine) as uow:
        assert uow.reported.get(scope="jt-noord", week="2026-W17") is None
