"""teams: conversation references per person and per team channel

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("service_url", sa.String(length=300), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=True),
        sa.Column("user_aad_id", sa.String(length=64), nullable=True),
        sa.Column("user_id", sa.String(length=200), nullable=True),
        sa.Column("team_id", sa.String(length=300), nullable=True),
        sa.Column("person_id", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id"),
    )
    op.create_index("ix_teams_conversations_user_aad_id", "teams_conversations", ["user_aad_id"])
    op.create_index("ix_teams_conversations_person_id", "teams_conversations", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_teams_conversations_person_id", table_name="teams_conversations")
    op.drop_index("ix_teams_conversations_user_aad_id", table_name="teams_conversations")
    op.drop_table("teams_conversations")
