"""A youth who moves: a handover to a team of another municipality (issue 22, point 4).
Only procedural facts cross, each side audits its part, and a crash between the two sides
loses nothing. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from bot.app.cases import referral_by_case_ref
from bot.app.data import Data
from bot.app.directory.importer import import_directory
from bot.app.moves import apply_answers, receive_moves, start_move
from bot.app.referrals.decline import decline_referral
from bot.app.referrals.intake import take_referral
from bot.app.referrals.referrer_acts import withdraw
from bot.app.retention import purge
from bot.app.tenants import create_tenant, tenant_scope
from bot.domain.errors import HandoverPending, NotAllowed, UnknownPlace
from bot.domain.model import ReferralStatus
from bot.domain.moves import link_id
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from reminders.scheduler import run_due_work
from store.db import make_engine, upgrade
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt, Referral
from store.schema.delivery import OutboxMessage
from store.schema.directory import Person
from store.schema.tenants import TenantMove
from store.uow import UnitOfWork
from tests.bot.test_cli import no_traceback, run
from tests.bot.test_tenant_isolation import NOW, Two, auth, client, refer  # noqa: F401
from tests.tenant_world import OTHER, PREFIX, make_two
from tests.world import local

LATER = local(2026, 4, 23, 10)
STAND_IN = link_id("default", OTHER)


def move(engine: Engine, case_ref: str, **kwargs: Any) -> Any:
    args: dict[str, Any] = {"to_tenant": OTHER, "to_team": f"{PREFIX}jt-noord", "by": "anna"}
    args.update(kwargs)
    with tenant_scope("default"):
        return start_move(Data(engine), Rules(), case_ref=case_ref, now=NOW, **args)


def tick(engine: Engine, tenant: str) -> None:
    with tenant_scope(tenant):
        run_due_work(engine, Rules(), now=LATER)


def rows(engine: Engine, tenant: str, model: Any, *where: Any) -> list[Any]:
    with UnitOfWork(engine, tenant=tenant) as uow:
        return list(uow.session.exec(select(model).where(*where)).scalars())  # type: ignore[call-overload]


def audit_events(engine: Engine, tenant: str) -> list[str]:
    return [a.event for a in rows(engine, tenant, AuditEntry)]


def received(engine: Engine, case_ref: str) -> Referral:
    """The receiving side's referral of a moved case (the giving reference is its
    referrer's reference)."""
    (referral,) = rows(engine, OTHER, Referral, Referral.external_ref == case_ref)
    return referral


@pytest.fixture
def two(engine: Engine) -> Two:
    return Two(engine)


def test_a_move_makes_a_referral_there_with_the_procedural_facts_only(two: Two) -> None:
    engine, ref = two.engine, two.here.case_ref
    moved = move(engine, ref)
    assert moved.case_ref == ref and moved.to == "Jeugdteam Noord (Rivierdal) (Rivierdal)"
    there = received(engine, ref)
    assert (there.team_id, there.referrer_id, there.source) == (
        f"{PREFIX}jt-noord",
        STAND_IN,
        "move",
    )
    assert there.consent == "status" and moved.to_case_ref is not None
    # the giving municipality stands in as referrer: no address, nobody of the giving side
    (stand_in,) = rows(engine, OTHER, Person, Person.id == STAND_IN)
    assert (stand_in.name, stand_in.email, stand_in.slack_id, stand_in.teams_id) == (
        "default",
        None,
        None,
        None,
    )
    people = {p.id for p in rows(engine, OTHER, Person)}
    assert all(p.startswith((PREFIX, STAND_IN)) for p in people), people
    # the receiving team is asked who takes it; nothing is addressed to the stand-in
    outbox = rows(engine, OTHER, OutboxMessage, OutboxMessage.referral_id == there.id)
    assert [m.message_key for m in outbox] == ["intake.new"]
    assert all(STAND_IN not in m.conversation for m in outbox)
    assert "move_requested" in audit_events(engine, "default")
    assert "move_received" in audit_events(engine, OTHER)
    # the giving side waits: its referral has not moved yet
    (here,) = rows(engine, "default", Referral, Referral.id == two.here.id)
    assert here.status == ReferralStatus.ASSIGNED


def test_taken_on_there_the_case_is_handed_over_here_and_told_as_consent_allows(
    two: Two,
) -> None:
    engine, ref = two.engine, two.here.case_ref
    move(engine, ref)
    there = received(engine, ref)
    with tenant_scope(OTHER):
        take_referral(
            UnitOfWork(engine), Rules(), referral_id=there.id, by=f"{PREFIX}carla", now=NOW
        )
    (answer,) = rows(engine, OTHER, TenantMove)
    assert answer.state == "accepted" and answer.applied_at is None
    tick(engine, "default")
    (here,) = rows(engine, "default", Referral, Referral.id == two.here.id)
    assert here.status == ReferralStatus.HANDED_OVER
    assert not [
        p
        for p in rows(engine, "default", Prompt, Prompt.referral_id == here.id)
        if p.closed_at is None
    ]
    told = {
        m.message_key: m
        for m in rows(engine, "default", OutboxMessage, OutboxMessage.referral_id == here.id)
    }
    referrer = told["referrer.moved"]
    assert referrer.person_id == "dr-bakker" and referrer.params["municipality"] == "Rivierdal"
    assert "Carla" not in str(referrer.params) and PREFIX not in str(referrer.params)
    contact = told["move.accepted"]
    assert contact.person_id == "anna" and contact.params["their_ref"] == there_ref(engine, there)
    assert "move_accepted" in audit_events(engine, "default")
    assert "move_accepted" in audit_events(engine, OTHER)
    tick(engine, "default")  # taken in once
    assert audit_events(engine, "default").count("move_accepted") == 1


def there_ref(engine: Engine, there: Referral) -> str:
    with UnitOfWork(engine, tenant=OTHER) as uow:
        case = uow.cases.get(id=there.case_id)
        assert case is not None
        return case.ref


def test_declined_there_the_case_stays_here_and_the_contact_person_hears_why(two: Two) -> None:
    engine, ref = two.engine, two.here.case_ref
    move(engine, ref)
    there = received(engine, ref)
    with tenant_scope(OTHER):
        decline_referral(
            UnitOfWork(engine),
            Rules(),
            referral_id=there.id,
            by=f"{PREFIX}bram",
            now=NOW,
            reason=DeclineReason.NO_CAPACITY,
        )
    tick(engine, "default")
    (here,) = rows(engine, "default", Referral, Referral.id == two.here.id)
    assert here.status == ReferralStatus.ASSIGNED  # care stays with the giving team
    told = rows(engine, "default", OutboxMessage, OutboxMessage.referral_id == here.id)
    refused = [m for m in told if m.message_key == "move.refused"]
    assert [m.person_id for m in refused] == ["anna"]
    assert refused[0].params["reason"] and "no_capacity" not in refused[0].params["reason"]
    assert not [m for m in told if m.person_id == "dr-bakker" and m.created_at >= LATER]
    assert "move_refused" in audit_events(engine, "default")
    # after a refusal the case may be moved again
    move(engine, ref, to_team=f"{PREFIX}st-zuid")
    assert len(rows(engine, OTHER, TenantMove)) == 2


def test_who_may_move_a_case_and_where_to(two: Two) -> None:
    engine, ref = two.engine, two.here.case_ref
    before = audit_events(engine, "default").count("refused")
    with pytest.raises(NotAllowed):
        move(engine, ref, by="carla")  # not the contact person, not a coordinator
    assert audit_events(engine, "default").count("refused") == before + 1
    for where in ({"to_tenant": "nergens"}, {"to_tenant": "default", "to_team": "jt-noord"}):
        with pytest.raises(UnknownPlace):
            move(engine, ref, **where)
    with pytest.raises(UnknownPlace):
        move(engine, ref, to_team="jt-noord")  # a team of the giving side, not of rivierdal
    assert rows(engine, OTHER, TenantMove) == [] and rows(engine, "default", TenantMove) == []
    move(engine, ref, by="bram")  # the team's coordinator may
    with pytest.raises(HandoverPending):
        move(engine, ref)


def test_a_move_stored_before_a_crash_is_received_by_the_next_tick(two: Two) -> None:
    engine, ref = two.engine, two.here.case_ref
    with UnitOfWork(engine, tenant="default") as uow:  # as if the process died right after
        uow.moves.add(
            TenantMove(
                from_tenant_id="default",
                from_case_ref=ref,
                to_tenant_id=OTHER,
                to_team_id=f"{PREFIX}jt-noord",
                requested_at=NOW,
            )
        )
        uow.commit()
    tick(engine, OTHER)
    tick(engine, OTHER)
    there = received(engine, ref)  # one referral, however often the tick runs
    (stored,) = rows(engine, OTHER, TenantMove)
    assert stored.to_referral_id == there.id and stored.to_case_ref


def test_a_third_municipality_sees_no_move(two: Two) -> None:
    engine = two.engine
    create_tenant(UnitOfWork(engine), id="derde", name="Derde", now=NOW)
    move(engine, two.here.case_ref)
    with tenant_scope("derde"):  # the tick's move work, as the third (no metrics of a tick)
        assert receive_moves(Data(engine), Rules(), tenant="derde", now=LATER) == {}
        assert apply_answers(Data(engine), Rules(), tenant="derde", now=LATER) == 0
    assert rows(engine, "derde", Referral) == []
    with UnitOfWork(engine, tenant="derde") as uow:
        assert uow.moves.to_receive() == [] and uow.moves.to_apply() == []
        assert uow.due.kinds(now=LATER).moves is False


def test_a_new_import_leaves_the_stand_in_as_it_is(two: Two) -> None:
    engine = two.engine
    move(engine, two.here.case_ref)
    with tenant_scope(OTHER):
        import_directory(UnitOfWork(engine), {"people": [
            {"id": f"{PREFIX}anna", "name": "Anna", "email": "a@rv.example",
             "team": f"{PREFIX}jt-noord", "roles": ["professional"]},
        ]}, now=LATER)  # fmt: skip
    (stand_in,) = rows(engine, OTHER, Person, Person.id == STAND_IN)
    assert stand_in.active


def test_the_command_line_moves_a_case(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twee.db'}"
    engine = make_engine(url)
    upgrade(engine)
    make_two(engine)
    made = refer(engine, "default", "HAP-5")
    engine.dispose()
    args = ["handover", "start", made.case_ref, "--to", f"{PREFIX}jt-noord", "--by", "anna"]
    done = run([*args, "--to-tenant", OTHER], tmp_path, TERUGKOPPEL_DATABASE_URL=url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Rivierdal" in done.stdout and "JT-NRD-2026-" in done.stdout
    again = run([*args, "--to-tenant", "nergens"], tmp_path, TERUGKOPPEL_DATABASE_URL=url)
    assert again.returncode != 0
    no_traceback(again)


def test_the_case_system_moves_a_case_over_rest(
    client: TestClient,  # noqa: F811  (the fixture of test_tenant_isolation)
    two: Two,
) -> None:
    path = f"/api/v1/referrals/{two.here.public_id}/handover"
    body = {"to": f"{PREFIX}jt-noord", "by": "anna", "to_tenant": OTHER}
    theirs = client.post(path, json=body, headers=auth(two.keys[OTHER, "team"]))
    assert theirs.status_code == 404  # another municipality's key does not find the case
    nowhere = client.post(
        path, json={**body, "to_tenant": "nergens"}, headers=auth(two.keys["default", "team"])
    )
    assert nowhere.status_code == 422 and "nergens" in nowhere.json()["detail"]
    done = client.post(path, json=body, headers=auth(two.keys["default", "team"]))
    assert done.status_code == 201, done.text
    assert done.json()["status"] == "requested" and "Rivierdal" in done.json()["detail"]
    assert received(two.engine, two.here.case_ref).source == "move"


def test_a_moved_case_is_closed_here_and_purged_with_its_move(two: Two) -> None:
    engine, ref = two.engine, two.here.case_ref
    move(engine, ref)
    there = received(engine, ref)
    with tenant_scope(OTHER):
        take_referral(
            UnitOfWork(engine), Rules(), referral_id=there.id, by=f"{PREFIX}carla", now=NOW
        )
    tick(engine, "default")
    with tenant_scope("default"):
        kept = purge(UnitOfWork(engine), now=LATER + timedelta(days=30), retention_days=365)
        assert kept.cases == 0 and len(rows(engine, "default", TenantMove)) == 1
        gone = purge(UnitOfWork(engine), now=LATER + timedelta(days=400), retention_days=365)
    assert gone.cases >= 1 and gone.rows.get("tenant_moves") == 1
    assert rows(engine, "default", TenantMove) == [] and rows(engine, OTHER, TenantMove) == []
    assert received(engine, ref).status == ReferralStatus.ASSIGNED  # theirs is theirs


def test_an_answer_for_a_case_that_ended_here_meanwhile_is_taken_in_without_moving_it(
    two: Two,
) -> None:
    engine, ref = two.engine, two.here.case_ref
    move(engine, ref)
    with tenant_scope("default"), UnitOfWork(engine) as uow:  # the referrer withdraws it
        referral, case = referral_by_case_ref(uow, ref, lock=True)
        withdraw(uow, Rules(), referral, case, by="dr-bakker", channel="email", now=NOW)
        uow.commit()
    there = received(engine, ref)
    with tenant_scope(OTHER):
        take_referral(
            UnitOfWork(engine), Rules(), referral_id=there.id, by=f"{PREFIX}carla", now=NOW
        )
    tick(engine, "default")
    (here,) = rows(engine, "default", Referral, Referral.id == two.here.id)
    assert here.status == ReferralStatus.WITHDRAWN
    (answer,) = rows(engine, "default", TenantMove)
    assert answer.applied_at is not None
    told = rows(engine, "default", OutboxMessage, OutboxMessage.message_key == "move.accepted")
    assert [m.person_id for m in told] == ["anna"]
