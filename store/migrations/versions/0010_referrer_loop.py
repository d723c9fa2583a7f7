"""referrer loop: requests to referrers, check-ins, the vaste overleg

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referrer_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("requested_by", sa.String(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_action_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminders_sent", sa.Integer(), nullable=False),
        sa.Column("answered_by", sa.String(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"]),
        sa.ForeignKeyConstraint(["requested_by"], ["people.id"]),
        sa.ForeignKeyConstraint(["answered_by"], ["people.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_referrer_requests_referral_id", "referrer_requests", ["referral_id"])
    op.create_index(
        "ix_referrer_requests_due",
        "referrer_requests",
        ["next_action_at"],
        postgresql_where=sa.text("closed_at IS NULL"),
        sqlite_where=sa.text("closed_at IS NULL"),
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referral_id"),
    )
    op.create_index(
        "ix_checkins_due",
        "checkins",
        ["due_at"],
        postgresql_where=sa.text("asked_at IS NULL AND closed_at IS NULL"),
        sqlite_where=sa.text("asked_at IS NULL AND closed_at IS NULL"),
    )
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(), nullable=False),
        sa.Column("partner_id", sa.String(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("at", sa.String(length=5), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("next_on", sa.Date(), nullable=False),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.ForeignKeyConstraint(["partner_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "partner_id"),
    )
    op.create_index("ix_consultations_due", "consultations", ["remind_at"])


def downgrade() -> None:
    op.drop_index("ix_consultations_due", table_name="consultations")
    op.drop_table("consultations")
    op.drop_index("ix_checkins_due", table_name="checkins")
    op.drop_table("checkins")
    op.drop_index("ix_referrer_requests_due", table_name="referrer_requests")
    op.drop_index("ix_referrer_requests_referral_id", table_name="referrer_requests")
    op.drop_table("referrer_requests")
