"""tenants: many municipalities in one installation, isolated by row-level security

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-06 22:30:00

Every table with tenant data gets `tenant_id` (existing rows: the tenant `default`, which
this migration creates). Numbering, job runs and reported digests are kept per tenant; a
case reference is unique within its tenant. `teams_conversations.tenant_id` was the
Microsoft 365 tenant of the conversation: it is renamed `aad_tenant_id`.

On PostgreSQL every tenant table gets a row-level security policy on the per-transaction
setting `terugkoppel.tenant` (store/tenancy.py sets it at the start of each transaction),
forced for the table's owner too: a connection without the setting sees and writes no
tenant rows. `api_keys` is read before the tenant is known (the key's hash finds it) and has
no policy; it holds hashes and names, no tenant data. The audit chain becomes one chain per
tenant: the trigger links a row to the tenant's previous row, and the purge removes and
anchors one tenant's oldest rows.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import SAWarning

revision = "0018"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLES = (
    "organisations",
    "teams",
    "people",
    "contact_assignments",
    "absences",
    "on_call",
    "guide_entries",
    "cases",
    "case_counters",
    "referrals",
    "prompts",
    "handovers",
    "escalations",
    "status_updates",
    "outbox",
    "teams_conversations",
    "referrer_requests",
    "checkins",
    "satisfaction",
    "consultations",
    "job_runs",
    "api_idempotency",
    "audit",
    "audit_anchor",
    "api_keys",
    "reported_digests",
    "webhooks",
    "webhook_attempts",
)
NO_POLICY = {"api_keys"}  # read by a key's hash, before the tenant is known
# (table, its primary key's columns from now on)
REKEYED = (
    ("case_counters", ("tenant_id", "prefix")),
    ("job_runs", ("tenant_id", "name", "period")),
    ("reported_digests", ("tenant_id", "scope", "week")),
)
REKEYED_TABLES = {table for table, _ in REKEYED}
LOCK = 74203  # the audit writers' advisory lock space (0011)

POLICY = """
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON {table}
    USING (tenant_id = current_setting('terugkoppel.tenant', true))
    WITH CHECK (tenant_id = current_setting('terugkoppel.tenant', true));
"""

# The delivery of the outbox claims every tenant's due messages (store/tenancy.py, DELIVERY).
DELIVERY_POLICY = """
CREATE POLICY delivery ON outbox
    USING (current_setting('terugkoppel.tenant', true) = '*')
    WITH CHECK (current_setting('terugkoppel.tenant', true) = '*');
"""

PG_CHAIN = """
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock({lock}, hashtext({schema_literal} || '/' || NEW.tenant_id));
    NEW.id := nextval({sequence_literal});
    NEW.at := clock_timestamp();
    SELECT hash INTO previous FROM audit WHERE tenant_id = NEW.tenant_id
        ORDER BY id DESC LIMIT 1;
    IF previous IS NULL THEN
        SELECT last_hash INTO previous FROM audit_anchor WHERE tenant_id = NEW.tenant_id
            ORDER BY id DESC LIMIT 1;
    END IF;
    NEW.prev_hash := coalesce(previous, repeat('0', 64));
    NEW.hash := encode(sha256(convert_to(concat_ws('|',
        'v1',
        NEW.prev_hash,
        audit_field(to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        audit_field(NEW.event),
        audit_field(NEW.case_ref),
        audit_field(NEW.actor),
        audit_field(NEW.on_behalf_of),
        audit_field(NEW.recipient),
        audit_field(NEW.channel),
        audit_field(NEW.basis),
        audit_field(NEW.message_key)
    ), 'UTF8')), 'hex');
    RETURN NEW;
END
$$
"""

PG_PURGE = """
CREATE OR REPLACE FUNCTION terugkoppel_purge_audit(before timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    tenant text := current_setting('terugkoppel.tenant', true);
    first_young bigint;
    last_id bigint;
    last_hash text;
    purged integer;
BEGIN
    IF tenant IS NULL OR tenant = '' THEN
        RETURN 0;
    END IF;
    -- Five years by the database's clock, whatever the caller asks.
    before := least(before, now() - interval '5 years');
    PERFORM pg_advisory_xact_lock({lock}, hashtext({schema_literal} || '/' || tenant));
    -- The tenant's oldest rows only, up to the first that is young enough to stay: its
    -- chain keeps one start, and a gap anywhere else stays a break.
    SELECT min(id) INTO first_young FROM audit WHERE tenant_id = tenant AND at >= before;
    SELECT id, hash INTO last_id, last_hash FROM audit
        WHERE tenant_id = tenant AND (first_young IS NULL OR id < first_young)
        ORDER BY id DESC LIMIT 1;
    IF last_id IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM audit WHERE tenant_id = tenant AND id <= last_id;
    GET DIAGNOSTICS purged = ROW_COUNT;
    INSERT INTO audit_anchor (tenant_id, purged_at, last_id, last_hash, rows)
        VALUES (tenant, clock_timestamp(), last_id, last_hash, purged);
    RETURN purged;
END
$$
"""


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    op.create_table(
        "tenants",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "tenant_identities",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"]),
        sa.PrimaryKeyConstraint("kind", "external_id"),
    )
    op.create_index("ix_tenant_identities_tenant_id", "tenant_identities", ["tenant_id"])
    op.execute(
        "INSERT INTO tenants (id, name, settings, created_at) "
        "VALUES ('default', 'default', '{}', CURRENT_TIMESTAMP)"
    )
    # The Microsoft 365 tenant of a Teams conversation keeps its meaning under its own name.
    op.execute("ALTER TABLE teams_conversations RENAME COLUMN tenant_id TO aad_tenant_id")
    for table in TABLES:
        # Plain ADD COLUMN on SQLite too: a batch copy would drop the audit's triggers.
        op.add_column(
            table,
            sa.Column(
                "tenant_id",
                sa.String(length=64),
                nullable=False,
                server_default="default",
            ),
        )
        if table not in REKEYED_TABLES:  # (a key that starts with tenant_id serves those)
            op.create_index(f"ix_{table}_tenant_id", table, ["tenant_id"])
    for table, after in REKEYED:
        if postgresql:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, list(after))
        else:  # SQLite: the table is copied with tenant_id added to its key
            with warnings.catch_warnings():
                # SQLAlchemy notes that the copy's key differs from the old one: it should.
                warnings.simplefilter("ignore", SAWarning)
                with op.batch_alter_table(table, recreate="always") as batch:
                    batch.create_primary_key(f"{table}_pkey", list(after))
    if postgresql:
        op.drop_constraint("cases_ref_key", "cases", type_="unique")
        op.create_unique_constraint("uq_cases_tenant_ref", "cases", ["tenant_id", "ref"])
    else:
        naming = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
        with op.batch_alter_table("cases", naming_convention=naming) as batch:
            batch.drop_constraint("uq_cases_ref", type_="unique")
            batch.create_unique_constraint("uq_cases_tenant_ref", ["tenant_id", "ref"])
    if postgresql:
        _postgresql_policies(bind)


def _postgresql_policies(bind: sa.Connection) -> None:
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    sequence = bind.execute(
        sa.text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": f'"{schema}".audit'}
    ).scalar_one()
    names = {
        "schema": bind.dialect.identifier_preparer.quote_identifier(schema),
        "schema_literal": _literal(schema),
        "sequence_literal": _literal(sequence),
        "lock": LOCK,
    }
    op.execute(PG_CHAIN.format(**names))
    op.execute(PG_PURGE.format(**names))
    for table in TABLES:
        if table not in NO_POLICY:
            op.execute(POLICY.format(table=table))
    op.execute(DELIVERY_POLICY)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def downgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    others = bind.execute(sa.text("SELECT count(*) FROM tenants WHERE id <> 'default'"))
    if others.scalar_one():
        raise RuntimeError("more than one tenant: 0018 cannot go back without losing data")
    if postgresql:
        op.execute("DROP POLICY delivery ON outbox")
        for table in TABLES:
            if table not in NO_POLICY:
                op.execute(f"DROP POLICY tenant_isolation ON {table}")
                op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
                op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        _restore_one_chain(bind)
        op.drop_constraint("uq_cases_tenant_ref", "cases", type_="unique")
        op.create_unique_constraint("cases_ref_key", "cases", ["ref"])
        for table, after in REKEYED:
            op.drop_constraint(f"{table}_pkey", table, type_="primary")
            op.create_primary_key(f"{table}_pkey", table, [c for c in after if c != "tenant_id"])
    else:
        with op.batch_alter_table("cases") as batch:
            batch.drop_constraint("uq_cases_tenant_ref", type_="unique")
            batch.create_unique_constraint("uq_cases_ref", ["ref"])
        for table, after in REKEYED:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SAWarning)
                with op.batch_alter_table(table, recreate="always") as batch:
                    batch.drop_column("tenant_id")
                    batch.create_primary_key(
                        f"{table}_pkey", [c for c in after if c != "tenant_id"]
                    )
    for table in TABLES:
        if table not in REKEYED_TABLES:
            op.drop_index(f"ix_{table}_tenant_id", table_name=table)
        if postgresql or table not in REKEYED_TABLES:
            # Plain DROP COLUMN (SQLite 3.35+): a batch copy would drop the audit's triggers.
            op.execute(f"ALTER TABLE {table} DROP COLUMN tenant_id")
    op.execute("ALTER TABLE teams_conversations RENAME COLUMN aad_tenant_id TO tenant_id")
    op.drop_index("ix_tenant_identities_tenant_id", table_name="tenant_identities")
    op.drop_table("tenant_identities")
    op.drop_table("tenants")


def _restore_one_chain(bind: sa.Connection) -> None:
    """The audit chain and purge of 0011: one chain for the whole installation."""
    path = Path(__file__).with_name("0011_audit_chain.py")
    spec = importlib.util.spec_from_file_location("terugkoppel_migration_0011", path)
    assert spec is not None and spec.loader is not None
    earlier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(earlier)
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    sequence = bind.execute(
        sa.text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": f'"{schema}".audit'}
    ).scalar_one()
    names = {
        "schema": bind.dialect.identifier_preparer.quote_identifier(schema),
        "schema_literal": _literal(schema),
        "sequence_literal": _literal(sequence),
        "lock": LOCK,
    }
    op.execute(earlier.PG_CHAIN.format(**names))
    op.execute(earlier.PG_PURGE.format(**names))
