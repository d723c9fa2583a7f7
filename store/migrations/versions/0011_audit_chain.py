"""audit chain: a hash chain over the audit rows, server-set times, no truncated refusals

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 09:00:00

Every audit row gets `prev_hash` and `hash` (store/audit_chain.py). The rows that exist are
chained here, in id order. `basis` becomes TEXT: a refusal naming four kinds of personal data
("note:bsn+telefoonnummer+e-mailadres+postcode") no longer fits 40 characters, and PostgreSQL
refused the whole audit row.

On PostgreSQL a BEFORE INSERT trigger makes the id, the time (clock_timestamp()) and the chain
the database's, whatever an INSERT says, so the application's role cannot backdate a row or
forge a link even with its own SQL; one writer at a time holds an advisory lock, so replicas
keep the chain a line. Retention purges audit rows through terugkoppel_purge_audit(before),
a SECURITY DEFINER function owned by the schema owner: the application's role needs no DELETE
on audit. The purge removes the oldest rows only (a prefix in id order) and records in
audit_anchor the hash of the last row it removed, where the chain now starts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# First key of the two-key advisory lock space for the audit writers (store/locks.py uses
# 74202 for the cluster jobs, store/migrations/env.py 74201 in the one-key space).
LOCK = 74203
GENESIS = "0" * 64
FIELDS = (
    "event",
    "case_ref",
    "actor",
    "on_behalf_of",
    "recipient",
    "channel",
    "basis",
    "message_key",
)

PG_FIELD = """
CREATE OR REPLACE FUNCTION audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '~' ELSE length(value)::text || ':' || value END
$$
"""
# The canonical form of store/audit_chain.py, to the byte.
PG_CHAIN = """
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_advisory_xact_lock({lock}, hashtext({schema_literal}));
    NEW.id := nextval({sequence_literal});
    NEW.at := clock_timestamp();
    SELECT hash INTO previous FROM audit ORDER BY id DESC LIMIT 1;
    IF previous IS NULL THEN
        SELECT last_hash INTO previous FROM audit_anchor ORDER BY id DESC LIMIT 1;
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
PG_CHAIN_TRIGGER = (
    "CREATE TRIGGER audit_chain BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_chain()"
)
PG_PURGE = """
CREATE OR REPLACE FUNCTION terugkoppel_purge_audit(before timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    first_young bigint;
    last_id bigint;
    last_hash text;
    purged integer;
BEGIN
    -- Five years by the database's clock, whatever the caller asks.
    before := least(before, now() - interval '5 years');
    PERFORM pg_advisory_xact_lock({lock}, hashtext({schema_literal}));
    -- The oldest rows only, up to the first that is young enough to stay: the chain keeps
    -- one start, and a gap anywhere else stays a break.
    SELECT min(id) INTO first_young FROM audit WHERE at >= before;
    SELECT id, hash INTO last_id, last_hash FROM audit
        WHERE first_young IS NULL OR id < first_young
        ORDER BY id DESC LIMIT 1;
    IF last_id IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM audit WHERE id <= last_id;
    GET DIAGNOSTICS purged = ROW_COUNT;
    INSERT INTO audit_anchor (purged_at, last_id, last_hash, rows)
        VALUES (clock_timestamp(), last_id, last_hash, purged);
    RETURN purged;
END
$$
"""
# Only the owner may change the audit trail: whoever else was granted UPDATE, DELETE or
# TRUNCATE on audit (or any write on audit_anchor; the guide's default privileges grant them
# to the application's role) loses it, and whoever may write audit rows may purge old ones
# through the owner's function. Grants by role, so no role name is written here.
PG_GRANTS = """
DO $$
DECLARE
    grantee_name text;
BEGIN
    FOR grantee_name IN
        SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                             ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid IN ('audit'::regclass, 'audit_anchor'::regclass)
          AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM %s', grantee_name);
        EXECUTE format(
            'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_anchor FROM %s', grantee_name
        );
    END LOOP;
    FOR grantee_name IN
        SELECT DISTINCT quote_ident(pg_get_userbyid(a.grantee))
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = 'audit'::regclass AND a.privilege_type = 'INSERT'
          AND a.grantee <> c.relowner AND a.grantee <> 0
    LOOP
        EXECUTE format(
            'GRANT EXECUTE ON FUNCTION terugkoppel_purge_audit(timestamptz) TO %s', grantee_name
        );
    END LOOP;
END
$$
"""
SQLITE_NO_UPDATE = (
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE refused'); END"
)


def _field(value: str | None) -> str:
    return "~" if value is None else f"{len(value)}:{value}"


def _hash(row: Mapping[str, Any], prev_hash: str) -> str:
    """store/audit_chain.py's v1 form, frozen here as it was when these rows were chained."""
    at = row["at"]
    if not isinstance(at, datetime):
        at = datetime.fromisoformat(str(at))
    if at.tzinfo is None:  # SQLite keeps UTC without an offset
        at = at.replace(tzinfo=UTC)
    moment = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    parts = ["v1", prev_hash, _field(moment), *(_field(row[name]) for name in FIELDS)]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def _chain_existing_rows(bind: sa.Connection) -> None:
    audit = sa.table(
        "audit",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime(timezone=True)),
        *(sa.column(name, sa.String()) for name in FIELDS),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    previous = GENESIS
    rows = bind.execute(sa.select(audit).order_by(audit.c.id)).all()
    for row in rows:
        current = _hash(row._mapping, previous)
        bind.execute(
            sa.update(audit).where(audit.c.id == row.id).values(prev_hash=previous, hash=current)
        )
        previous = current


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    # Plain ADD COLUMN on SQLite too: a batch copy would drop the append-only triggers.
    op.add_column("audit", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit", sa.Column("hash", sa.String(length=64), nullable=True))
    if postgresql:
        op.alter_column("audit", "basis", type_=sa.Text(), existing_nullable=True)
    # (SQLite does not enforce a VARCHAR's length: nothing was ever cut there.)
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    if postgresql:
        op.execute("ALTER TABLE audit DISABLE TRIGGER audit_no_update")
        _chain_existing_rows(bind)
        op.execute("ALTER TABLE audit ENABLE TRIGGER audit_no_update")
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        sequence = bind.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, 'id')"),
            {"table": f'"{schema}".audit'},
        ).scalar_one()
        names = {
            "schema": bind.dialect.identifier_preparer.quote_identifier(schema),
            "schema_literal": _literal(schema),
            "sequence_literal": _literal(sequence),
            "lock": LOCK,
        }
        # The trigger gives every row its id, in the order the chain is written.
        op.execute("ALTER TABLE audit ALTER COLUMN id DROP DEFAULT")
        op.execute(PG_FIELD)
        op.execute(PG_CHAIN.format(**names))
        op.execute(PG_CHAIN_TRIGGER)
        op.execute(PG_PURGE.format(**names))
        op.execute("REVOKE ALL ON FUNCTION terugkoppel_purge_audit(timestamptz) FROM PUBLIC")
        op.execute(PG_GRANTS)
    else:
        op.execute("DROP TRIGGER audit_no_update")
        _chain_existing_rows(bind)
        op.execute(SQLITE_NO_UPDATE)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS terugkoppel_purge_audit(timestamptz)")
        op.execute("DROP TRIGGER IF EXISTS audit_chain ON audit")
        op.execute("DROP FUNCTION IF EXISTS audit_chain()")
        op.execute("DROP FUNCTION IF EXISTS audit_field(text)")
        sequence = bind.execute(sa.text("SELECT pg_get_serial_sequence('audit', 'id')")).scalar()
        op.execute(f"ALTER TABLE audit ALTER COLUMN id SET DEFAULT nextval({_literal(sequence)})")
        op.alter_column(
            "audit",
            "basis",
            type_=sa.String(length=40),
            existing_nullable=True,
            postgresql_using="left(basis, 40)",
        )
        op.drop_column("audit", "hash")
        op.drop_column("audit", "prev_hash")
    else:
        op.execute("ALTER TABLE audit DROP COLUMN hash")
        op.execute("ALTER TABLE audit DROP COLUMN prev_hash")
    op.drop_table("audit_anchor")
