"""frozen weeks: the figures of each reported digest, so a reported week stays as sent

Revision ID: 0017
Revises: 0012
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reported_digests",
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("week", sa.String(length=20), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "week"),
    )
    op.create_index("ix_reported_digests_reported_at", "reported_digests", ["reported_at"])


def downgrade() -> None:
    op.drop_index("ix_reported_digests_reported_at", table_name="reported_digests")
    op.drop_table("reported_digests")
