"""waiting times and stalled care: per-team norms, milestone working days, the last status
change, snoozes in a row

Revision ID: 0014
Revises: 0017
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0017"
branch_labels = None
depends_on = None

_TEAM_NORMS = ("feedback_norm", "snooze_cap", "help_start_days", "stale_days", "repage_minutes")
_MILESTONE_DAYS = ("contact_made_days", "intake_planned_days", "help_started_days")
# (team, milestone, working days): the waiting-time percentiles read the index only
_INDEXES = {
    "ix_referrals_team_contact": ("contact_made_at", "contact_made_days"),
    "ix_referrals_team_intake": ("intake_planned_at", "intake_planned_days"),
    "ix_referrals_team_help": ("help_started_at", "help_started_days"),
    "ix_referrals_team_changed": ("status_changed_at",),
}


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): SQLite would have to drop tables others refer to.
    for name in _TEAM_NORMS:
        op.add_column("teams", sa.Column(name, sa.Integer(), nullable=True))
    for name in _MILESTONE_DAYS:
        op.add_column("referrals", sa.Column(name, sa.Integer(), nullable=True))
    op.add_column(
        "referrals", sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("prompts", sa.Column("snoozes", sa.Integer(), nullable=False, server_default="0"))
    # The last status change of existing referrals: milestones only move forward, so the
    # latest one stamped is the first non-empty in reverse order. (The working days to each
    # milestone need the holiday calendar and are not back-filled: waiting times count the
    # milestones reached from this version on; see docs/decisions.md.)
    op.execute(
        "UPDATE referrals SET status_changed_at = COALESCE(declined_at, closed_at, "
        "handed_over_at, help_started_at, intake_planned_at, contact_made_at, assigned_at, "
        "received_at)"
    )
    for index, columns in _INDEXES.items():
        op.create_index(index, "referrals", ["team_id", *columns])
    op.create_index("ix_escalations_referral", "escalations", ["referral_id"])


def downgrade() -> None:
    op.drop_index("ix_escalations_referral", table_name="escalations")
    for index in _INDEXES:
        op.drop_index(index, table_name="referrals")
    op.drop_column("prompts", "snoozes")  # SQLite 3.35+ drops a column in place
    op.drop_column("referrals", "status_changed_at")
    for name in _MILESTONE_DAYS:
        op.drop_column("referrals", name)
    for name in _TEAM_NORMS:
        op.drop_column("teams", name)
