"""The soak's data (tests/bench/bench_tenants_soak.py): many municipalities, each with its own
directory (imported like `terugkoppel import --tenant`), and a year of referrals made by the
database itself (generate_series, as superuser: row-level security does not bind it).

Every id is prefixed by its tenant (`g07-…`); case prefixes repeat across tenants (each
municipality numbers its own). The audit's chain trigger is switched off while the bulk rows
go in (their hashes are stand-ins: the soak measures load, not the chain)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot.app.directory.importer import import_directory
from bot.app.tenants import create_tenant, tenant_scope
from store.uow import UnitOfWork

TEAMS = 3
PROFESSIONALS = 7  # per team; the first of each team is its coordinator
REFERRERS = 10
ORGANISATIONS = 20
KINDS = ("gp", "school", "police", "care")


def tenant_id(k: int) -> str:
    return f"g{k:02d}"


def directory(k: int) -> dict[str, list[dict[str, Any]]]:
    """One municipality: 3 teams, 21 professionals, 10 referrers, 20 partner organisations."""
    t = tenant_id(k)
    organisations = [
        {"id": f"{t}-org-{o}", "name": f"Partner {o} van {t}", "kind": KINDS[o % len(KINDS)]}
        for o in range(1, ORGANISATIONS + 1)
    ]
    teams = [
        {"id": f"{t}-team-{n}", "name": f"Team {n}", "case_prefix": f"T{n}"}
        for n in range(1, TEAMS + 1)
    ]
    people: list[dict[str, Any]] = []
    for n in range(1, TEAMS + 1):
        for p in range(1, PROFESSIONALS + 1):
            roles = ["professional", "coordinator"] if p == 1 else ["professional"]
            people.append(
                {
                    "id": f"{t}-pro-{n}-{p}",
                    "name": f"Medewerker {n}.{p}",
                    "email": f"pro{n}{p}@{t}.example",
                    "team": f"{t}-team-{n}",
                    "roles": roles,
                    "slack": f"U{k:02d}P{n}{p}",
                }
            )
    for r in range(1, REFERRERS + 1):
        people.append(
            {
                "id": f"{t}-ref-{r}",
                "name": f"Verwijzer {r}",
                "email": f"ref{r}@{t}.example",
                "organisation": f"{t}-org-{r}",
                "roles": ["referrer"],
            }
        )
    contacts = [
        {
            "team": f"{t}-team-{n}",
            "partner": f"{t}-org-{o}",
            "primary": f"{t}-pro-{n}-{1 + o % PROFESSIONALS}",
            "backup": f"{t}-pro-{n}-{1 + (o + 1) % PROFESSIONALS}",
        }
        for n in range(1, TEAMS + 1)
        for o in range(1, ORGANISATIONS + 1)
    ]
    return {"organisations": organisations, "teams": teams, "people": people, "contacts": contacts}


def make_tenants(engine: Engine, count: int, *, now: datetime) -> list[str]:
    ids = []
    for k in range(1, count + 1):
        t = tenant_id(k)
        create_tenant(
            UnitOfWork(engine), id=t, name=f"Gemeente {k}", now=now, slack=(f"TG{k:02d}",)
        )
        with tenant_scope(t):
            import_directory(UnitOfWork(engine), directory(k), now=now)
        ids.append(t)
    return ids


# The bulk rows. :tenants tenants, :n referrals spread over the working days before :now;
# r is a temporary table with one row per referral and everything derived from it.
PLAN = """
CREATE TEMP TABLE days AS
    SELECT row_number() OVER (ORDER BY d) AS i, d
    FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') d
    WHERE extract(isodow FROM d) < 6;
CREATE TEMP TABLE r AS
SELECT g AS id,
       'g' || lpad((1 + g % :tenants)::text, 2, '0') AS tenant,
       1 + (g / :tenants) % 3 AS team_no,
       1 + (g / 7) % 10 AS referrer_no,
       1 + (g / 3) % 7 AS pro_no,
       (SELECT d FROM days WHERE i = 1 + (g * 7919) % (SELECT count(*) FROM days))
           + interval '7 hours' + make_interval(secs => (g * 104729) % 32400) AS received,
       (g * 31) % 100 AS pct
FROM generate_series(CAST(1 AS bigint), CAST(:n AS bigint)) g;
ALTER TABLE r ADD COLUMN age interval;
UPDATE r SET age = CAST(:now AS timestamptz) - received;
ALTER TABLE r ADD COLUMN status text;
UPDATE r SET status = CASE
    WHEN age > interval '90 days' THEN CASE WHEN pct < 85 THEN 'closed' WHEN pct < 92
        THEN 'declined' WHEN pct < 95 THEN 'withdrawn' ELSE 'handed_over' END
    WHEN age > interval '30 days' THEN CASE WHEN pct < 50 THEN 'closed' WHEN pct < 75
        THEN 'help_started' WHEN pct < 90 THEN 'intake_planned' WHEN pct < 95
        THEN 'declined' ELSE 'withdrawn' END
    WHEN age > interval '3 days' THEN CASE WHEN pct < 30 THEN 'assigned' WHEN pct < 60
        THEN 'contact_made' WHEN pct < 85 THEN 'intake_planned' ELSE 'help_started' END
    ELSE CASE WHEN pct < 20 THEN 'received' ELSE 'assigned' END END;
CREATE INDEX ON r (id);
ANALYZE r;
"""

ROWS = """
INSERT INTO cases (id, tenant_id, ref, team_id, created_at, closed_at)
SELECT id, tenant, 'T' || team_no || '-2026-' || id, tenant || '-team-' || team_no, received,
       CASE WHEN status IN ('closed','declined','withdrawn') THEN received + interval '40 days' END
FROM r;
INSERT INTO referrals (id, tenant_id, public_id, case_id, team_id, intake_team_id, referrer_id,
    consent, urgent, source, status, assignee_id, received_at, feedback_due_at,
    first_feedback_at, first_feedback_working_days, assigned_at, contact_made_at,
    contact_made_days, intake_planned_at, intake_planned_days, help_started_at,
    help_started_days, closed_at, declined_at, withdrawn_at, handed_over_at, status_changed_at)
SELECT id, tenant, 'soak' || id, id, tenant || '-team-' || team_no, tenant || '-team-' || team_no,
    tenant || '-ref-' || referrer_no, 'status', pct < 3, 'api', status,
    CASE WHEN status <> 'received' THEN tenant || '-pro-' || team_no || '-' || pro_no END,
    received, received + interval '7 days',
    CASE WHEN status NOT IN ('received','assigned') THEN received + interval '3 days' END,
    CASE WHEN status NOT IN ('received','assigned') THEN 3 END,
    CASE WHEN status <> 'received' THEN received + interval '2 hours' END,
    CASE WHEN status NOT IN ('received','assigned','declined') THEN received + interval '3 days' END,
    CASE WHEN status NOT IN ('received','assigned','declined') THEN 3 END,
    CASE WHEN status IN ('intake_planned','help_started','closed') THEN received + interval '10 days' END,
    CASE WHEN status IN ('intake_planned','help_started','closed') THEN 8 END,
    CASE WHEN status IN ('help_started','closed') THEN received + interval '20 days' END,
    CASE WHEN status IN ('help_started','closed') THEN 14 END,
    CASE WHEN status = 'closed' THEN received + interval '40 days' END,
    CASE WHEN status = 'declined' THEN received + interval '2 days' END,
    CASE WHEN status = 'withdrawn' THEN received + interval '5 days' END,
    CASE WHEN status = 'handed_over' THEN received + interval '15 days' END,
    received + interval '3 days'
FROM r;
-- One feedback question per referral: closed, except the young open referrals'; of those a
-- quarter is due at the busy Monday's start (the weekend's), the rest later in the week.
INSERT INTO prompts (id, tenant_id, referral_id, kind, person_id, state, created_at,
    next_action_at, sent_at, reminders_sent, answer, answered_at, closed_at)
SELECT id, tenant, id, 'feedback', tenant || '-pro-' || team_no || '-' || pro_no,
    CASE WHEN open THEN 'open' ELSE 'answered' END, received,
    CASE WHEN NOT open THEN NULL
         WHEN id % 4 = 0 THEN CAST(:due AS timestamptz) - make_interval(secs => id % 3600)
         ELSE CAST(:due AS timestamptz) + make_interval(days => CAST(1 + id % 4 AS int)) END,
    received, CASE WHEN open THEN 1 ELSE 0 END,
    CASE WHEN open THEN NULL ELSE 'contact_made' END,
    CASE WHEN open THEN NULL ELSE received + interval '3 days' END,
    CASE WHEN open THEN NULL ELSE received + interval '3 days' END
FROM (SELECT *, status IN ('received','assigned') AND age < interval '14 days' AS open FROM r) x;
INSERT INTO handovers (tenant_id, referral_id, from_team_id, to_team_id, requested_by, state,
    requested_at, due_at, next_action_at, closed_at, warm, reminders_sent)
SELECT tenant, id, tenant || '-team-' || team_no, tenant || '-team-' || (1 + team_no % 3),
    tenant || '-pro-' || team_no || '-1', 'requested', received, received + interval '3 days',
    received + interval '3 days', received + interval '2 days', false, 0
FROM r WHERE id % 100 = 0;
INSERT INTO escalations (tenant_id, kind, team_id, referral_id, created_at, resolved_at)
SELECT tenant, 'prompt', tenant || '-team-' || team_no, id, received + interval '5 days',
    CASE WHEN age > interval '10 days' THEN received + interval '6 days' END
FROM r WHERE id % 50 = 0;
INSERT INTO satisfaction (tenant_id, referral_id, team_id, referrer_kind, channel, asked_at,
    answered_at, score)
SELECT tenant, id, tenant || '-team-' || team_no, 'gp', 'email', received + interval '40 days',
    CASE WHEN pct < 70 THEN received + interval '41 days' END,
    CASE WHEN pct < 70 THEN 1 + (id * 7) % 10 END
FROM r WHERE status = 'closed' AND id % 10 < 3;
-- The outbox: the receipt to the referrer and the question to the professional, sent.
INSERT INTO outbox (tenant_id, key, conversation, person_id, language, message_key, params,
    actions, referral_id, case_ref, created_at, not_before, attempts, sent_at, channel)
SELECT tenant, 'soak:' || id || ':' || m, 'person:' || person, person, 'nl',
    CASE WHEN m = 1 THEN 'referral.receipt' ELSE 'prompt.feedback' END,
    '{"case_ref": "T1-2026-1", "team": "Team 1"}', '[]', id, 'T' || team_no || '-2026-' || id,
    received, received, 1, received + interval '1 minute', 'email'
FROM (SELECT r.*, m, CASE WHEN m = 1 THEN tenant || '-ref-' || referrer_no
        ELSE tenant || '-pro-' || team_no || '-' || pro_no END AS person
      FROM r CROSS JOIN generate_series(1, 2) m) x;
ALTER TABLE audit DISABLE TRIGGER USER;
INSERT INTO audit (id, tenant_id, at, event, case_ref, actor, recipient, channel, basis,
    message_key, prev_hash, hash)
SELECT nextval(pg_get_serial_sequence('audit', 'id')), tenant,
    received + make_interval(mins => m), 'disclosed', 'T' || team_no || '-2026-' || id,
    'system', tenant || '-ref-' || referrer_no, 'email', 'consent:status', 'referral.receipt',
    md5(id || ':' || m - 1) || md5(id::text), md5(id || ':' || m) || md5(id::text)
FROM r CROSS JOIN generate_series(1, 3) m;
ALTER TABLE audit ENABLE TRIGGER USER;
"""

SEQUENCES = ("cases", "referrals", "prompts")


def seed_year(
    engine: Engine, *, tenants: int, referrals: int, now: datetime, due: datetime
) -> None:
    """A year of referrals of every tenant up to `now`; the weekend's questions due at `due`."""
    first = (now - timedelta(days=365)).date()
    last = (now - timedelta(days=1)).date()
    params = {
        "tenants": tenants,
        "n": referrals,
        "first": first,
        "last": last,
        "now": now,
        "due": due,
    }
    with engine.begin() as connection:
        for statement in _statements(PLAN + ROWS):
            connection.execute(text(statement), _used(statement, params))
        for table in SEQUENCES:
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"), params
            )
        connection.execute(text("DROP TABLE r; DROP TABLE days"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _used(statement: str, params: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in params.items() if f":{k}" in statement}
