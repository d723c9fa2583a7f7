"""link_uses: signed e-mail links that have been used (single use)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_uses",
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nonce"),
    )
    op.create_index("ix_link_uses_used_at", "link_uses", ["used_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_link_uses_used_at", table_name="link_uses")
    op.drop_table("link_uses")
