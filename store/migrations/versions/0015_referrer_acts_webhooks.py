"""referrer acts and webhooks: a referral's withdrawal, status webhooks per organisation and
their delivery log

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: SQLite would otherwise copy `referrals`, which others refer to.
    op.add_column("referrals", sa.Column("withdrawn_at", sa.DateTime(timezone=True)))
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.String(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_webhooks_organisation_id", "webhooks", ["organisation_id"])
    op.create_table(
        "webhook_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["webhook_id"], ["webhooks.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_webhook_attempts_webhook_id", "webhook_attempts", ["webhook_id"])
    op.create_index("ix_webhook_attempts_at", "webhook_attempts", ["at"])


def downgrade() -> None:
    op.drop_index("ix_webhook_attempts_at", table_name="webhook_attempts")
    op.drop_index("ix_webhook_attempts_webhook_id", table_name="webhook_attempts")
    op.drop_table("webhook_attempts")
    op.drop_index("ix_webhooks_organisation_id", table_name="webhooks")
    op.drop_table("webhooks")
    op.drop_column("referrals", "withdrawn_at")  # SQLite 3.35+ drops a column in place
