"""Digest benchmark on PostgreSQL: 500,000 referrals over 12 teams and 14 months.

Times `bot.app.digest.figures.compute` (every figure of the digest, all aggregates in SQL) for the
municipal digest and for each team's, then renders text and CSV. Targets: municipal
≤ 2 s, team ≤ 200 ms. Prints JSON. Run: `.venv/bin/python tests/bench/bench_digest.py`
(TEST_DATABASE_URL or the local server; its own schema, dropped afterwards).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.app.digest.figures import compute
from bot.app.digest.render import as_text
from bot.app.digest.sheet import as_csv
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.bench.seed import PG_URL, fresh_schema, migrated_engine

SCHEMA = "bench_digest"
REFERRALS = 500_000
TEAMS = 12
FIRST = datetime(2025, 9, 1, tzinfo=UTC)
LAST = datetime(2026, 11, 15, tzinfo=UTC)
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # Monday: the digest of week 2026-W46
MONDAY = date(2026, 11, 9)
RUNS = 5
RULES = Rules()


def seed(engine: Engine) -> None:
    """Teams, coordinators and contact pairs, then the bulk rows by generate_series."""
    span = (LAST - FIRST).total_seconds()
    params = {"n": REFERRALS, "first": FIRST, "span": span, "teams": TEAMS}
    statements = [
        "INSERT INTO teams (id, name, case_prefix) SELECT 'team-' || lpad(t::text, 2, '0'),"
        " 'Team ' || t, 'T' || t FROM generate_series(1, :teams) t",
        "INSERT INTO people (id, name, team_id, roles, language, active)"
        " SELECT 'coord-' || t, 'Coordinator ' || t, 'team-' || lpad(t::text, 2, '0'),"
        " 'professional coordinator', 'nl', true FROM generate_series(1, :teams) t",
        "INSERT INTO contact_assignments (team_id, partner_id, primary_id, backup_id)"
        " SELECT 'team-' || lpad(t::text, 2, '0'), o.id, 'coord-' || t,"
        " CASE WHEN t % 4 = 0 THEN NULL ELSE 'coord-' || t END"
        " FROM generate_series(1, :teams) t CROSS JOIN organisations o",
        # Referrals: uniform over the span, a referrer of each kind, 90 % with feedback.
        "CREATE TEMP TABLE r AS SELECT g AS id,"
        " 'team-' || lpad((1 + g % :teams)::text, 2, '0') AS team,"
        " (ARRAY['dr-bakker','ib-smits','wijkagent-vos'])[1 + (g / 7) % 3] AS referrer,"
        " :first + make_interval(secs => random() * :span) AS received,"
        " (random() * 9)::int AS days, random() < 0.9 AS answered"
        " FROM generate_series(1, :n) g",
        "INSERT INTO cases (id, ref, team_id, created_at)"
        " SELECT id, 'B-' || id, team, received FROM r",
        "INSERT INTO referrals (id, case_id, team_id, referrer_id, consent, urgent, source,"
        " status, received_at, feedback_due_at, first_feedback_at,"
        " first_feedback_working_days)"
        " SELECT id, id, team, referrer, 'status', false, 'api', 'assigned', received,"
        " received + interval '7 days',"
        " CASE WHEN answered THEN received + make_interval(days => days + days / 5 * 2) END,"
        " CASE WHEN answered THEN days END FROM r",
        # Milestones (the waiting times): contact at the first feedback, two in three an
        # intake a week later, one in three help started a week after that.
        "UPDATE referrals SET contact_made_at = first_feedback_at,"
        " contact_made_days = first_feedback_working_days,"
        " intake_planned_at = CASE WHEN id % 3 <> 0 THEN first_feedback_at + interval '7 days' END,"
        " intake_planned_days = CASE WHEN id % 3 <> 0 THEN first_feedback_working_days + 5 END,"
        " help_started_at = CASE WHEN id % 3 = 1 THEN first_feedback_at + interval '14 days' END,"
        " help_started_days = CASE WHEN id % 3 = 1 THEN first_feedback_working_days + 10 END,"
        " status_changed_at = COALESCE(first_feedback_at, received_at)",
        # Prompts: one per referral of the last months; a fifth of them still open.
        "INSERT INTO prompts (referral_id, kind, person_id, state, created_at,"
        " next_action_at, sent_at, closed_at, reminders_sent)"
        " SELECT id, 'feedback', 'coord-1', 'open', received, received + interval '2 days',"
        " received, CASE WHEN id % 5 = 0 THEN NULL ELSE received + interval '3 days' END, 0"
        " FROM r WHERE received > :first + make_interval(secs => :span * 0.8)",
        # Handovers: 1 % of referrals; those of the last weeks partly still open.
        "INSERT INTO handovers (referral_id, from_team_id, to_team_id, requested_by, state,"
        " requested_at, due_at, next_action_at, closed_at, warm, reminders_sent)"
        " SELECT id, team, 'team-' || lpad((1 + (id + 1) % :teams)::text, 2, '0'), 'coord-1',"
        " 'requested', received, received + interval '3 days', received + interval '3 days',"
        " CASE WHEN received > :first + make_interval(secs => :span * 0.9) AND id % 3 = 0"
        " THEN NULL ELSE received + interval '2 days' END, false, 0 FROM r WHERE id % 100 = 0",
        # Escalations: 4 % of referrals, the recent ones open.
        "INSERT INTO escalations (kind, team_id, referral_id, created_at, resolved_at)"
        " SELECT 'prompt', team, id, received + interval '5 days',"
        " CASE WHEN received > :first + make_interval(secs => :span * 0.95) THEN NULL"
        " ELSE received + interval '6 days' END FROM r WHERE id % 25 = 0",
        # Satisfaction: asked for 30 % after closure, 70 % of those answered.
        "INSERT INTO satisfaction (referral_id, team_id, referrer_kind, channel, asked_at,"
        " answered_at, score)"
        " SELECT id, team, 'gp', 'email', received + interval '30 days',"
        " CASE WHEN id % 10 < 7 THEN received + interval '31 days' END,"
        " CASE WHEN id % 10 < 7 THEN 1 + (id * 7) % 10 END FROM r WHERE id % 10 < 3",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)
        for table in ("cases", "referrals"):
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), params
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def timed(engine: Engine, *, team: str | None, municipal: bool) -> tuple[float, str]:
    started = time.perf_counter()
    figures = compute(
        UnitOfWork(engine), RULES, team=team, monday=MONDAY, now=NOW, municipal=municipal
    )
    elapsed = time.perf_counter() - started
    return elapsed, as_text(figures) + as_csv(figures)


def timed_waits(engine: Engine, team: str) -> float:
    """The waiting-time figures alone (13 weeks, three milestones) of one team's digest."""
    start = datetime(2026, 8, 16, tzinfo=UTC)
    started = time.perf_counter()
    with UnitOfWork(engine) as uow:
        uow.waits.waits(team=team, start=start, end=NOW)
    return time.perf_counter() - started


def main() -> None:
    url = fresh_schema(SCHEMA)
    engine = migrated_engine(url)
    try:
        started = time.perf_counter()
        seed(engine)
        seeded = time.perf_counter() - started
        timed(engine, team=None, municipal=True)  # warm the caches and the connection
        municipal = [timed(engine, team=None, municipal=True)[0] for _ in range(RUNS)]
        teams = [f"team-{t:02d}" for t in range(1, TEAMS + 1)]
        per_team = [timed(engine, team=team, municipal=False)[0] for team in teams * 2]
        sample = timed(engine, team="team-01", municipal=False)[1]
        waits = [timed_waits(engine, team) for team in teams]
        with UnitOfWork(engine) as uow:
            rows = {
                table: int(uow.session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in ("referrals", "prompts", "handovers", "escalations", "satisfaction")
            }
        result = {
            "database": "postgresql",
            "rows": rows,
            "seed_seconds": round(seeded, 1),
            "municipal_digest_seconds": {
                "median": round(statistics.median(municipal), 3),
                "max": round(max(municipal), 3),
                "target": 2.0,
            },
            "team_digest_seconds": {
                "median": round(statistics.median(per_team), 3),
                "p90": round(statistics.quantiles(per_team, n=10)[-1], 3),
                "max": round(max(per_team), 3),
                "target": 0.2,
            },
            "team_waiting_times_seconds": {  # part of the team digest: 3 percentile pairs
                "median": round(statistics.median(waits), 3),
                "max": round(max(waits), 3),
            },
            "municipal_within_target": max(municipal) <= 2.0,
            "team_within_target": max(per_team) <= 0.2,
            "team_digest_lines": len(sample.splitlines()),
        }
        print(json.dumps(result, indent=2))
    finally:
        engine.dispose()
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
