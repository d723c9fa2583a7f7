"""satisfaction: the referrer's score of the collaboration after closure

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satisfaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.String(), nullable=False),
        sa.Column("referrer_kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referral_id"),
        sa.CheckConstraint("score IS NULL OR score BETWEEN 1 AND 10", name="ck_satisfaction_score"),
    )
    op.create_index("ix_satisfaction_team_answered", "satisfaction", ["team_id", "answered_at"])


def downgrade() -> None:
    op.drop_index("ix_satisfaction_team_answered", table_name="satisfaction")
    op.drop_table("satisfaction")
