"""Migration 0013 on a database with handovers and escalations in it: nothing is lost, the
referral keeps the team that received it, and it goes back down."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from store.db import alembic_config, make_engine, upgrade

ROWS = [
    "INSERT INTO organisations (id, name, kind) VALUES ('hap', 'HAP', 'gp')",
    "INSERT INTO teams (id, name, case_prefix) VALUES ('a', 'Team A', 'JT-A')",
    "INSERT INTO teams (id, name, case_prefix) VALUES ('b', 'Team B', 'JT-B')",
    "INSERT INTO people (id, name, organisation_id, roles, active, language) "
    "VALUES ('dr', 'Dr', 'hap', 'referrer', true, 'nl')",
    "INSERT INTO people (id, name, team_id, roles, active, language) "
    "VALUES ('anna', 'Anna', 'a', 'professional', true, 'nl')",
    "INSERT INTO cases (id, ref, team_id) VALUES (1, 'JT-A-2026-0001', 'a')",
    "INSERT INTO referrals (id, public_id, case_id, team_id, referrer_id, consent, urgent, "
    "source, status, received_at, feedback_due_at) VALUES (1, 'p1', 1, 'a', 'dr', 'none', "
    "false, 'api', 'received', '2026-11-02 09:00:00+00', '2026-11-09 09:00:00+00')",
    "INSERT INTO handovers (id, referral_id, from_team_id, to_team_id, warm, requested_by, "
    "state, requested_at, due_at, reminders_sent) VALUES (1, 1, 'a', 'b', false, 'anna', "
    "'escalated', '2026-11-03 09:00:00+00', '2026-11-05 09:00:00+00', 2)",
    "INSERT INTO outbox (key, conversation, person_id, language, message_key, params, "
    "actions, case_ref, created_at, not_before, attempts) VALUES ('p1', 'person:anna', 'anna', "
    "'nl', 'prompt.feedback', '{\"case_ref\": \"JT-A-2026-0001\"}', '[]', 'JT-A-2026-0001', "
    "'2026-11-03 09:00:00+00', '2026-11-03 09:00:00+00', 0)",
    "UPDATE cases SET lead_id = 'anna'",
    "INSERT INTO escalations (kind, team_id, referral_id, handover_id, created_at) "
    "VALUES ('handover', 'a', 1, 1, '2026-11-10 09:00:00+00')",
]


def test_0013_keeps_handovers_and_escalations_and_goes_back(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0012")
        with engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement))
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT intake_team_id FROM referrals")).all() == [
                ("a",)
            ]
            assert connection.execute(
                text("SELECT id, to_team_id, to_organisation_id FROM handovers")
            ).all() == [(1, "b", None)]
            assert connection.execute(text("SELECT handover_id FROM escalations")).all() == [(1,)]
        command.downgrade(alembic_config(engine), "-1")  # 0013 only
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM handovers")).scalar() == 1
        upgrade(engine)
    finally:
        engine.dispose()
