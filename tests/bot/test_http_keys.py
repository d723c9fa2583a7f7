"""REST API keys made with `terugkoppel apikey`: hashed, revocable, bound to an organisation;
every error answers clearly and stores nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from bot.app.apikeys import authenticate, create_key, list_keys, revoke_key, split
from bot.domain.errors import TerugkoppelError
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.schema.audit import ApiKey
from store.schema.cases import Case, Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.world import local, make_world

BODY = {"team": "jt-noord", "referrer": "dr-bakker", "external_ref": "HAP-1", "consent": "status"}
NOW = local(2026, 4, 22, 9)


@pytest.fixture
def keys(engine: Engine, rules: Rules) -> dict[str, str]:
    make_world(engine, rules)
    return {
        "gp": create_key(UnitOfWork(engine), name="hap-noord", now=NOW, organisation="hap-noord"),
        "all": create_key(UnitOfWork(engine), name="gemeente", now=NOW),
        "old": create_key(UnitOfWork(engine), name="oud", now=NOW),
    }


@pytest.fixture
def client(engine: Engine, keys: dict[str, str]) -> Iterator[TestClient]:
    revoke_key(UnitOfWork(engine), name="oud", now=NOW)
    settings = Settings(api_keys=SecretStr("legacy:legacy-key-0001"), _env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as test_client:
        yield test_client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def stored(engine: Engine) -> tuple[int, int, int]:
    with UnitOfWork(engine) as uow:
        return tuple(  # type: ignore[return-value]
            int(uow.session.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (Referral, Case, OutboxMessage)
        )


def test_a_key_is_stored_hashed_and_shown_once(engine: Engine, keys: dict[str, str]) -> None:
    lookup, secret = split(keys["all"]) or ("", "")
    with UnitOfWork(engine) as uow:
        row = uow.api_keys.by_name(name="gemeente")
        rows = uow.session.execute(select(ApiKey)).scalars().all()
    assert row is not None and row.lookup == lookup
    assert all(secret not in str(r.model_dump()) for r in rows)
    assert [k.name for k in list_keys(UnitOfWork(engine))] == ["gemeente", "hap-noord", "oud"]
    assert authenticate(UnitOfWork(engine), keys["all"], {}).client is not None
    assert authenticate(UnitOfWork(engine), keys["all"][:-1] + "x", {}).client is None
    with pytest.raises(TerugkoppelError):
        create_key(UnitOfWork(engine), name="gemeente", now=NOW)
    with pytest.raises(TerugkoppelError):
        create_key(UnitOfWork(engine), name="x y", now=NOW)


def test_stored_and_configured_keys_work(client: TestClient, keys: dict[str, str]) -> None:
    first = client.post("/api/v1/referrals", json=BODY, headers=auth(keys["gp"]))
    assert first.status_code == 201
    again = client.post(
        "/api/v1/referrals", json={**BODY, "external_ref": "HAP-2"}, headers=auth("legacy-key-0001")
    )
    assert again.status_code == 201
    view = client.get(f"/api/v1/referrals/{first.json()['id']}", headers=auth(keys["gp"]))
    assert view.status_code == 200 and view.json()["phase"] == "received"
    own = client.get(f"/api/v1/referrals/{again.json()['id']}", headers=auth("legacy-key-0001"))
    assert own.status_code == 200
    # issue 19: no key reads everything; a key without an organisation reads only its own
    other = client.get(f"/api/v1/referrals/{first.json()['id']}", headers=auth(keys["all"]))
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic abc"}, 401),
        ({"Authorization": "Bearer tk_0000000000000000_guess"}, 401),
        ({"Authorization": "Bearer nonsense"}, 401),
        ("old", 401),  # revoked
        ("bad-secret", 401),
    ],
)
def test_missing_bad_or_revoked_keys_get_401_and_nothing_is_stored(
    client: TestClient, engine: Engine, keys: dict[str, str], headers: object, status: int
) -> None:
    if headers == "old":
        headers = auth(keys["old"])
    elif headers == "bad-secret":
        headers = auth(keys["gp"][:-2] + "zz")
    answer = client.post("/api/v1/referrals", json=BODY, headers=headers)  # type: ignore[arg-type]
    assert answer.status_code == status
    assert "API key" in answer.json()["detail"]
    assert answer.headers["www-authenticate"] == "Bearer"
    assert stored(engine) == (0, 0, 0)


def test_a_revoked_or_wrong_stored_key_is_audited(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    client.get("/api/v1/referrals/1", headers=auth(keys["old"]))
    client.get("/api/v1/referrals/1", headers=auth("tk_0000000000000000_guess"))
    with UnitOfWork(engine) as uow:
        refused = [(a.event, a.actor, a.basis) for a in uow.audit.all()]
    # issue 19: an unknown key is audited too, in aggregate (one row per source and window)
    assert refused == [
        ("refused", "api:oud", "api:key_refused"),
        ("refused", "api:unknown@testclient", "api:unknown_key"),
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({**BODY, "team": "jt-nergens"}, "jt-nergens"),
        ({**BODY, "consent": "alles"}, "consent"),
        ({**BODY, "naam_kind": "Jantje"}, "naam_kind"),
        ({**BODY, "external_ref": "BSN 111222333"}, "external_ref"),
        ({**BODY, "birth_month": "2014-13"}, "birth_month"),
        ({**BODY, "birth_month": "2030-01", "consent_given_by": "both"}, "birth_month"),
        ({**BODY, "consent_given_by": "buren"}, "consent_given_by"),
    ],
)
def test_invalid_bodies_get_422_naming_the_problem_and_store_nothing(
    client: TestClient, engine: Engine, keys: dict[str, str], body: dict[str, str], problem: str
) -> None:
    answer = client.post("/api/v1/referrals", json=body, headers=auth(keys["all"]))
    assert answer.status_code == 422
    assert problem in str(answer.json())
    assert stored(engine) == (0, 0, 0)


def test_a_consent_by_the_wrong_party_gets_a_dutch_422(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    body = {**BODY, "birth_month": "2019-06", "consent_given_by": "youth"}  # under 12
    answer = client.post("/api/v1/referrals", json=body, headers=auth(keys["all"]))
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("Voor HAP-1 geven de ouders toestemming")
    assert stored(engine) == (0, 0, 0)
    ok = client.post(
        "/api/v1/referrals", json={**body, "consent_given_by": "parents"}, headers=auth(keys["all"])
    )
    assert ok.status_code == 201
    view = client.get(f"/api/v1/referrals/{ok.json()['id']}", headers=auth(keys["all"]))
    assert "2019" not in view.text  # the birth month is never sent


def test_oversized_bodies_get_413_also_chunked_and_store_nothing(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    declared = client.post(
        "/api/v1/referrals",
        content=b"{" + b" " * 100_000 + b"}",
        headers={**auth(keys["all"]), "content-type": "application/json"},
    )
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"team": "jt-noord", "referrer": "dr-bakker", "consent": "status", "x": "'
        for _ in range(20):
            yield b"y" * 8192
        yield b'"}'

    chunked = client.post(
        "/api/v1/referrals",
        content=chunks(),
        headers={**auth(keys["all"]), "content-type": "application/json"},
    )
    assert chunked.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in chunked.request.headers
    assert chunked.status_code == 413
    assert stored(engine) == (0, 0, 0)


def test_a_key_bound_to_an_organisation_sees_only_its_referrals(
    client: TestClient, engine: Engine, keys: dict[str, str]
) -> None:
    school = {**BODY, "referrer": "ib-smits", "external_ref": "S-1"}
    assert (
        client.post("/api/v1/referrals", json=school, headers=auth(keys["gp"])).status_code == 403
    )
    assert stored(engine) == (0, 0, 0)
    made = client.post("/api/v1/referrals", json=school, headers=auth(keys["all"])).json()
    assert (
        client.get(f"/api/v1/referrals/{made['id']}", headers=auth(keys["gp"])).status_code == 404
    )
    with UnitOfWork(engine) as uow:
        refused = [(a.actor, a.basis, a.case_ref) for a in uow.audit.all() if a.event == "refused"]
    assert refused == [
        ("api:hap-noord", "api:other_organisation", None),
        ("api:hap-noord", "api:other_organisation", made["case_ref"]),
    ]


def test_openapi_describes_the_status_view(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    get = spec["paths"]["/api/v1/referrals/{referral_id}"]["get"]
    schema = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema.endswith("/ReferralStatusOut")
    view = spec["components"]["schemas"]["ReferralStatusOut"]["properties"]
    assert {"phase", "status", "contact", "consent"} <= set(view)
    assert {"401", "404"} <= set(get["responses"])
