"""handover events: handovers to partner organisations with a proposed joint meeting and a
decline reason; the referral keeps the team that received it; a declined referral keeps its
reason and the better place

Revision ID: 0013
Revises: 0015
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0015"
branch_labels = None
depends_on = None

_PARTIAL = (("ix_handovers_due", "next_action_at"), ("ix_handovers_open_due", "due_at"))


def _partial_indexes_again() -> None:
    """A table copy on SQLite may lose the WHERE of a partial index: made again as it was."""
    names = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("handovers")}
    for name, column in _PARTIAL:
        if name in names:
            op.drop_index(name, table_name="handovers")
        op.create_index(
            name,
            "handovers",
            [column],
            postgresql_where=sa.text("closed_at IS NULL"),
            sqlite_where=sa.text("closed_at IS NULL"),
        )


def _park_escalations() -> None:
    """SQLite copies `handovers` to change it; dropping the old table while escalations
    refer to it breaks their foreign key for good. The escalations wait in a temporary table
    meanwhile, and come back with their own ids."""
    op.execute("CREATE TEMP TABLE parked_escalations AS SELECT * FROM escalations")
    op.execute("DELETE FROM escalations")


def _unpark_escalations() -> None:
    op.execute("INSERT INTO escalations SELECT * FROM parked_escalations")
    op.execute("DROP TABLE parked_escalations")


# The prompts name the regisseur now ({lead}); a prompt still waiting in the outbox gets it.
_PROMPT_KEYS = (
    "prompt.feedback",
    "prompt.followup",
    "prompt.reminder",
    "prompt.on_behalf",
    "prompt.escalation",
)
_NOBODY = {"nl": "nog niemand", "en": "nobody yet"}


def _lead_in_waiting_prompts() -> None:
    bind = op.get_bind()
    outbox = sa.table(
        "outbox",
        sa.column("id", sa.Integer),
        sa.column("message_key", sa.String),
        sa.column("params", sa.JSON),
        sa.column("case_ref", sa.String),
        sa.column("language", sa.String),
        sa.column("sent_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(outbox.c.id, outbox.c.params, outbox.c.case_ref, outbox.c.language).where(
            outbox.c.sent_at.is_(None), outbox.c.message_key.in_(_PROMPT_KEYS)
        )
    ).all()
    find = sa.text(
        "SELECT people.name FROM cases JOIN people ON people.id = cases.lead_id "
        "WHERE cases.ref = :ref"
    )
    for id_, params, case_ref, language in rows:
        name = bind.execute(find, {"ref": case_ref}).scalar() if case_ref else None
        lead = name or _NOBODY.get(language or "nl", _NOBODY["nl"])
        bind.execute(
            outbox.update()
            .where(outbox.c.id == id_)
            .values(params={**(params or {}), "lead": lead})
        )


# The waiting times count a referral for the team that received it (store/repos/waits.py):
# 0014's (team, milestone, working days) indexes become (intake team, milestone, days).
_WAIT_INDEXES = {
    "contact": ("contact_made_at", "contact_made_days"),
    "intake": ("intake_planned_at", "intake_planned_days"),
    "help": ("help_started_at", "help_started_days"),
}


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Plain ADD COLUMN on referrals (SQLite would have to copy the table every case row
    # refers to).
    op.add_column("referrals", sa.Column("intake_team_id", sa.String(length=64), nullable=True))
    op.add_column("referrals", sa.Column("decline_reason", sa.String(length=30), nullable=True))
    op.add_column("referrals", sa.Column("redirect_to", sa.String(length=64), nullable=True))
    op.execute("UPDATE referrals SET intake_team_id = team_id")
    op.create_index(
        "ix_referrals_intake_team_received", "referrals", ["intake_team_id", "received_at"]
    )
    for leg, columns in _WAIT_INDEXES.items():
        op.drop_index(f"ix_referrals_team_{leg}", table_name="referrals")
        op.create_index(f"ix_referrals_intake_{leg}", "referrals", ["intake_team_id", *columns])
    if sqlite:
        _park_escalations()
    with op.batch_alter_table("handovers") as batch:
        batch.alter_column("to_team_id", existing_type=sa.String(), nullable=True)
        batch.add_column(sa.Column("to_organisation_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reason", sa.String(length=30), nullable=True))
        batch.create_foreign_key(
            "fk_handovers_to_organisation_id", "organisations", ["to_organisation_id"], ["id"]
        )
    if sqlite:
        _partial_indexes_again()
        _unpark_escalations()
    _lead_in_waiting_prompts()
    op.create_table(
        "guide_entries",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("helps_with", sa.String(length=300), nullable=False),
        sa.Column("how_to_refer", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.drop_table("guide_entries")
    op.execute(
        "DELETE FROM escalations WHERE handover_id IN "
        "(SELECT id FROM handovers WHERE to_team_id IS NULL)"
    )
    op.execute("DELETE FROM handovers WHERE to_team_id IS NULL")
    if sqlite:
        _park_escalations()
    with op.batch_alter_table("handovers") as batch:
        batch.drop_constraint("fk_handovers_to_organisation_id", type_="foreignkey")
        batch.drop_column("reason")
        batch.drop_column("meeting_at")
        batch.drop_column("to_organisation_id")
        batch.alter_column("to_team_id", existing_type=sa.String(), nullable=False)
    if sqlite:
        _partial_indexes_again()
        _unpark_escalations()
    for leg, columns in _WAIT_INDEXES.items():
        op.drop_index(f"ix_referrals_intake_{leg}", table_name="referrals")
        op.create_index(f"ix_referrals_team_{leg}", "referrals", ["team_id", *columns])
    op.drop_index("ix_referrals_intake_team_received", table_name="referrals")
    op.drop_column("referrals", "redirect_to")
    op.drop_column("referrals", "decline_reason")
    op.drop_column("referrals", "intake_team_id")
