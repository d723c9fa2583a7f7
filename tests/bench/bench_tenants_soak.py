"""The 50-municipality soak (issue 22, point 6): 50 tenants, each with its own directory, and a
year of data (1,000,000 referrals, ~3,000 a working day) in one PostgreSQL database; then

(a) the empty tick over all tenants, (b) the busy Monday tick (09:00, the weekend's questions
and the weekly digests of every tenant due), (c) the municipal digest per tenant, (d) the
row-level security overhead (the same queries as the application role with the tenant set
versus as the superuser with only the tenant filter), (e) REST intake across tenants against
`terugkoppel serve --no-scheduler`, one and two replicas.

    .venv/bin/python tests/bench/bench_tenants_soak.py [--tenants 50] [--referrals 1000000]

Prints one JSON object. Needs PostgreSQL on 127.0.0.1:5432 as postgres (SOAK_ADMIN_URL); makes
the database `soak` and the role `soak_app`, and leaves them for a look afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import Engine, create_engine, text

from bot.app.apikeys import create_key
from bot.app.digest import regional
from bot.app.digest.figures import compute
from bot.app.tenants import list_tenants, tenant_scope
from bot.domain.rules import Rules
from reminders.scheduler import run_tick
from store.db import make_engine, upgrade
from store.uow import UnitOfWork
from tests.bench.soak_intake import intake
from tests.bench.soak_seed import make_tenants, seed_year, tenant_id

ADMIN = os.environ.get("SOAK_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DATABASE = "soak"
APP_ROLE, APP_PASSWORD = "soak_app", "soak-app-password"
RULES = Rules()
# Monday 30 November 2026, 09:00 in Amsterdam; the empty tick runs the Friday before, 17:00.
MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
DIGEST_WEEK = date(2026, 11, 23)


def urls() -> tuple[str, str]:
    base = ADMIN.rsplit("/", 1)[0]
    app = base.replace("postgres@", f"{APP_ROLE}:{APP_PASSWORD}@", 1)
    return f"{base}/{DATABASE}", f"{app}/{DATABASE}"


def fresh_database() -> tuple[Engine, Engine, str]:
    """The database migrated by the superuser, and the application role (no BYPASSRLS) with
    the rights deploy/postgres/roles.sql gives it."""
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        connection.execute(text(f"DROP ROLE IF EXISTS {APP_ROLE}"))
        connection.execute(text(f"CREATE DATABASE {DATABASE}"))
        connection.execute(
            text(
                f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{APP_PASSWORD}' NOSUPERUSER "
                "NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT"
            )
        )
    admin.dispose()
    super_url, app_url = urls()
    superuser = make_engine(super_url, pool_size=10)
    upgrade(superuser)
    with superuser.begin() as connection:
        for grant in (
            f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}",
            f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {APP_ROLE}",
        ):
            connection.execute(text(grant))
    return superuser, make_engine(app_url, pool_size=10), app_url


def counts(engine: Engine) -> dict[str, int]:
    tables = ("tenants", "people", "organisations", "referrals", "prompts", "outbox", "audit")
    with engine.connect() as connection:
        found = {
            t: int(connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in tables
        }
        found["open_prompts"] = int(
            connection.execute(
                text("SELECT count(*) FROM prompts WHERE closed_at IS NULL")
            ).scalar_one()
        )
        found["due_at_monday"] = int(
            connection.execute(
                text(
                    "SELECT count(*) FROM prompts WHERE closed_at IS NULL AND next_action_at <= :m"
                ),
                {"m": MONDAY},
            ).scalar_one()
        )
        found["database_bytes"] = int(
            connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        )
        sizes = connection.execute(
            text(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relname IN ('referrals','prompts','outbox','audit','cases') "
                "AND relkind = 'r'"
            )
        ).all()
    found.update({f"{name}_bytes": int(size) for name, size in sizes})
    return found


def tick(engine: Engine, now: datetime) -> tuple[float, Any]:
    started = time.perf_counter()
    report = asyncio.run(run_tick(engine, RULES, None, now=now, dispatch=False))  # type: ignore[arg-type]
    return time.perf_counter() - started, report


def summary(values: list[float], digits: int = 1, scale: float = 1000.0) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered) * scale, digits),
        "p95": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * scale, digits),
        "max": round(ordered[-1] * scale, digits),
        "n": len(ordered),
    }


def digests(engine: Engine, tenants: list[str]) -> dict[str, Any]:
    times = []
    for tenant in tenants:
        with tenant_scope(tenant):
            started = time.perf_counter()
            compute(
                UnitOfWork(engine), RULES, team=None, monday=DIGEST_WEEK, now=MONDAY, municipal=True
            )
            times.append(time.perf_counter() - started)
    started = time.perf_counter()  # the regional aggregate: every municipality's figures
    listed = [t for t in list_tenants(UnitOfWork(engine)) if t.id in tenants]
    regional.compute(
        lambda tenant: UnitOfWork(engine, tenant=tenant),
        RULES,
        tenants=listed,
        monday=DIGEST_WEEK,
        now=MONDAY,
    )
    return {
        "municipal_digest_ms": summary(times),
        "regional_digest_s": round(time.perf_counter() - started, 2),
        "regional_municipalities": len(listed),
    }


# (d) the same statements, tenant filter written out; as the app role RLS adds its own.
QUERIES = {
    "referral_by_id": "SELECT * FROM referrals WHERE tenant_id = :t AND id = :rid",
    "due_prompts": "SELECT id FROM prompts WHERE tenant_id = :t AND closed_at IS NULL "
    "AND next_action_at <= :now ORDER BY next_action_at LIMIT 500",
    "digest_week_by_team": "SELECT intake_team_id, count(*), count(first_feedback_at) "
    "FROM referrals WHERE tenant_id = :t AND received_at >= :week AND received_at < :week_end "
    "GROUP BY intake_team_id",
    "overview_open_work": "SELECT r.id, r.status, r.received_at, p.next_action_at "
    "FROM referrals r LEFT JOIN prompts p ON p.referral_id = r.id AND p.closed_at IS NULL "
    "WHERE r.tenant_id = :t AND r.team_id = :team AND r.status IN "
    "('received','assigned','contact_made','intake_planned') "
    "ORDER BY r.received_at DESC LIMIT 100",
}


def rls_overhead(superuser: Engine, app: Engine, tenants: list[str], rounds: int) -> dict[str, Any]:
    week = datetime(2026, 11, 23, tzinfo=UTC)
    out: dict[str, Any] = {}
    for name, sql in QUERIES.items():
        timings: dict[str, list[float]] = {"app_role_rls": [], "superuser_filter_only": []}
        for label, engine in (("superuser_filter_only", superuser), ("app_role_rls", app)):
            with engine.connect() as connection:
                for i in range(rounds):
                    tenant = tenants[i % len(tenants)]
                    with connection.begin():
                        connection.execute(
                            text("SELECT set_config('terugkoppel.tenant', :t, true)"), {"t": tenant}
                        )
                        rid = connection.execute(
                            text("SELECT id FROM referrals WHERE tenant_id = :t LIMIT 1 OFFSET :o"),
                            {"t": tenant, "o": (i * 37) % 1000},
                        ).scalar()
                        params = {
                            "t": tenant,
                            "rid": rid,
                            "now": MONDAY,
                            "week": week,
                            "week_end": week + timedelta(days=7),
                            "team": f"{tenant}-team-{1 + i % 3}",
                        }
                        started = time.perf_counter()
                        connection.execute(text(sql), params).all()
                        if i >= 5:  # the first rounds warm the caches
                            timings[label].append(time.perf_counter() - started)
        app_median = statistics.median(timings["app_role_rls"])
        super_median = statistics.median(timings["superuser_filter_only"])
        out[name] = {
            "app_role_rls_ms": round(app_median * 1000, 3),
            "superuser_filter_only_ms": round(super_median * 1000, 3),
            "ratio": round(app_median / super_median, 2),
        }
    out["ratio_geometric_mean"] = round(
        statistics.geometric_mean([v["ratio"] for v in out.values() if isinstance(v, dict)]), 2
    )
    return out


def api_keys(engine: Engine, tenants: list[str]) -> list[tuple[str, str]]:
    keys = []
    for tenant in tenants:
        with tenant_scope(tenant):
            keys.append(
                (
                    tenant,
                    create_key(
                        UnitOfWork(engine), name=f"{tenant}-bench-{os.getpid()}", now=MONDAY
                    ),
                )
            )
    return keys


def machine() -> dict[str, Any]:
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(handle.readline().split()[1])
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(total_kb / 1024 / 1024, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=50)
    parser.add_argument("--referrals", type=int, default=1_000_000)
    parser.add_argument("--empty-ticks", type=int, default=20)
    parser.add_argument("--rls-rounds", type=int, default=200)
    parser.add_argument("--requests", type=int, default=300, help="REST requests per level")
    parser.add_argument("--skip-rest", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure the existing database")
    parser.add_argument("--seed", action="store_true", help="with --reuse: seed the year first")
    args = parser.parse_args()
    result: dict[str, Any] = {"machine_at_start": machine()}
    if args.reuse:  # the database of an earlier run, as it was left (measurements only)
        super_url, app_url = urls()
        superuser, app = make_engine(super_url, pool_size=10), make_engine(app_url, pool_size=10)
        tenants = [tenant_id(k) for k in range(1, args.tenants + 1)]
        if args.seed:  # an earlier run stopped after the directories
            started = time.perf_counter()
            seed_year(
                superuser, tenants=args.tenants, referrals=args.referrals, now=FRIDAY, due=MONDAY
            )
            result["seed_seconds"] = round(time.perf_counter() - started, 1)
    else:
        superuser, app, app_url = fresh_database()
        started = time.perf_counter()
        tenants = make_tenants(superuser, args.tenants, now=MONDAY - timedelta(days=400))
        result["directories_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        seed_year(superuser, tenants=args.tenants, referrals=args.referrals, now=FRIDAY, due=MONDAY)
        result["seed_seconds"] = round(time.perf_counter() - started, 1)
    result["rows"] = counts(superuser)
    print(json.dumps(result), file=sys.stderr, flush=True)  # progress, in case a step fails

    first, _ = tick(app, FRIDAY)  # the day's once-a-day jobs (coverage, stalls, retention)
    result["first_tick_of_the_day_seconds"] = round(first, 2)
    result["empty_tick_ms"] = summary([tick(app, FRIDAY)[0] for _ in range(args.empty_ticks)])
    busy, report = tick(app, MONDAY)
    result["busy_monday_tick"] = {
        "seconds": round(busy, 2),
        "prompts": report.prompts,
        "handovers": report.handovers,
        "digests_queued": report.digests,
        "stalls": report.stalls,
        "coverage": report.coverage,
    }
    result["tick_after_monday_ms"] = round(tick(app, MONDAY + timedelta(minutes=1))[0] * 1000, 1)
    result["digest"] = digests(app, tenants)
    result["rls_overhead"] = rls_overhead(superuser, app, tenants, args.rls_rounds)
    if not args.skip_rest:
        keys = api_keys(superuser, tenants)
        result["rest_intake"] = {
            f"{replicas}_replica": intake(app_url, keys, replicas=replicas, requests=args.requests)
            for replicas in (1, 2)
        }
    result["machine_at_end"] = machine()
    superuser.dispose()
    app.dispose()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
