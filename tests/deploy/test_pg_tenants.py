"""Row-level security on a real PostgreSQL, as the operator guide's application role (no
superuser, no BYPASSRLS): a connection that does not name its tenant sees and writes no
tenant rows; one that names it sees that tenant's only and cannot write another's; the
tick, run as the application, still serves and delivers for every tenant (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.app.referrals.intake import submit_referral
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
