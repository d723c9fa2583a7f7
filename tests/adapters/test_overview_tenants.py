"""The overview's sign-in for municipalities with a Microsoft 365 tenant of their own (issue
22, point 3): through Entra's multi-tenant issuer (`…/organizations/v2.0`) in the browser,
and with another tenant's Teams SSO token in the tab. A token's tenant must be one a
municipality registered (`tenant link --teams`); any other is refused and audited, also
where `default` registered none (anyone can own a Microsoft 365 tenant)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.directory.importer import import_directory
from bot.app.tenants import create_tenant, link_identities, tenant_scope
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.wiring import build
from store.schema.audit import AuditEntry
from store.uow import UnitOfWork
from tests.adapters.test_overview_http import BASE, sign_in
from tests.fakes.oidc_server import FakeOidc, User
from tests.overview_seed import TENANT, fake_oidc, seed, settings_for
from tests.world import local

RIVIERDAL_M365 = "6f1c2d3e-0000-4000-8000-00000000rd01".replace("rd", "00")
STRANGER_M365 = "0badc0de-0000-4000-8000-000000000bad"
SANNE = User(email="sanne@jt-rivierdal.example", tid=RIVIERDAL_M365)
# Anna's address, but from a Microsoft 365 tenant nobody registered: its owner chose it
IMPOSTOR = User(email="Anna@jt-noord.example", tid=STRANGER_M365)
ANNA_AT_HOME = User(email="Anna@jt-noord.example", tid=TENANT)


@pytest.fixture
def oidc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOidc]:
    fake = fake_oidc(tmp_path)
    with fake.running():
        monkeypatch.setenv("SSL_CERT_FILE", str(fake.ca_file))
        yield fake


@pytest.fixture
def two(engine: Engine, rules: Rules) -> Engine:
    seed(engine, rules)  # default: the demo directory and some referrals
    now = local(2026, 4, 20, 9)
    create_tenant(UnitOfWork(engine), id="rivierdal", name="Rivierdal", now=now)
    link_identities(UnitOfWork(engine), id="rivierdal", teams=(RIVIERDAL_M365,))
    directory = {
        "teams": [{"id": "rd-jeugdteam", "name": "Jeugdteam Rivierdal", "case_prefix": "JT-RVD",
                   "intake": {"slack": "C0RVDINTAKE"}}],
        "people": [{"id": "rd-sanne", "name": "Sanne Bakker", "email": SANNE.email,
                    "team": "rd-jeugdteam", "roles": ["professional"]}],
    }  # fmt: skip
    with tenant_scope("rivierdal"):
        import_directory(UnitOfWork(engine), directory, now=now)
    return engine


def refusals(engine: Engine) -> int:
    with UnitOfWork(engine, tenant="default") as uow:
        stmt = select(AuditEntry).where(AuditEntry.basis == "teams:unknown_tenant")
        return len(uow.session.exec(stmt).all())


def multi_tenant(engine: Engine, oidc: FakeOidc) -> TestClient:
    """The browser's sign-in through Entra's multi-tenant issuer."""
    settings = settings_for(oidc, BASE).model_copy(
        update={"oidc_issuer": f"{oidc.url}/organizations/v2.0"}
    )
    return TestClient(create_app(build(settings, engine=engine), scheduler=False), base_url=BASE)


def test_each_municipality_signs_in_through_the_multi_tenant_issuer(
    two: Engine, oidc: FakeOidc
) -> None:
    with multi_tenant(two, oidc) as client:
        done = sign_in(client, oidc, SANNE)
        assert (done.status_code, done.headers["location"]) == (303, "/overzicht")
        assert "Ingelogd als Sanne Bakker." in client.get("/overzicht").text
        client.cookies.clear()
        # default registered no Microsoft 365 tenant: with a multi-tenant issuer nobody
        # falls back to it, not even with the address of one of its people
        assert sign_in(client, oidc, IMPOSTOR).status_code == 403
        assert sign_in(client, oidc, ANNA_AT_HOME).status_code == 403
    assert refusals(two) == 2
    link_identities(UnitOfWork(two), id="default", teams=(TENANT,))
    with multi_tenant(two, oidc) as client:
        assert sign_in(client, oidc, ANNA_AT_HOME).status_code == 303
        client.cookies.clear()
        assert sign_in(client, oidc, IMPOSTOR).status_code == 403


def test_the_teams_tab_takes_a_registered_municipality_s_own_token(
    two: Engine, oidc: FakeOidc
) -> None:
    settings = settings_for(oidc, BASE)  # the app's own tenant is TENANT
    with TestClient(create_app(build(settings, engine=two), scheduler=False), base_url=BASE) as c:
        theirs = c.post(
            "/overzicht/teams/sessie",
            headers={"authorization": "Bearer " + oidc.sso_token(SANNE)},
        )
        assert theirs.status_code == 204
        assert "Ingelogd als Sanne Bakker." in c.get("/overzicht").text
        c.cookies.clear()
        stranger = c.post(
            "/overzicht/teams/sessie",
            headers={"authorization": "Bearer " + oidc.sso_token(IMPOSTOR)},
        )
        assert stranger.status_code == 403
    assert refusals(two) == 1
