"""Row-level security on a real PostgreSQL, as the operator guide's application role (no
superuser, no BYPASSRLS): a connection that does not name its tenant sees and writes no
tenant rows; one that names it sees that tenant's only and cannot write another's; the
tick, run as the application, still serves and delivers for every tenant (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.tenants import tenant_scope
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.db import make_engine
from store.uow import UnitOfWork
from tests.deploy.test_pg_roles import PG_URL, Cluster, cli, cluster, sent  # noqa: F401
from tests.world import DIRECTORY, local

RIVIERDAL = Path(DIRECTORY).with_name("rivierdal.yaml")
NOW = local(2026, 4, 22, 9)
TABLES = ("teams", "people", "referrals", "cases", "outbox", "audit")


def rows(engine: Engine, table: str, tenant: str | None) -> int:
    with engine.connect() as connection:
        if tenant is not None:
            connection.execute(
                text("SELECT set_config('terugkoppel.tenant', :t, true)"), {"t": tenant}
            )
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_connection_sees_its_own_tenant_and_nothing_without_one(
    cluster: Cluster,  # noqa: F811  (the fixture of test_pg_roles)
) -> None:
    assert cli(cluster.owner, "db", "upgrade").returncode == 0
    for args in (
        ("import", str(DIRECTORY)),
        ("tenant", "create", "rivierdal", "--name", "Rivierdal", "--slack", "T0RIVIER"),
        ("import", str(RIVIERDAL), "--tenant", "rivierdal"),
    ):
        done = cli(cluster.app, *args)
        assert done.returncode == 0, done.stderr
    app = make_engine(cluster.app)
    try:
        for tenant, team, referrer in (
            ("default", "jt-noord", "dr-bakker"),
            ("rivierdal", "rd-jeugdteam", "rd-dr-peters"),
        ):
            with tenant_scope(tenant):
                submit_referral(
                    UnitOfWork(app), Rules(), team=team, referrer=referrer,
                    external_ref="REF-1", consent=Consent.STATUS, now=NOW,
                )  # fmt: skip
        for table in TABLES[:4]:
            assert rows(app, table, None) == 0, table  # no tenant named: nothing at all
        assert rows(app, "teams", "default") == 2
        assert rows(app, "teams", "rivierdal") == 1
        assert rows(app, "referrals", "rivierdal") == 1
        assert rows(app, "outbox", None) == 0
        assert rows(app, "outbox", "*") == rows(app, "outbox", "default") + rows(
            app, "outbox", "rivierdal"
        )  # the delivery sees the outbox whole, and only the outbox
        assert rows(app, "referrals", "*") == 0
        # another tenant's row can be neither written nor changed
        with app.connect() as connection:
            connection.execute(text("SELECT set_config('terugkoppel.tenant', 'rivierdal', true)"))
            changed = connection.execute(
                text("UPDATE teams SET name = 'overgenomen' WHERE id = 'jt-noord'")
            ).rowcount
            assert changed == 0
            with pytest.raises(Exception, match="row-level security"):
                connection.execute(
                    text(
                        "INSERT INTO organisations (id, name, kind, tenant_id) "
                        "VALUES ('sluip', 'Sluip', 'other', 'default')"
                    )
                )
        # the tick, as the application, sends both municipalities' receipts
        ticked = cli(cluster.app, "tick", "--now", NOW.isoformat())
        assert ticked.returncode == 0, ticked.stderr
        assert sent(ticked.stdout) >= 2
        with app.connect() as connection:
            for tenant in ("default", "rivierdal"):
                connection.execute(
                    text("SELECT set_config('terugkoppel.tenant', :t, false)"), {"t": tenant}
                )
                unsent = connection.execute(
                    text("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND not_before <= :n"),
                    {"n": NOW},
                ).scalar_one()
                disclosed = connection.execute(
                    text("SELECT count(*) FROM audit WHERE event = 'disclosed'")
                ).scalar_one()
                assert unsent == 0 and disclosed >= 1, tenant
        for tenant in ("default", "rivierdal"):
            verified = cli(cluster.app, "--tenant", tenant, "audit", "verify")
            assert verified.returncode == 0, verified.stdout + verified.stderr
    finally:
        app.dispose()


def test_a_move_is_seen_by_both_municipalities_and_no_third(
    cluster: Cluster,  # noqa: F811  (the fixture of test_pg_roles)
) -> None:
    """The one row two tenants share (a youth who moves) is admitted by its policy to the
    giving and the receiving tenant only; the whole move runs as the application role."""
    assert cli(cluster.owner, "db", "upgrade").returncode == 0
    for args in (
        ("import", str(DIRECTORY)),
        ("tenant", "create", "rivierdal", "--name", "Rivierdal"),
        ("import", str(RIVIERDAL), "--tenant", "rivierdal"),
        ("tenant", "create", "derde", "--name", "Derde"),
    ):
        done = cli(cluster.app, *args)
        assert done.returncode == 0, done.stderr
    app = make_engine(cluster.app)
    try:
        with tenant_scope("default"):
            made = submit_referral(
                UnitOfWork(app), Rules(), team="jt-noord", referrer="dr-bakker",
                external_ref="REF-1", consent=Consent.STATUS, now=NOW,
            )  # fmt: skip
            take_referral(UnitOfWork(app), Rules(), referral_id=made.id, by="anna", now=NOW)
        moved = cli(
            cluster.app, "handover", "start", made.case_ref, "--to", "rd-jeugdteam",
            "--to-tenant", "rivierdal", "--by", "anna",
        )  # fmt: skip
        assert moved.returncode == 0, moved.stdout + moved.stderr
        assert rows(app, "tenant_moves", None) == 0
        assert rows(app, "tenant_moves", "default") == rows(app, "tenant_moves", "rivierdal") == 1
        assert rows(app, "tenant_moves", "derde") == 0
        with app.connect() as connection:
            connection.execute(text("SELECT set_config('terugkoppel.tenant', 'derde', true)"))
            changed = connection.execute(text("UPDATE tenant_moves SET state = 'refused'"))
            assert changed.rowcount == 0
            with pytest.raises(Exception, match="row-level security"):
                connection.execute(
                    text(
                        "INSERT INTO tenant_moves (from_tenant_id, from_case_ref, to_tenant_id,"
                        " to_team_id, consent, urgent, warm, state, requested_at) VALUES"
                        " ('default', 'X', 'rivierdal', 'rd-jeugdteam', 'none', false, false,"
                        " 'requested', now())"
                    )
                )
        with tenant_scope("rivierdal"), UnitOfWork(app) as uow:
            found = uow.referrals.by_external_ref(
                referrer="tenant:default:rivierdal", external_ref=made.case_ref
            )
            assert found is not None and found.id is not None
            there = found.id
        with tenant_scope("rivierdal"):
            take_referral(UnitOfWork(app), Rules(), referral_id=there, by="rd-sanne", now=NOW)
        ticked = cli(cluster.app, "tick", "--now", NOW.isoformat())
        assert ticked.returncode == 0, ticked.stderr
        with app.connect() as connection:
            connection.execute(text("SELECT set_config('terugkoppel.tenant', 'default', true)"))
            status = connection.execute(
                text("SELECT status FROM referrals WHERE id = :id"), {"id": made.id}
            ).scalar_one()
        assert status == "handed_over"
    finally:
        app.dispose()
