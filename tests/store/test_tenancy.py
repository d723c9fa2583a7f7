"""Two municipalities in one store (issue 22): every query of a unit of work sees its own
tenant's rows only, ORM and Core alike; new rows belong to the unit of work's tenant; case
numbers, job runs and the audit chain are per tenant; the tick serves every tenant and the
outbox delivers each one's messages. On SQLite and on PostgreSQL (as the superuser, which
row-level security does not bind: this is the application's own scoping; the policies
are tested in tests/deploy/test_pg_tenants.py)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import Engine, func, select

from adapters.fake import FakeAdapter
from bot.app.audit_check import verify_chain
from bot.app.referrals.intake import Submitted, submit_referral
from bot.app.tenants import (
    TenantFinder,
    TenantProblem,
    create_tenant,
    link_identities,
    list_tenants,
    tenant_scope,
)
from bot.domain.model import Consent
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher
from reminders.scheduler import run_tick
from store.schema.audit import AuditEntry
from store.schema.cases import Referral
from store.schema.delivery import OutboxMessage
from store.schema.directory import Team
from store.uow import UnitOfWork
from tests.tenant_world import OTHER, PREFIX, make_two
from tests.world import local

NOW = local(2026, 4, 22, 9)


def refer(engine: Engine, tenant: str, team: str, referrer: str, ref: str) -> Submitted:
    with tenant_scope(tenant):
        return submit_referral(
            UnitOfWork(engine),
            Rules(),
            team=team,
            referrer=referrer,
            external_ref=ref,
            consent=Consent.STATUS,
            now=NOW,
        )


@pytest.fixture
def two(engine: Engine) -> tuple[Submitted, Submitted]:
    make_two(engine)
    here = refer(engine, "default", "jt-noord", "dr-bakker", "HAP-1")
    there = refer(engine, OTHER, f"{PREFIX}jt-noord", f"{PREFIX}dr-bakker", "HAP-1")
    return here, there


def counts(engine: Engine, tenant: str) -> dict[str, int]:
    with UnitOfWork(engine, tenant=tenant) as uow:
        return {
            table.__name__: int(
                uow.session.execute(select(func.count()).select_from(table)).scalar_one()
            )
            for table in (Team, Referral, OutboxMessage, AuditEntry)
        }


def test_each_tenant_sees_only_its_own_rows(
    engine: Engine, two: tuple[Submitted, Submitted]
) -> None:
    here, there = two
    assert counts(engine, "default")["Team"] == 2
    assert counts(engine, OTHER)["Team"] == 2
    assert counts(engine, "default")["Referral"] == counts(engine, OTHER)["Referral"] == 1
    with UnitOfWork(engine, tenant=OTHER) as uow:
        # by id, by reference, by public id, by external reference: the other's is not there
        assert uow.referrals.get(id=here.id) is None
        assert uow.referrals.by_public_id(public_id=here.public_id) is None
        assert uow.referrals.by_external_ref(referrer="dr-bakker", external_ref="HAP-1") is None
        assert uow.directory.person(id="anna") is None
        assert uow.directory.team(id="jt-noord") is None
        # Core statements (the tick's plain rows) are scoped as well
        assert uow.referrals.facts(ids={here.id}) == {}
        assert set(uow.referrals.facts(ids={here.id, there.id})) == {there.id}
        assert uow.referrals.consents(ids={here.id}) == {}
        assert all(row.referral_id == there.id for row in uow.outbox.all())
        assert uow.referrals.get(id=there.id) is not None


def test_case_numbers_are_per_tenant(engine: Engine, two: tuple[Submitted, Submitted]) -> None:
    here, there = two
    assert here.case_ref == there.case_ref  # the same prefix, each municipality its own count
    with UnitOfWork(engine, tenant=OTHER) as uow:
        case = uow.cases.by_ref(ref=there.case_ref)
        assert case is not None and case.team_id == f"{PREFIX}jt-noord"


def test_a_new_row_belongs_to_the_unit_of_work_s_tenant(engine: Engine) -> None:
    make_two(engine)
    with UnitOfWork(engine, tenant=OTHER) as uow:
        team = Team(id="rv-extra", name="Extra", case_prefix="EX", tenant_id="default")
        uow.session.add(team)
        uow.commit()
    with UnitOfWork(engine, tenant="default") as uow:
        assert uow.directory.team(id="rv-extra") is None
    with UnitOfWork(engine, tenant=OTHER) as uow:
        stored = uow.directory.team(id="rv-extra")
        assert stored is not None and stored.tenant_id == OTHER


def test_the_tick_serves_every_tenant_and_audits_in_each(
    engine: Engine, two: tuple[Submitted, Submitted]
) -> None:
    adapter = FakeAdapter()
    dispatcher = Dispatcher(engine, Rules(), {}, console=adapter)
    asyncio.run(run_tick(engine, Rules(), dispatcher, now=NOW))
    receivers = {s.recipient.person_id for s in adapter.sent}
    assert {"dr-bakker", f"{PREFIX}dr-bakker"} <= receivers
    for tenant, person in (("default", "dr-bakker"), (OTHER, f"{PREFIX}dr-bakker")):
        with UnitOfWork(engine, tenant=tenant) as uow:
            disclosed = [row for row in uow.audit.all() if row.event == "disclosed"]
            assert disclosed and {row.recipient for row in disclosed} == {person}
            assert uow.outbox.pending_count() == 0 or all(
                row.not_before > NOW for row in uow.outbox.all() if row.sent_at is None
            )


def test_each_tenant_has_its_own_audit_chain(
    engine: Engine, two: tuple[Submitted, Submitted]
) -> None:
    dispatcher = Dispatcher(engine, Rules(), {}, console=FakeAdapter())
    asyncio.run(run_tick(engine, Rules(), dispatcher, now=NOW))  # disclosures, interleaved
    refer(engine, OTHER, f"{PREFIX}jt-noord", f"{PREFIX}dr-bakker", "HAP-2")
    refer(engine, "default", "jt-noord", "dr-bakker", "HAP-2")
    asyncio.run(run_tick(engine, Rules(), dispatcher, now=NOW))
    for tenant in ("default", OTHER):
        with tenant_scope(tenant):
            verdict = verify_chain(UnitOfWork(engine))
        assert verdict.broken is None and verdict.rows > 0


def test_tenants_are_created_listed_and_checked(engine: Engine) -> None:
    make_two(engine)
    listed = {t.id: t for t in list_tenants(UnitOfWork(engine))}
    assert set(listed) == {"default", OTHER}
    assert listed[OTHER].slack == ("T0RIVIER",)
    for bad, key in (("Rivierdal", "tenant.bad_id"), (OTHER, "tenant.exists")):
        with pytest.raises(TenantProblem) as caught:
            create_tenant(UnitOfWork(engine), id=bad, name="x", now=NOW)
        assert caught.value.key == key
    with pytest.raises(TenantProblem) as caught:
        create_tenant(UnitOfWork(engine), id="derde", name="x", now=NOW, slack=("T0RIVIER",))
    assert caught.value.key == "tenant.identity_taken"


def test_a_workspace_finds_its_tenant_and_a_stranger_none(engine: Engine) -> None:
    finder = TenantFinder(lambda: UnitOfWork(engine))
    assert finder.find("slack", "T0ANY") == "default"  # one municipality: no registration
    make_two(engine)
    finder.forget()
    assert finder.find("slack", "T0RIVIER") == OTHER
    assert finder.find("slack", "T0ANY") == "default"  # default registered none of its own
    link_identities(UnitOfWork(engine), id="default", slack=("T0FAKE",))
    finder.forget()
    assert finder.find("slack", "T0FAKE") == "default"
    assert finder.find("slack", "T0ANY") is None  # every workspace named: a stranger is refused
    assert finder.find("teams", None) == "default"  # (no Microsoft 365 tenant registered)


def test_a_tenant_finds_its_own_microsoft_365_tenant_from_the_same_cache(engine: Engine) -> None:
    """The other way round (outbound Teams and Graph): a municipality's own identity of a
    kind, the first by id with several, None without one; read from the same cache."""
    make_two(engine)
    reads = 0

    def counted() -> UnitOfWork:
        nonlocal reads
        reads += 1
        return UnitOfWork(engine)

    finder = TenantFinder(counted)
    assert finder.identity_of("teams", OTHER) is None
    link_identities(UnitOfWork(engine), id=OTHER, teams=("bbbb-2", "aaaa-1"))
    assert finder.identity_of("teams", OTHER) is None  # still the cached answer
    finder.forget()
    assert finder.identity_of("teams", OTHER) == "aaaa-1"
    assert finder.identity_of("slack", OTHER) == "T0RIVIER"
    assert finder.identity_of("teams", "default") is None
    assert finder.find("teams", "bbbb-2") == OTHER
    assert asyncio.run(finder.identity_of_soon("teams", OTHER)) == "aaaa-1"
    assert reads == 2


def test_an_id_of_another_tenant_is_refused_by_the_import(engine: Engine) -> None:
    from bot.app.directory.importer import import_directory
    from bot.domain.errors import DirectoryInvalid

    make_two(engine)
    with tenant_scope(OTHER), pytest.raises(DirectoryInvalid) as caught:
        import_directory(
            UnitOfWork(engine),
            {"teams": [{"id": "jt-noord", "name": "Overgenomen", "case_prefix": "X"}]},
            now=NOW,
        )
    assert caught.value.params["problem"].key in ("tenant.id_in_use", "tenant.ids_in_use")
    with UnitOfWork(engine, tenant="default") as uow:
        team = uow.directory.team(id="jt-noord")
        assert team is not None and team.name == "Jeugdteam Noord"


def test_the_daily_jobs_run_for_every_tenant_in_one_tick(engine: Engine) -> None:
    """A tenant's job run is no reason to skip another's (the process's memory of runs
    done is per tenant, like job_runs)."""
    make_two(engine)
    dispatcher = Dispatcher(engine, Rules(), {}, console=FakeAdapter())
    asyncio.run(run_tick(engine, Rules(), dispatcher, now=NOW))
    day = Rules().today(NOW).isoformat()
    for tenant in ("default", OTHER):
        with UnitOfWork(engine, tenant=tenant) as uow:
            for job in ("coverage", "retention", "stalls"):
                assert uow.jobs.has_run(name=job, period=day), (tenant, job)


def test_the_same_outbox_key_in_two_tenants_keeps_both_messages(engine: Engine) -> None:
    """A key derived from a week and a recipient could be the same in two municipalities."""
    make_two(engine)
    for tenant in ("default", OTHER):
        with UnitOfWork(engine, tenant=tenant) as uow:
            fields = dict(
                key="digest:municipality:2026-W17:wethouder",
                conversation="email:wethouder@example.org",
                platform="email",
                address="wethouder@example.org",
                message_key="digest.municipal",
                params={},
                not_before=NOW,
                created_at=NOW,
            )
            assert uow.outbox.enqueue(**fields)
            assert not uow.outbox.enqueue(**fields)  # the same key again in the same tenant
            uow.commit()
    for tenant in ("default", OTHER):
        with UnitOfWork(engine, tenant=tenant) as uow:
            assert uow.outbox.exists(key="digest:municipality:2026-W17:wethouder")
            assert len(uow.outbox.all()) == 1
