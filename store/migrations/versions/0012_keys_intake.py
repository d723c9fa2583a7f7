"""keys and intake: opaque public ids, the submitting key, case counters, idempotency keys

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_NUMBERED = re.compile(r"^(.+)-(\d+)$")


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX (no batch copy of the table): SQLite would have to
    # drop `referrals`, which every case table refers to. public_id stays nullable in the
    # table; the model always fills it, and the unique index keeps it unique.
    op.add_column("referrals", sa.Column("public_id", sa.String(length=24), nullable=True))
    op.add_column("referrals", sa.Column("submitted_by", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    referrals = sa.table("referrals", sa.column("id", sa.Integer), sa.column("public_id"))
    ids = [row[0] for row in bind.execute(sa.select(referrals.c.id))]
    for id_ in ids:  # old rows get an opaque id too
        bind.execute(
            referrals.update()
            .where(referrals.c.id == id_)
            .values(public_id=secrets.token_urlsafe(12))
        )
    op.create_index("ix_referrals_public_id", "referrals", ["public_id"], unique=True)

    counters = op.create_table(
        "case_counters",
        sa.Column("prefix", sa.String(length=40), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix"),
    )
    # Seeded from the cases there are: the highest number per prefix and year.
    last: dict[str, int] = {}
    for (ref,) in bind.execute(sa.text("SELECT ref FROM cases")):
        found = _NUMBERED.match(ref or "")
        if found:
            prefix, number = found.group(1), int(found.group(2))
            last[prefix] = max(last.get(prefix, 0), number)
    if last:
        op.bulk_insert(counters, [{"prefix": p, "last": n} for p, n in sorted(last.items())])

    op.create_table(
        "api_idempotency",
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"]),
        sa.PrimaryKeyConstraint("client", "key"),
    )
    op.create_index("ix_api_idempotency_referral_id", "api_idempotency", ["referral_id"])
    op.create_index("ix_api_idempotency_created_at", "api_idempotency", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_api_idempotency_created_at", table_name="api_idempotency")
    op.drop_index("ix_api_idempotency_referral_id", table_name="api_idempotency")
    op.drop_table("api_idempotency")
    op.drop_table("case_counters")
    op.drop_index("ix_referrals_public_id", table_name="referrals")
    op.drop_column("referrals", "submitted_by")  # SQLite 3.35+ drops a column in place
    op.drop_column("referrals", "public_id")
