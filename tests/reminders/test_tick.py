"""The tick's due prompts: batches of plain rows, several workers at once, one bad row."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, insert, select

from bot.app.directory.importer import import_directory
from bot.domain.rules import Rules
from reminders.jobs.due import process_due_prompts
from reminders.scheduler import run_due_work
from store.schema.cases import Case, Prompt, Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork

DIRECTORY = Path(__file__).parents[2] / "bot" / "main" / "demo" / "oosterwaard.yaml"
# Tuesday 24 November 2026, 10:00 in Amsterdam: a working day, in office hours.
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SENT = NOW - timedelta(days=1)
HOLDERS = ("anna", "carla", "bram")

postgres_only = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


def seed_due_prompts(engine: Engine, count: int) -> None:
    """`count` assigned referrals in jt-noord, each with a feedback prompt sent yesterday
    and due now for its first reminder."""
    with open(DIRECTORY, encoding="utf-8") as handle:
        import_directory(UnitOfWork(engine), yaml.safe_load(handle), now=NOW - timedelta(days=60))
    ids = range(1, count + 1)
    with engine.begin() as connection:
        connection.execute(
            insert(Case.__table__),  # type: ignore[attr-defined]
            [
                {"id": i, "ref": f"JT-NRD-T-{i}", "team_id": "jt-noord", "created_at": SENT}
                for i in ids
            ],
        )
        connection.execute(
            insert(Referral.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": i,
                    "case_id": i,
                    "team_id": "jt-noord",
                    "referrer_id": "dr-bakker",
                    "consent": "status",
                    "urgent": False,
                    "source": "api",
                    "status": "assigned",
                    "assignee_id": HOLDERS[i % 3],
                    "received_at": SENT,
                    "feedback_due_at": SENT + timedelta(days=7),
                    "assigned_at": SENT,
                }
                for i in ids
            ],
        )
        connection.execute(
            insert(Prompt.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": i,
                    "referral_id": i,
                    "kind": "feedback",
                    "person_id": HOLDERS[i % 3],
                    "state": "open",
                    "created_at": SENT,
                    "next_action_at": NOW - timedelta(minutes=1),
                    "sent_at": SENT,
                    "reminders_sent": 0,
                }
                for i in ids
            ],
        )


def prompts(engine: Engine) -> dict[int, tuple[str, int]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Prompt.id, Prompt.state, Prompt.reminders_sent))
        return {id_: (state, sent) for id_, state, sent in rows if id_ is not None}


def reminder_keys(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(OutboxMessage.key)).scalars())


def test_every_due_prompt_gets_its_reminder_once_across_batches(
    engine: Engine, rules: Rules
) -> None:
    seed_due_prompts(engine, 130)
    assert process_due_prompts(engine, rules, now=NOW, batch=50) == 130
    assert set(prompts(engine).values()) == {("reminded", 1)}
    keys = reminder_keys(engine)
    assert len(keys) == len(set(keys)) == 130
    assert {key.split(":")[2] for key in keys} == {"reminder1"}
    # Nothing is due any more: a second pass changes nothing.
    assert process_due_prompts(engine, rules, now=NOW, batch=50) == 0
    assert len(reminder_keys(engine)) == 130


def test_a_bad_prompt_is_skipped_and_its_batch_still_goes_out(
    engine: Engine, rules: Rules, caplog: pytest.LogCaptureFixture
) -> None:
    """A row no rung applies to (an intake prompt snoozed: cannot be) fails its batch; the
    batch is redone one prompt per transaction, so only that prompt stays behind."""
    seed_due_prompts(engine, 30)
    with engine.begin() as connection:
        connection.execute(
            Prompt.__table__.update()  # type: ignore[attr-defined]
            .where(Prompt.__table__.c.id == 7)  # type: ignore[attr-defined]
            .values(kind="intake", state="snoozed")
        )
    assert process_due_prompts(engine, rules, now=NOW, batch=10) == 29
    states = prompts(engine)
    assert states.pop(7) == ("snoozed", 0)
    assert set(states.values()) == {("reminded", 1)}
    assert len(reminder_keys(engine)) == 29
    assert "prompt 7: its next step failed" in caplog.text


@postgres_only
def test_two_workers_ticking_at_once_take_each_prompt_once(engine: Engine, rules: Rules) -> None:
    """Two replicas' ticks side by side, each with its two lanes: FOR UPDATE SKIP LOCKED
    hands every due prompt to exactly one of them."""
    seed_due_prompts(engine, 1200)
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(run_due_work, engine, rules, now=NOW) for _ in range(2)]
        handled = [run.result()[0] for run in runs]
    assert sum(handled) == 1200
    assert set(prompts(engine).values()) == {("reminded", 1)}
    keys = reminder_keys(engine)
    assert len(keys) == len(set(keys)) == 1200
