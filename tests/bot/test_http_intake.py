"""Issue 19 over REST: external_ref is a reference, every key is scoped, ids are opaque,
Idempotency-Key, refused keys audited in aggregate and limited per address, and concurrent
intake that loses nothing."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from bot.app.apikeys import create_key
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.schema.audit import AuditEntry
from store.schema.cases import Case, Referral
from store.schema.idempotency import ApiIdempotency
from store.uow import UnitOfWork
from tests.conftest import PG_URL
from tests.world import local, make_world

BODY = {"team": "jt-noord", "referrer": "dr-bakker", "external_ref": "HAP-1", "consent": "status"}
NOW = local(2026, 4, 22, 9)
CONFIGURED = "gemeente-key-0001"
UNKNOWN_COUNTER = 'terugkoppel_api_key_refusals_total{kind="unknown"}'


@pytest.fixture
def keys(engine: Engine, rules: Rules) -> dict[str, str]:
    make_world(engine, rules)
    return {
        "gp": create_key(UnitOfWork(engine), name="hap-noord", now=NOW, organisation="hap-noord"),
        "own": create_key(UnitOfWork(engine), name="koppeling", now=NOW),
        "configured": CONFIGURED,
    }


def app_for(engine: Engine, **values: object) -> object:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, api_keys=SecretStr(f"gemeente:{CONFIGURED}"), **values
    )
    return create_app(build(settings, engine=engine), scheduler=False)


@pytest.fixture
def client(engine: Engine, keys: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(app_for(engine)) as test_client:  # type: ignore[arg-type]
        yield test_client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def count(engine: Engine, table: type) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.execute(select(func.count()).select_from(table)).scalar_one())


# -- external_ref is a reference, not text ----------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "Jan de Boer",
        "HAP-1\r\nBcc: iemand@example.org",
        "HAP-1\n",
        "-HAP",
        "HAP 1",
        "H" * 65,
        "HAP\x001",
        "HAP-1;DROP",
        "0612345678",  # the guard: a phone number
    ],
)
def test_an_external_ref_that_is_not_a_reference_gets_a_dutch_422_and_nothing_is_stored(
    client: TestClient, engine: Engine, keys: dict[str, str], bad: str
) -> None:
    answer = client.post(
        "/api/v1/referrals", json={**BODY, "external_ref": bad}, headers=auth(keys["gp"])
    )
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert problems[0]["field"] == "external_ref"
    # Dutch, and it never echoes the value; a control character is refused at the door
    # (adapters/http/clean.py) before the reference rule reads the field
    said = "Stuurtekens" if "\x00" in bad else "kenmerk"
    assert said in problems[0]["problem"]
    assert bad.strip() not in answer.text or bad.strip() == "-HAP"
    assert count(engine, Referral) == 0


@pytest.mark.parametrize("good", ["HAP-7781", "a", "2026/04.x_y-Z", "H" * 64])
def test_a_reference_is_accepted(client: TestClient, keys: dict[str, str], good: str) -> None:
    answer = client.post(
        "/api/v1/referrals", json={**BODY, "external_ref": good}, headers=auth(keys["gp"])
    )
    assert answer.status_code == 201


# -- scoped keys, opaque ids --------------------------------------------------------------


def test_ids_are_opaque_and_every_key_is_scoped(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    by_gp = client.post("/api/v1/referrals", json=BODY, headers=auth(keys["gp"])).json()
    mine = {**BODY, "external_ref": "K-1"}
    by_own = client.post("/api/v1/referrals", json=mine, headers=auth(keys["own"])).json()
    by_setting = client.post(
        "/api/v1/referrals", json={**BODY, "external_ref": "G-1"}, headers=auth(CONFIGURED)
    ).json()
    ids = [by_gp["id"], by_own["id"], by_setting["id"]]
    assert all(isinstance(i, str) and len(i) >= 16 and not i.isdigit() for i in ids)
    assert len(set(ids)) == 3
    with UnitOfWork(engine) as uow:
        integer_ids = {str(r.id) for r in uow.session.execute(select(Referral)).scalars()}
    assert not integer_ids & set(ids)
    # the sequential id does not name a referral over REST
    assert client.get("/api/v1/referrals/1", headers=auth(keys["gp"])).status_code == 404

    def read(public_id: str, key: str) -> int:
        return client.get(f"/api/v1/referrals/{public_id}", headers=auth(key)).status_code

    # the organisation's key reads its referrers' referrals, whoever submitted them
    assert [read(i, keys["gp"]) for i in ids] == [200, 200, 200]
    # a key without an organisation reads only what it submitted itself
    assert [read(i, keys["own"]) for i in ids] == [404, 200, 404]
    assert [read(i, CONFIGURED) for i in ids] == [404, 404, 200]
    with UnitOfWork(engine) as uow:
        refused = [(a.actor, a.basis) for a in uow.audit.all() if a.event == "refused"]
        rows = uow.session.execute(select(Referral)).scalars().all()
        submitted = {r.public_id: r.submitted_by for r in rows}
    assert (
        refused
        == [("api:hap-noord", "api:not_found")]  # /referrals/1: no such referral
        + [("api:koppeling", "api:not_submitter")] * 2
        + [("api:gemeente", "api:not_submitter")] * 2
    )
    assert submitted == {ids[0]: "hap-noord", ids[1]: "koppeling", ids[2]: "gemeente"}


# -- Idempotency-Key ----------------------------------------------------------------------


def test_the_same_idempotency_key_and_body_give_the_same_referral(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    headers = {**auth(keys["gp"]), "Idempotency-Key": "8d1c6b3e-retry-1"}
    first = client.post("/api/v1/referrals", json=BODY, headers=headers)
    # the same body with its keys in another order and a default spelled out
    again = client.post(
        "/api/v1/referrals", json={**dict(reversed(BODY.items())), "urgent": False}, headers=headers
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    other = client.post("/api/v1/referrals", json={**BODY, "consent": "notes"}, headers=headers)
    assert other.status_code == 409
    assert "Idempotency-Key" in other.json()["detail"] and "andere" in other.json()["detail"]
    assert count(engine, Referral) == 1
    # keys are scoped per client: another key may use the same Idempotency-Key
    theirs = client.post(
        "/api/v1/referrals",
        json={**BODY, "external_ref": "G-9"},
        headers={**auth(CONFIGURED), "Idempotency-Key": "8d1c6b3e-retry-1"},
    )
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    assert count(engine, ApiIdempotency) == 2


def test_a_malformed_idempotency_key_gets_422(client: TestClient, keys: dict[str, str]) -> None:
    headers = {**auth(keys["gp"]), "Idempotency-Key": "x" * 201}
    assert client.post("/api/v1/referrals", json=BODY, headers=headers).status_code == 422


# -- refused keys: limited per address, audited in aggregate ----------------------------


def test_random_keys_from_one_address_are_limited_and_audited_once_per_window(
    engine: Engine, keys: dict[str, str]
) -> None:
    with TestClient(app_for(engine, api_rate_per_minute=1, api_rate_burst=10)) as client:  # type: ignore[arg-type]
        statuses = [
            client.post(
                "/api/v1/referrals",
                json=BODY,
                headers=auth(f"tk_{secrets.token_hex(8)}_{secrets.token_urlsafe(32)}"),
            ).status_code
            for _ in range(200)
        ]
        assert statuses[:10] == [401] * 10
        assert set(statuses[10:]) == {429}
        metrics = client.get("/metrics").text
    with UnitOfWork(engine) as uow:
        rows = [(a.actor, a.basis) for a in uow.audit.all()]
    assert 1 <= len(rows) <= 2
    assert rows[0] == ("api:unknown@testclient", "api:unknown_key")
    # the counter is the process's (other tests count too): at least these ten
    line = next(x for x in metrics.splitlines() if x.startswith(UNKNOWN_COUNTER))
    assert float(line.split()[-1]) >= 10
    assert count(engine, Referral) == 0


def test_the_key_limit_counts_per_key_name(engine: Engine, keys: dict[str, str]) -> None:
    with TestClient(app_for(engine, api_rate_per_minute=60, api_rate_burst=3)) as client:  # type: ignore[arg-type]
        gp = [client.get("/api/v1/referrals/x", headers=auth(keys["gp"])) for _ in range(4)]
        assert [r.status_code for r in gp] == [404, 404, 404, 429]
        assert int(gp[-1].headers["retry-after"]) >= 1
        assert client.get("/api/v1/referrals/x", headers=auth(keys["own"])).status_code == 404


def test_the_address_limit_holds_whatever_the_key(engine: Engine, keys: dict[str, str]) -> None:
    values = {"api_rate_per_address_per_minute": 60, "api_rate_per_address_burst": 5}
    with TestClient(app_for(engine, **values)) as client:  # type: ignore[arg-type]
        mixed = [
            client.get("/api/v1/referrals/x", headers=auth(key)).status_code
            for key in [keys["gp"], keys["own"], CONFIGURED] * 2
        ]
    assert mixed == [404] * 5 + [429]


# -- concurrent intake loses nothing ------------------------------------------------------


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_32_concurrent_referrals_all_succeed_with_distinct_case_refs(
    engine: Engine, keys: dict[str, str]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the race is PostgreSQL's")
    app = app_for(engine, api_rate_per_minute=10_000, api_rate_burst=1_000)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")  # type: ignore[arg-type]
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:

            def post(n: int) -> httpx.Response:
                body = {**BODY, "external_ref": f"C-{n}"}
                return http.post("/api/v1/referrals", json=body, headers=auth(keys["gp"]))

            with ThreadPoolExecutor(32) as pool:
                answers = list(pool.map(post, range(32)))
    finally:
        server.should_exit = True
        thread.join(10)
    assert [a.status_code for a in answers] == [201] * 32
    refs = {a.json()["case_ref"] for a in answers}
    assert len(refs) == 32
    with UnitOfWork(engine) as uow:
        stored = sorted(c.ref for c in uow.session.execute(select(Case)).scalars())
    assert stored == [f"JT-NRD-2026-{n:04d}" for n in range(1, 33)]


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_concurrent_requests_with_one_idempotency_key_make_one_referral(
    engine: Engine, keys: dict[str, str]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the race is PostgreSQL's")
    with TestClient(app_for(engine)) as client:  # type: ignore[arg-type]
        headers = {**auth(keys["gp"]), "Idempotency-Key": "race-1"}

        def post(_: int) -> httpx.Response:
            return client.post("/api/v1/referrals", json=BODY, headers=headers)

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(post, range(8)))
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert count(engine, Referral) == 1


def test_audit_rows_of_refusals_name_no_key(client: TestClient, engine: Engine) -> None:
    secret = "tk_0000000000000000_" + "s" * 40
    client.get("/api/v1/referrals/x", headers=auth(secret))
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(select(AuditEntry)).scalars().all()
    assert rows and all("s" * 40 not in str(r.model_dump()) for r in rows)


def test_the_openapi_document_names_the_bearer_scheme_on_every_operation(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["apiKey"]["description"],
    }
    operations = [
        operation
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for operation in item.values()
    ]
    assert operations and all(op["security"] == [{"apiKey": []}] for op in operations)
    # the header is declared by the scheme, not as a parameter of each operation
    assert not any(
        p["name"].lower() == "authorization" for op in operations for p in op.get("parameters", [])
    )
