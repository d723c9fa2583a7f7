"""tenant moves: a referral handed over to a team of another tenant (a youth who moves)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 02:00:00

One row per move, seen by both tenants: on PostgreSQL its policy admits the giving and the
receiving tenant (and no other), so the row holds procedural facts only. The tick finds
a tenant's moves by the index on either side (moves are few).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

POLICY = """
ALTER TABLE tenant_moves ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_moves FORCE ROW LEVEL SECURITY;
CREATE POLICY both_sides ON tenant_moves
    USING (current_setting('terugkoppel.tenant', true) IN (from_tenant_id, to_tenant_id))
    WITH CHECK (current_setting('terugkoppel.tenant', true) IN (from_tenant_id, to_tenant_id));
"""


def upgrade() -> None:
    op.create_table(
        "tenant_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_tenant_id", sa.String(length=64), nullable=False),
        sa.Column("from_case_ref", sa.String(length=40), nullable=False),
        sa.Column("to_tenant_id", sa.String(length=64), nullable=False),
        sa.Column("to_team_id", sa.String(length=64), nullable=False),
        sa.Column("to_case_ref", sa.String(length=40), nullable=True),
        sa.Column("to_referral_id", sa.Integer(), nullable=True),
        sa.Column("consent", sa.String(length=10), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("warm", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["from_tenant_id"], ["tenants.id"]),
        sa.ForeignKeyConstraint(["to_tenant_id"], ["tenants.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tenant_moves_from_tenant_id", "tenant_moves", ["from_tenant_id"])
    op.create_index("ix_tenant_moves_to_tenant_id", "tenant_moves", ["to_tenant_id"])
    op.create_index("ix_tenant_moves_to_referral_id", "tenant_moves", ["to_referral_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POLICY)


def downgrade() -> None:
    op.drop_table("tenant_moves")  # (its policy goes with it)
