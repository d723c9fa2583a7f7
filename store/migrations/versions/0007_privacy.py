"""privacy: API keys, who gave consent, an append-only audit table

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The audit table refuses UPDATE and TRUNCATE, and DELETE of any row younger than five
# years (the retention of NEN 7513). Even the service's own database role cannot rewrite
# history; only a superuser who drops the trigger can, and that is visible in the schema.
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.at < now() - interval '5 years' THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
PG_TRIGGERS = (
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
)
# SQLite has no TRUNCATE (a DELETE without WHERE fires the row trigger like any other).
SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE refused'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "WHEN OLD.at >= datetime('now', '-5 years') "
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only: DELETE refused'); END",
)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("lookup", sa.String(length=24), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("lookup"),
    )
    with op.batch_alter_table("referrals") as batch:
        batch.add_column(sa.Column("consent_given_by", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("consent_changed_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("audit_no_truncate", "audit_no_delete", "audit_no_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    else:
        for name in ("audit_no_delete", "audit_no_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("referrals") as batch:
        batch.drop_column("consent_changed_at")
        batch.drop_column("consent_given_by")
    op.drop_table("api_keys")
