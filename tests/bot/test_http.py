"""The REST intake over real HTTP semantics (Starlette's test client)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.uow import UnitOfWork
from tests.world import make_world

KEY = "s3cret-key-for-tests"


@pytest.fixture
def client(engine: Engine, rules: Rules) -> Iterator[TestClient]:
    make_world(engine, rules)
    settings = Settings(api_keys=SecretStr(f"huisartsen:{KEY}"), _env_file=None)  # type: ignore[call-arg]
    container = build(settings, engine=engine)
    with TestClient(create_app(container, scheduler=False)) as test_client:
        yield test_client


def auth(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


BODY = {
    "team": "jt-noord",
    "referrer": "dr-bakker",
    "external_ref": "HAP-7781",
    "consent": "status",
}


def test_a_referral_is_created_with_201(client: TestClient, engine: Engine, rules: Rules) -> None:
    before = datetime.now(UTC)
    response = client.post("/api/v1/referrals", json=BODY, headers=auth())
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "received" and body["case_ref"].startswith("JT-NRD-")
    got = client.get(f"/api/v1/referrals/{body['id']}", headers=auth())
    assert got.json() == {
        "id": body["id"],
        "case_ref": body["case_ref"],
        "external_ref": "HAP-7781",
        "team": "Jeugdteam Noord",
        "consent": "status",
        "phase": "received",
        "status": "received",
        "contact": None,
        "expected_by": got.json()["expected_by"],
    }
    # the working day the team's norm ends on, counted on the working-day clock
    expected_by = date.fromisoformat(got.json()["expected_by"])
    due = rules.calendar.add_working_days(before, rules.feedback_norm)
    assert rules.calendar.is_working_day(expected_by)
    assert expected_by == rules.calendar.local(due).date()


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ({**BODY, "team": "jt-nergens"}, auth(), 422),
        ({**BODY, "referrer": "niemand"}, auth(), 422),
        ({**BODY, "consent": "alles"}, auth(), 422),
        ({**BODY, "naam_kind": "Jantje"}, auth(), 422),  # no free text about a youth
        (BODY, {}, 401),
        (BODY, auth("wrong"), 401),
    ],
)
def test_bad_requests_get_a_clear_answer_and_store_nothing(
    client: TestClient, engine: Engine, body: dict[str, str], headers: dict[str, str], status: int
) -> None:
    response = client.post("/api/v1/referrals", json=body, headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]
    with UnitOfWork(engine) as uow:
        assert uow.referrals.count() == 0


def test_malformed_json_and_oversized_bodies_are_refused(client: TestClient) -> None:
    broken = client.post(
        "/api/v1/referrals",
        content=b"{not json",
        headers={**auth(), "content-type": "application/json"},
    )
    assert broken.status_code == 422
    huge = client.post(
        "/api/v1/referrals",
        content=b"x" * 100_000,
        headers={**auth(), "content-type": "application/json"},
    )
    assert huge.status_code == 413


def test_health_readiness_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    assert "terugkoppel_outbox_depth" in client.get("/metrics").text
    assert "/api/v1/referrals" in client.get("/openapi.json").json()["paths"]
