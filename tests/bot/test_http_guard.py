"""Hardening of the HTTP app: security headers, request ids, body limits, the rate limit per
API key, no debug pages, a 503 while the database is away, a 500 without a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from adapters.http.guard import SECURITY_HEADERS, TokenBuckets
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.db import make_engine
from tests.world import make_world

KEY = "key-of-the-gp-practice-0001"
OTHER = "key-of-the-school-0002"
BODY = {"team": "jt-noord", "referrer": "dr-bakker", "consent": "status"}


def app_for(engine: Engine, **values: object) -> FastAPI:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, api_keys=SecretStr(f"huisarts:{KEY},school:{OTHER}"), **values
    )
    return create_app(build(settings, engine=engine), scheduler=False)


@pytest.fixture
def client(engine: Engine, rules: Rules) -> Iterator[TestClient]:
    make_world(engine, rules)
    with TestClient(app_for(engine, api_rate_per_minute=1, api_rate_burst=3)) as test_client:
        yield test_client


def auth(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_every_answer_carries_security_headers_and_a_request_id(client: TestClient) -> None:
    answers = [
        client.get("/healthz"),
        client.post("/api/v1/referrals", json=BODY),  # 401
        client.post("/api/v1/referrals", json={}, headers=auth()),  # 422
        client.get("/nergens"),  # 404
    ]
    for answer in answers:
        for name, value in SECURITY_HEADERS:
            assert answer.headers[name.decode()] == value.decode()
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])
    assert len({a.headers["x-request-id"] for a in answers}) == len(answers)


def test_a_callers_request_id_is_kept_and_a_malformed_one_replaced(client: TestClient) -> None:
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c21"})
    assert kept.headers["x-request-id"] == "lb-7f3a9c21"
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["x-request-id"])


def test_no_debug_pages_only_the_openapi_contract(client: TestClient) -> None:
    # issue 23: /docs is FastAPI's API page, under its own narrow CSP (no inline script but
    # its one hashed; tests/bot/test_http_problems.py); no other debug page
    docs = client.get("/docs")
    assert (
        docs.status_code == 200 and "'unsafe-eval'" not in docs.headers["content-security-policy"]
    )
    assert client.get("/redoc").status_code == 404
    assert client.get("/docs/oauth2-redirect").status_code == 404
    assert client.get("/openapi.json").status_code == 200
    assert "server" not in {k.lower() for k in client.get("/healthz").headers}


def test_the_rate_limit_counts_per_api_key_and_answers_429_with_retry_after(
    client: TestClient,
) -> None:
    statuses = [client.get("/api/v1/referrals/1", headers=auth()).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    limited = client.get("/api/v1/referrals/1", headers=auth())
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["detail"].startswith("Too many requests with this API key")
    # another key has its own bucket; health checks and Teams activities are not limited
    assert client.get("/api/v1/referrals/1", headers=auth(OTHER)).status_code == 404
    assert client.get("/healthz").status_code == 200
    teams = [client.post("/api/messages", headers=auth()).status_code for _ in range(5)]
    assert 429 not in teams


def test_guessing_keys_is_limited_as_well(client: TestClient) -> None:
    statuses = [
        client.post("/api/v1/referrals", json=BODY, headers=auth("guess")).status_code
        for _ in range(5)
    ]
    assert statuses[:3] == [401, 401, 401] and statuses[-1] == 429


def test_token_buckets_refill_at_the_configured_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(per_minute=60, burst=2, clock=lambda: now[0], size=2)
    assert buckets.take("a") == 0 and buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(1.0)
    now[0] = 1.0
    assert buckets.take("a") == 0
    buckets.take("b")
    buckets.take("c")  # the least recently seen ("a") is forgotten: size is bounded
    assert len(buckets._buckets) == 2 and "a" not in buckets._buckets


def test_a_chunked_body_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 8192

    response = client.post(
        "/api/v1/referrals",
        content=chunks(),
        headers={**auth(), "content-type": "application/json"},
    )
    assert response.status_code == 413


def test_while_the_database_is_away_the_api_says_503_try_again(rules: Rules) -> None:
    unreachable = make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2")
    with TestClient(app_for(unreachable)) as test_client:
        assert test_client.get("/healthz").status_code == 200
        assert test_client.get("/readyz").status_code == 503
        answer = test_client.post("/api/v1/referrals", json=BODY, headers=auth())
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert "Try again" in answer.json()["detail"]


def test_a_bug_answers_500_with_the_request_id_and_no_traceback(client: TestClient) -> None:
    app = client.app
    assert isinstance(app, FastAPI)

    def broken() -> None:
        raise RuntimeError("secret internals /srv/app.py line 12")

    app.add_api_route("/kapot", broken)
    answer = client.get("/kapot")
    assert answer.status_code == 500
    body = answer.json()
    assert body["request_id"] == answer.headers["x-request-id"]
    assert "secret internals" not in answer.text and "Traceback" not in answer.text


def test_metrics_show_latency_by_route_sends_outbox_and_escalations(client: TestClient) -> None:
    client.get("/healthz")
    client.post("/api/v1/referrals", json=BODY, headers=auth())
    text = client.get("/metrics").text
    assert 'terugkoppel_http_request_duration_seconds_bucket{le="0.005",method="GET"' in text
    assert 'route="/api/v1/referrals",status="201"' in text
    for family in (
        "terugkoppel_outbox_depth",
        "terugkoppel_outbox_oldest_pending_age_seconds",
        "terugkoppel_escalations_open",
        "terugkoppel_escalations_last_24h",
        "terugkoppel_tick_duration_seconds",
    ):
        assert f"\n{family}" in text
