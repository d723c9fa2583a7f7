"""Isolation between municipalities (issue 22, R7): every REST endpoint, a link token, a
Slack workspace and the command line, tried with another tenant's ids, keys, tokens and
identities: refused or not found, nothing changes, and the attempt is audited. Plus a
property-based test that generates cross-tenant requests. SQLite and PostgreSQL.

`MATRIX` below is the table the closing note shows (endpoint × attack → status)."""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from bot.app import links
from bot.app.apikeys import create_key
from bot.app.referrals.intake import Submitted, submit_referral, take_referral
from bot.app.tenants import tenant_scope
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build, link_config
from store.db import make_engine, upgrade
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt, Referral, StatusUpdate
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.bot.test_cli import no_traceback, run
from tests.tenant_world import OTHER, PREFIX, make_two
from tests.world import local

NOW = local(2026, 4, 22, 9)
R = PREFIX  # the other municipality's ids
# (method, path, body) of every REST route that names a referral; {id} is filled in.
ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/referrals/{id}", None),
    ("POST", "/api/v1/referrals/{id}/withdraw", None),
    ("POST", "/api/v1/referrals/{id}/information", {"text": "De school belt morgen terug."}),
    ("POST", "/api/v1/referrals/{id}/handover", {"to": f"{R}st-zuid", "by": f"{R}anna"}),
    ("POST", "/api/v1/referrals/{id}/handover/accept", {"by": f"{R}dewi"}),
    (
        "POST",
        "/api/v1/referrals/{id}/handover/decline",
        {"by": f"{R}dewi", "reason": "no_capacity"},
    ),
    ("POST", "/api/v1/referrals/{id}/decline", {"by": f"{R}bram", "reason": "outside_area"}),
    ("PUT", "/api/v1/referrals/{id}/lead", {"person": f"{R}carla", "by": f"{R}bram"}),
]


def refer(engine: Engine, tenant: str, ref: str) -> Submitted:
    p = "" if tenant == "default" else PREFIX
    with tenant_scope(tenant):
        made = submit_referral(
            UnitOfWork(engine), Rules(), team=f"{p}jt-noord", referrer=f"{p}dr-bakker",
            external_ref=ref, consent=Consent.STATUS, now=NOW,
        )  # fmt: skip
        take_referral(UnitOfWork(engine), Rules(), referral_id=made.id, by=f"{p}anna", now=NOW)
    return made


def snapshot(engine: Engine, tenant: str) -> dict[str, int]:
    """What an attempt could have changed in `tenant`'s data."""
    with UnitOfWork(engine, tenant=tenant) as uow:
        count = lambda table: int(  # noqa: E731
            uow.session.execute(select(func.count()).select_from(table)).scalar_one()
        )
        return {
            "referrals": count(Referral),
            "status_updates": count(StatusUpdate),
            "outbox": count(OutboxMessage),
            "prompts": count(Prompt),
        }


def audited(engine: Engine, tenant: str, what: str) -> int:
    with UnitOfWork(engine, tenant=tenant) as uow:
        stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.basis == what)
        return int(uow.session.execute(stmt).scalar_one())


class Two:
    def __init__(self, engine: Engine) -> None:
        make_two(engine)
        self.engine = engine
        self.here = refer(engine, "default", "HAP-1")
        self.only_here = refer(engine, "default", "HAP-9")  # a case reference rivierdal lacks
        self.there = refer(engine, OTHER, "HAP-1")
        # a referrer organisation's key reads and acts for its referrers' referrals; a key
        # bound to no organisation is the municipality's case system (team actions)
        self.keys = {
            ("default", "referrer"): create_key(
                UnitOfWork(engine), name="hap", now=NOW, organisation="hap-noord"
            ),
            ("default", "team"): create_key(UnitOfWork(engine), name="gemeente", now=NOW),
        }
        with tenant_scope(OTHER):
            self.keys[OTHER, "referrer"] = create_key(
                UnitOfWork(engine), name="rv-hap", now=NOW, organisation=f"{R}hap-noord"
            )
            self.keys[OTHER, "team"] = create_key(UnitOfWork(engine), name="rivierdal", now=NOW)

    def key(self, tenant: str, path: str) -> str:
        team_route = any(word in path for word in ("handover", "decline", "lead"))
        return self.keys[tenant, "team" if team_route else "referrer"]


@pytest.fixture
def two(engine: Engine) -> Two:
    return Two(engine)


@pytest.fixture
def client(two: Two) -> Iterator[TestClient]:
    config = Settings(  # type: ignore[call-arg]
        _env_file=None,
        link_secret=SecretStr("a-link-secret-of-at-least-32-characters"),
        public_url="https://terugkoppel.example.nl",
    )
    with TestClient(create_app(build(config, engine=two.engine), scheduler=False)) as test:
        test.app_settings = config  # type: ignore[attr-defined]
        yield test


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def call(client: TestClient, method: str, path: str, body: dict[str, Any] | None, key: str) -> int:
    response = client.request(method, path, json=body, headers=auth(key))
    assert "Traceback" not in response.text
    return response.status_code


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_another_tenant_s_referral_id_is_not_found_changes_nothing_and_is_audited(
    client: TestClient, two: Two, method: str, path: str, body: dict[str, Any] | None
) -> None:
    before = snapshot(two.engine, "default"), snapshot(two.engine, OTHER)
    route = path.format(id=two.here.public_id)  # default's referral, rivierdal's key
    assert call(client, method, route, body, two.key(OTHER, path)) == 404
    assert (snapshot(two.engine, "default"), snapshot(two.engine, OTHER)) == before
    assert audited(two.engine, OTHER, "api:not_found") == 1
    assert audited(two.engine, "default", "api:not_found") == 0
    # and the key's own referral is there for it (the route itself works)
    own = path.format(id=two.there.public_id)
    assert call(client, method, own, body, two.key(OTHER, path)) != 404


def test_a_search_and_an_intake_see_only_the_key_s_tenant(client: TestClient, two: Two) -> None:
    found = client.get(
        "/api/v1/referrals",
        params={"external_ref": "HAP-9"},
        headers=auth(two.keys[OTHER, "referrer"]),
    )
    assert found.status_code == 200 and found.json()["items"] == []
    mine = client.get(
        "/api/v1/referrals",
        params={"external_ref": "HAP-1"},
        headers=auth(two.keys[OTHER, "referrer"]),
    ).json()["items"]
    assert [item["id"] for item in mine] == [two.there.public_id]
    before = snapshot(two.engine, "default"), snapshot(two.engine, OTHER)
    body = {
        "team": "jt-noord",
        "referrer": "dr-bakker",
        "external_ref": "HAP-2",
        "consent": "status",
    }
    refused = client.post("/api/v1/referrals", json=body, headers=auth(two.keys[OTHER, "team"]))
    assert refused.status_code == 422  # default's team and referrer are unknown here
    assert (snapshot(two.engine, "default"), snapshot(two.engine, OTHER)) == before


def test_a_link_token_works_in_its_own_tenant_only(client: TestClient, two: Two) -> None:
    config = link_config(client.app_settings)  # type: ignore[attr-defined]
    MADE = datetime.now(UTC)
    with UnitOfWork(two.engine, tenant="default") as uow:
        [prompt] = [p for p in uow.prompts.open_for(referral=two.only_here.id)]
    with tenant_scope(OTHER):  # a token of rivierdal naming default's prompt
        forged = links.make(
            config, "prompt", int(prompt.id or 0), "contact_made", language="nl", now=MADE
        )
    before = snapshot(two.engine, "default")
    page = client.get(f"/l/{forged}")
    assert 400 <= page.status_code < 500 and "Traceback" not in page.text
    answered = client.post(f"/l/{forged}", data={})
    assert 400 <= answered.status_code < 500
    assert snapshot(two.engine, "default") == before
    with tenant_scope("default"):
        own = links.make(
            config, "prompt", int(prompt.id or 0), "contact_made", language="nl", now=MADE
        )
    assert client.get(f"/l/{own}").status_code == 200


IDS = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=16, max_size=16)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    target=st.one_of(st.just("other"), IDS),
    which=st.sampled_from(["here", "there"]),
)
def test_generated_cross_tenant_requests_never_reach_another_tenant(
    client: TestClient, two: Two, route: tuple[str, str, Any], target: str, which: str
) -> None:
    """Either tenant's key, aimed at the other tenant's referral or at a made-up id."""
    method, path, body = route
    key = two.key("default" if which == "here" else OTHER, path)
    victim = two.there if which == "here" else two.here
    victim_tenant = OTHER if which == "here" else "default"
    if which == "here" and body is not None:  # default's own ids in the body
        body = {k: v.removeprefix(PREFIX) if isinstance(v, str) else v for k, v in body.items()}
    public_id = victim.public_id if target == "other" else target
    before = snapshot(two.engine, victim_tenant)
    status = call(client, method, path.format(id=public_id), body, key)
    assert status in (404, 422) if target != "other" else status == 404
    assert snapshot(two.engine, victim_tenant) == before


def test_the_command_line_of_one_tenant_does_not_find_another_s_case(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twee.db'}"
    engine = make_engine(url)
    upgrade(engine)
    two = Two(engine)
    engine.dispose()
    env = {"TERUGKOPPEL_DATABASE_URL": url}
    ref = two.only_here.case_ref  # exists in default only
    attempts = [
        ["--tenant", OTHER, "referral", "lead", ref, f"{R}carla", "--by", f"{R}bram"],
        ["--tenant", OTHER, "handover", "start", ref, "--to", f"{R}st-zuid", "--by", f"{R}anna"],
        [
            "--tenant",
            OTHER,
            "referral",
            "decline",
            ref,
            "--reason",
            "outside_area",
            "--by",
            f"{R}bram",
        ],
        ["--tenant", "nergens", "digest"],
    ]
    for args in attempts:
        done = run(args, tmp_path, **env)
        assert done.returncode != 0, (args, done.stdout)
        no_traceback(done)
    engine = make_engine(url)
    with UnitOfWork(engine, tenant="default") as uow:
        case = uow.cases.by_ref(ref=ref)
        assert case is not None and case.lead_id in (None, "anna")
    engine.dispose()
