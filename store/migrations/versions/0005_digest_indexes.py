"""digest: indexes for the municipal digest's aggregates

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN_SENT = "closed_at IS NULL AND sent_at IS NOT NULL"


def upgrade() -> None:
    # All teams over a week or twelve: a range of received_at, not one team's range.
    op.create_index("ix_referrals_received", "referrals", ["received_at"])
    op.create_index(
        "ix_satisfaction_answered",
        "satisfaction",
        ["answered_at"],
        postgresql_where=sa.text("score IS NOT NULL"),
        sqlite_where=sa.text("score IS NOT NULL"),
    )
    op.create_index(
        "ix_escalations_open",
        "escalations",
        ["team_id"],
        postgresql_where=sa.text("resolved_at IS NULL"),
        sqlite_where=sa.text("resolved_at IS NULL"),
    )
    # Questions sent and not yet answered, counted per team through their referral.
    op.create_index(
        "ix_prompts_open_sent",
        "prompts",
        ["referral_id"],
        postgresql_where=sa.text(OPEN_SENT),
        sqlite_where=sa.text(OPEN_SENT),
    )
    op.create_index(
        "ix_handovers_open_due",
        "handovers",
        ["due_at"],
        postgresql_where=sa.text("closed_at IS NULL"),
        sqlite_where=sa.text("closed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_handovers_open_due", table_name="handovers")
    op.drop_index("ix_prompts_open_sent", table_name="prompts")
    op.drop_index("ix_escalations_open", table_name="escalations")
    op.drop_index("ix_satisfaction_answered", table_name="satisfaction")
    op.drop_index("ix_referrals_received", table_name="referrals")
