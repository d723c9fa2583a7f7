"""The operator guide's database roles, on a real PostgreSQL: deploy/postgres/roles.sql run
with psql, the migrations run as the owner, and web/worker's role (the app) runs the tick —
retention with the five-year audit purge, the outbox sent, disclosures audited — while it
cannot change, delete, backdate or unchain an audit row. Roles are cluster-wide: each run
makes its own, with its own database, and drops them after."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.app.audit_check import verify_chain
from bot.app.referrals.intake import submit_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.db import make_engine
from store.schema.audit import AuditAnchor, AuditEntry
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.audit_rows import backdated
from tests.world import DIRECTORY, local

PG_URL = os.environ.get("TEST_DATABASE_URL")
TENANT = "SELECT set_config('terugkoppel.tenant', 'default', true)"
ROLES_SQL = Path(__file__).resolve().parents[2] / "deploy" / "postgres" / "roles.sql"
TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")
pytestmark = pytest.mark.skipif(
    not PG_URL or shutil.which("psql") is None, reason="needs TEST_DATABASE_URL and psql"
)


@dataclass(frozen=True)
class Cluster:
    admin: str  # the superuser, in the roles' database (what only a superuser may do)
    owner: str
    app: str
    app_role: str


def libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    assert PG_URL
    suffix = uuid.uuid4().hex[:10]
    owner, app, database = f"tk_owner_{suffix}", f"tk_app_{suffix}", f"tk_roles_{suffix}"
    secret = {"owner": f"o-{suffix}", "app": f"a-{suffix}"}
    base = make_url(PG_URL)
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        result = subprocess.run(
            [
                "psql",
                libpq(PG_URL),
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-v",
                f"owner={owner}",
                "-v",
                f"owner_password={secret['owner']}",
                "-v",
                f"app={app}",
                "-v",
                f"app_password={secret['app']}",
                "-v",
                f"database={database}",
                "-f",
                str(ROLES_SQL),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr

        def url(user: str | None, password: str | None) -> str:
            return base.set(username=user, password=password, database=database).render_as_string(
                hide_password=False
            )

        yield Cluster(
            admin=url(base.username, base.password),
            owner=url(owner, secret["owner"]),
            app=url(app, secret["app"]),
            app_role=app,
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in (app, owner):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    env.update(TERUGKOPPEL_DATABASE_URL=url, TERUGKOPPEL_CONSOLE_OUTPUT="true")
    return subprocess.run(
        [TERUGKOPPEL, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )


def refused(engine: Engine, statement: str, **params: object) -> str:
    with engine.connect() as connection, pytest.raises(DBAPIError) as caught:
        connection.execute(text(statement), params)
        connection.commit()
    return str(caught.value.orig)


def count(engine: Engine, *where: object, table: type = AuditEntry) -> int:
    with UnitOfWork(engine) as uow:
        stmt = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
        return int(uow.session.execute(stmt).scalar_one())


def referral(engine: Engine, ref: str, at: datetime) -> None:
    submit_referral(
        UnitOfWork(engine),
        Rules(),
        team="jt-noord",
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=at,
    )


def sent(output: str) -> int:
    found = re.search(r"(\d+) berichten verzonden", output)
    assert found, output
    return int(found.group(1))


def test_the_guide_s_roles_run_retention_and_the_tick_and_keep_the_audit_trail(
    cluster: Cluster,
) -> None:
    migrated = cli(cluster.owner, "db", "upgrade")
    assert migrated.returncode == 0, migrated.stderr
    app = make_engine(cluster.app)
    superuser = make_engine(cluster.admin)
    try:
        imported = cli(cluster.app, "import", str(DIRECTORY))
        assert imported.returncode == 0, imported.stderr
        now = datetime.now(UTC)
        moment = local(2026, 4, 22, 9, 10)  # the tick's moment; retention counts from it
        for days in (5 * 365 + 40, 5 * 365 + 30):  # what only a superuser can write
            backdated(superuser, at=moment - timedelta(days=days))
        referral(app, "HAP-ROLES-1", moment)

        # The tick, as the app: retention purges the old audit rows through the owner's
        # function, the outbox goes out (console), each disclosure is an audit row.
        ticked = cli(cluster.app, "tick", "--now", moment.isoformat())
        assert ticked.returncode == 0, ticked.stderr
        assert sent(ticked.stdout) >= 1
        assert count(app, AuditEntry.at < moment - timedelta(days=5 * 365)) == 0
        assert count(app, table=AuditAnchor) == 1
        disclosed = count(app, AuditEntry.event == "disclosed")
        assert disclosed >= 1
        verified = cli(cluster.app, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
        rows = "1 rij" if disclosed == 1 else f"{disclosed} rijen"  # the catalogue's plural
        assert f"Auditketen intact, {rows}." in verified.stdout

        # What the app may not do to the audit trail, even with its own SQL.
        for statement in (
            "UPDATE audit SET actor = 'someone else'",
            "DELETE FROM audit",
            "TRUNCATE audit",
            "INSERT INTO audit_anchor (purged_at, last_id, last_hash, rows) "
            "VALUES (now(), 1, repeat('0', 64), 1)",
            "DELETE FROM audit_anchor",
            "ALTER TABLE audit DISABLE TRIGGER audit_chain",
            "DROP TRIGGER audit_no_update ON audit",
            "SET session_replication_role = replica",
        ):
            assert "permission denied" in refused(app, statement) or "must be owner" in (
                refused(app, statement)
            ), statement
        # A backdated row with a made-up link: the database stamps its own time and chains it.
        with app.begin() as connection:
            connection.execute(text(TENANT))  # row-level security: the app names its tenant
            connection.execute(
                text(
                    "INSERT INTO audit (id, at, event, actor, prev_hash, hash) "
                    "VALUES (1, :at, 'disclosed', 'forger', :h, :h)"
                ),
                {"at": datetime(2001, 1, 1, tzinfo=UTC), "h": "c" * 64},
            )
        with UnitOfWork(app) as uow:
            forged = [row for row in uow.audit.all() if row.actor == "forger"]
        assert len(forged) == 1 and forged[0].id != 1
        assert forged[0].at is not None and forged[0].at > now - timedelta(minutes=5)
        assert verify_chain(UnitOfWork(app)).broken is None
        # Nor may the app purge young rows through the function.
        with app.begin() as connection:
            connection.execute(text(TENANT))
            purged = connection.execute(
                text("SELECT terugkoppel_purge_audit(now())"),
            ).scalar_one()
        assert purged == 0

        # When retention fails (here: the function's grant taken away), the tick still sends.
        with superuser.begin() as connection:
            connection.execute(
                text(
                    "REVOKE EXECUTE ON FUNCTION terugkoppel_purge_audit(timestamptz) "
                    f'FROM "{cluster.app_role}"'
                )
            )
            connection.execute(text("DELETE FROM job_runs WHERE name = 'retention'"))
        backdated(superuser, at=moment - timedelta(days=5 * 365 + 20))
        later = moment + timedelta(days=1)
        referral(app, "HAP-ROLES-2", later)
        before = count(app, OutboxMessage.sent_at.is_not(None), table=OutboxMessage)  # type: ignore[union-attr]
        ticked = cli(cluster.app, "tick", "--now", later.isoformat())
        assert ticked.returncode == 0, ticked.stderr
        assert "retention failed" in ticked.stderr + ticked.stdout
        assert sent(ticked.stdout) >= 1
        after = count(app, OutboxMessage.sent_at.is_not(None), table=OutboxMessage)  # type: ignore[union-attr]
        assert after > before
    finally:
        app.dispose()
        superuser.dispose()
