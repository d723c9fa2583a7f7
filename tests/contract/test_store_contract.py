"""The store contract, one suite for SQLite and PostgreSQL (the `engine` fixture: PostgreSQL
when TEST_DATABASE_URL is set): what the repositories promise through `UnitOfWork`, written
through the use cases where there is one. Only `store.uow` and the outbox's own `Sent`
value are imported from the store; tables and repository modules are its business."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from bot.app import notify
from bot.app.directory.importer import import_directory
from bot.app.referrals import intake
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.outbox import Sent
from store.uow import UnitOfWork
from tests.world import DIRECTORY, local, make_world

NOW = datetime(2026, 4, 22, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


def enqueue(engine: Engine, key: str, conversation: str, *, at: datetime = NOW) -> bool:
    with UnitOfWork(engine) as uow:
        added = uow.outbox.enqueue(
            key=key,
            conversation=conversation,
            platform="slack",
            address=conversation.removeprefix("slack:"),
            message_key="teams.intake_channel",
            params={"team": key},
            created_at=at,
            not_before=at,
        )
        uow.commit()
    return added


def claim(engine: Engine, *, now: datetime = NOW, worker: str = "w1") -> list[Any]:
    with UnitOfWork(engine) as uow:
        claims = uow.outbox.claim_due(now=now, limit=100, lease_until=now + LEASE, worker=worker)
        uow.commit()
    return claims


def keys(claims: list[Any]) -> list[str]:
    return sorted(c.row.key for c in claims)


def record_sent(engine: Engine, claimed: Any, *, at: datetime = NOW, space: float = 0) -> None:
    row = claimed.row
    with UnitOfWork(engine) as uow:
        uow.outbox.mark_sent([Sent(row.id, row.conversation, at, "slack", f"C/{row.key}", space)])
        uow.commit()


# -- the outbox ------------------------------------------------------------------------------


def test_an_outbox_key_is_added_once_one_by_one_and_in_a_batch(engine: Engine) -> None:
    assert enqueue(engine, "a", "slack:C1") is True
    assert enqueue(engine, "a", "slack:C1") is False
    with UnitOfWork(engine) as uow:
        uow.outbox.collect()  # a batch: one statement, existing keys skipped by the database
        for key in ("a", "b", "b", "c"):
            uow.outbox.enqueue(
                key=key,
                conversation=f"slack:C{key}",
                message_key="teams.intake_channel",
                params={},
                created_at=NOW,
                not_before=NOW,
            )
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert [row.key for row in uow.outbox.all()] == ["a", "b", "c"]
        assert uow.outbox.exists(key="b") and not uow.outbox.exists(key="d")
        assert uow.outbox.pending_count() == 3


def test_only_the_head_of_each_conversation_is_claimed_and_never_twice(engine: Engine) -> None:
    for key, conversation in [("a1", "C1"), ("a2", "C1"), ("b1", "C2")]:
        enqueue(engine, key, f"slack:{conversation}")

    first = claim(engine)
    again = claim(engine, now=NOW + LEASE / 2, worker="w2")

    assert keys(first) == ["a1", "b1"]
    assert all(c.unconfirmed_since is None for c in first)
    assert again == []  # the lease holds: no other worker gets them, nor the queue's next


def test_an_expired_lease_is_taken_over_and_marked_unconfirmed(engine: Engine) -> None:
    enqueue(engine, "a1", "slack:C1")
    [first] = claim(engine)

    later = NOW + LEASE + timedelta(seconds=1)
    [taken] = claim(engine, now=later, worker="w2")

    assert taken.row.key == "a1" and taken.row.id == first.row.id
    assert taken.unconfirmed_since == NOW  # it may have arrived: ask the channel first


def test_a_sent_message_is_never_claimed_again_and_the_next_one_waits_its_space(
    engine: Engine,
) -> None:
    enqueue(engine, "a1", "slack:C1")
    enqueue(engine, "a2", "slack:C1")
    [head] = claim(engine)

    record_sent(engine, head, space=1.0)

    assert claim(engine) == []  # a2 waits the channel's second
    [following] = claim(engine, now=NOW + timedelta(seconds=1))
    assert following.row.key == "a2"
    with UnitOfWork(engine) as uow:
        row = uow.outbox.get(id=head.row.id)
        assert row is not None
        assert (row.sent_at, row.provider_message_id, row.attempts) == (NOW, "C/a1", 1)
        assert uow.outbox.pending_count() == 1


def test_a_deferred_message_comes_back_when_due_and_a_release_gives_it_back(
    engine: Engine,
) -> None:
    enqueue(engine, "a1", "slack:C1")
    [head] = claim(engine)
    until = NOW + timedelta(minutes=5)

    with UnitOfWork(engine) as uow:
        uow.outbox.defer(id=head.row.id, until=until, error="http_503", attempt=True)
        uow.commit()

    assert claim(engine, now=until - timedelta(seconds=1)) == []
    with UnitOfWork(engine) as uow:
        assert uow.outbox.next_due() == until
    [back] = claim(engine, now=until)
    assert back.row.attempts == 1
    with UnitOfWork(engine) as uow:  # a clean shutdown gives back what it held
        assert uow.outbox.release(worker="w1") == 1
        uow.commit()
    [released] = claim(engine, now=until, worker="w2")
    assert released.row.key == "a1"


# -- prompts ---------------------------------------------------------------------------------


def test_prompts_are_due_by_their_next_action_at(engine: Engine, rules: Rules) -> None:
    world = make_world(engine, rules)
    at = local(2026, 4, 22, 10)
    submitted = intake.submit_referral(
        world.uow(),
        rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-7781",
        consent=Consent.STATUS,
        now=at,
    )
    intake.take_referral(world.uow(), rules, referral_id=submitted.id, by="anna", now=at)
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=submitted.id)
    due = prompt.next_action_at
    assert due is not None and due > at

    def due_ids(now: datetime, skip: set[int] | None = None) -> list[int]:
        with UnitOfWork(engine) as uow:
            assert bool(uow.due.kinds(now=now).prompts) == (now >= due)
            return [row.id for row in uow.prompts.due_rows(now=now, limit=10, skip=skip)]

    assert due_ids(due - timedelta(seconds=1)) == []
    assert due_ids(due) == [prompt.id]
    assert due_ids(due, skip={prompt.id or 0}) == []


# -- audit -----------------------------------------------------------------------------------


def test_audit_rows_are_stamped_by_the_store_kept_in_order_and_cannot_be_changed(
    engine: Engine,
) -> None:
    # The callers pass a moment long ago: the rows carry the store's clock all the same
    # (issue 19: no caller may date an audit row; this test used to let them).
    before = datetime.now(UTC) - timedelta(seconds=5)
    for case_ref in ["JT-1", "JT-2", "JT-1"]:
        with UnitOfWork(engine) as uow:
            notify.audit(
                uow,
                event="disclosed",
                now=NOW,
                actor="terugkoppel",
                case_ref=case_ref,
                recipient="dr-bakker",
            )
            uow.commit()
    after = datetime.now(UTC) + timedelta(seconds=5)

    with UnitOfWork(engine) as uow:
        everything = uow.privacy.audit_rows(case_ref=None, start=None, end=None)
    times = [r.at for r in everything if r.at is not None]
    assert [r.case_ref for r in everything] == ["JT-1", "JT-2", "JT-1"]
    assert times == sorted(times) and len(set(times)) == 3
    assert all(before <= at <= after for at in times)
    with UnitOfWork(engine) as uow:
        one_case = uow.privacy.audit_rows(case_ref="JT-1", start=None, end=None)
        window = uow.privacy.audit_rows(case_ref=None, start=times[1], end=times[2])
    assert [r.at for r in one_case] == [times[0], times[2]]
    assert [r.case_ref for r in window] == ["JT-2"]
    with UnitOfWork(engine) as uow, pytest.raises(DBAPIError, match="append-only"):
        [row, *_] = uow.audit.all()
        row.actor = "someone else"
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert {row.actor for row in uow.audit.all()} == {"terugkoppel"}


# -- the directory, inbound events, jobs ------------------------------------------------------


def test_importing_the_same_directory_twice_changes_nothing_the_second_time(
    engine: Engine,
) -> None:
    data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    first = import_directory(UnitOfWork(engine), data, now=NOW)
    with UnitOfWork(engine) as uow:
        people = sorted(p.id for p in uow.directory.people())

    second = import_directory(UnitOfWork(engine), data, now=NOW + timedelta(days=1))

    assert first.created > 0
    assert (second.created, second.updated, second.left, second.removed) == (0, 0, 0, 0)
    assert second.unchanged == first.created
    with UnitOfWork(engine) as uow:
        assert sorted(p.id for p in uow.directory.people()) == people


def test_an_inbound_event_is_taken_once_until_forgotten_or_purged(engine: Engine) -> None:
    def first_time(key: str, now: datetime = NOW) -> bool:
        with UnitOfWork(engine) as uow:
            fresh = uow.inbound.first_time(key=key, now=now)
            uow.commit()
        return fresh

    assert first_time("slack:Ev1") is True
    assert first_time("slack:Ev1") is False  # the platform's retry
    with UnitOfWork(engine) as uow:  # it could not be applied: a retry may
        uow.inbound.forget(key="slack:Ev1")
        uow.commit()
    assert first_time("slack:Ev1") is True
    assert first_time("slack:Ev2", NOW + timedelta(days=2)) is True
    with UnitOfWork(engine) as uow:
        uow.inbound.purge(before=NOW + timedelta(days=1))
        uow.commit()
    assert first_time("slack:Ev1") is True  # purged: only old keys go
    assert first_time("slack:Ev2") is False


def test_a_job_period_is_marked_run_once(engine: Engine) -> None:
    for _ in range(2):
        with UnitOfWork(engine) as uow:
            uow.jobs.mark_run(name="retention", period="2026-04-22", now=NOW)
            uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.jobs.has_run(name="retention", period="2026-04-22")
        assert not uow.jobs.has_run(name="retention", period="2026-04-23")
