"""Inbound auth at POST /api/messages: only activities the Bot Framework signed for this app
and this serviceUrl get in; everything else is 401/403 and stores nothing."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from sqlalchemy import Engine, func, select

from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.schema.delivery import TeamsConversation
from store.schema.idempotency import InboundKey
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.world import make_world


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def _stored(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        return sum(
            int(uow.session.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (TeamsConversation, InboundKey, AuditEntry)
        )


def test_a_signed_installation_is_accepted_and_kept(served: Served, engine: Engine) -> None:
    response = served.post(served.activity("installation_update_personal"))
    assert response.status_code == 200
    with UnitOfWork(engine) as uow:
        [row] = uow.session.execute(select(TeamsConversation)).scalars().all()
    assert row.person_id == "dewi" and row.kind == "personal"
    # Dewi is told what she can ask, in her personal chat, through the Bot Connector.
    [welcome] = served.fakes.connector.posted()
    assert "Dewi Pranoto" in welcome.text


def _matrix(served: Served) -> dict[str, tuple[dict[str, object], str | None, dict[str, str]]]:
    login = served.fakes.login
    activity = served.activity("installation_update_personal")
    url = str(activity["serviceUrl"])
    now = time.time()
    none_token = jwt.encode(
        {
            "iss": "https://api.botframework.com",
            "aud": login.app_id,
            "exp": int(now) + 600,
            "serviceurl": url,
        },
        key=None,
        algorithm="none",
        headers={"kid": "fake-bf-key-1"},
    )

    class Raw(jwt.algorithms.HMACAlgorithm):  # PyJWT refuses a PEM as an HMAC key; force it
        def prepare_key(self, key: str | bytes) -> bytes:
            return key if isinstance(key, bytes) else key.encode()

    forger = jwt.PyJWT()
    forger._jws._algorithms["HS256"] = Raw(Raw.SHA256)
    confused = forger.encode(
        {
            "iss": "https://api.botframework.com",
            "aud": login.app_id,
            "iat": int(now),
            "nbf": int(now),
            "exp": int(now) + 600,
            "serviceurl": url,
        },
        login.public_pem(),
        algorithm="HS256",
        headers={"kid": "fake-bf-key-1"},
    )
    return {
        "wrong issuer": (
            activity,
            login.activity_token(url, issuer="https://sts.windows.net/x/"),
            {},
        ),
        "wrong audience": (activity, login.activity_token(url, audience="someone-else"), {}),
        "expired beyond skew": (
            activity,
            login.activity_token(url, issued=now - 4000, lifetime=3600 - 301),
            {},
        ),
        "not yet valid": (
            activity,
            login.activity_token(url, issued=now + 400, not_before=now + 400),
            {},
        ),
        "unknown key id": (
            activity,
            login.activity_token(url, kid="unknown", key=login.other_key),
            {},
        ),
        "alg none": (activity, none_token, {}),
        "HS256 with the public key": (activity, confused, {}),
        "serviceurl mismatch": (
            activity,
            login.activity_token(url, serviceurl="https://evil.example/"),
            {},
        ),
        "no header": (activity, "", {}),
    }


# Why each one is refused (the endpoint's log line), so a case cannot pass for another reason.
REASONS = {
    "wrong issuer": "InvalidIssuerError",
    "wrong audience": "InvalidAudienceError",
    "expired beyond skew": "ExpiredSignatureError",
    "not yet valid": "ImmatureSignatureError",
    "unknown key id": "unknown key id",
    "alg none": "is not RS256",
    "HS256 with the public key": "is not RS256",
    "serviceurl mismatch": "serviceurl claim does not match",
    "no header": "missing Authorization header",
}


def test_the_jwt_matrix_is_refused_and_nothing_is_stored(
    served: Served, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    results = {}
    caplog.set_level(logging.INFO, logger="adapters.teams.endpoint")
    for name, (activity, token, headers) in _matrix(served).items():
        caplog.clear()
        response = served.post(activity, token=token, headers=headers)
        results[name] = response.status_code
        logged = " ".join(r.getMessage() for r in caplog.records)
        assert REASONS[name] in logged, (name, logged)
    print("JWT matrix:", results)
    assert all(status in (401, 403) for status in results.values()), results
    assert results["serviceurl mismatch"] == 403
    assert _stored(engine) == 0
    assert served.fakes.connector.posted() == []


def test_a_token_within_the_skew_is_accepted(served: Served) -> None:
    activity = served.activity("installation_update_personal")
    url = str(activity["serviceUrl"])
    token = served.fakes.login.activity_token(url, issued=time.time() - 3600 - 200)
    assert served.post(activity, token=token).status_code == 200


def test_malformed_bodies_are_400_never_500(served: Served, engine: Engine) -> None:
    url = served.fakes.connector.url
    token = served.fakes.login.activity_token(url)
    assert served.post(b"{not json", token=token).status_code == 400
    assert served.post(b"[1, 2]", token=token).status_code == 400
    bad = served.activity("message_text", conversation="not an object")
    assert served.post(bad).status_code == 400
    assert _stored(engine) == 0


def test_without_teams_settings_the_endpoint_says_so(engine: Engine) -> None:
    from fastapi.testclient import TestClient

    from bot.main.asgi import create_app
    from bot.main.settings import Settings
    from bot.main.wiring import build

    container = build(Settings(_env_file=None, console_output=False), engine=engine)  # type: ignore[call-arg]
    with TestClient(create_app(container, scheduler=False)) as client:
        response = client.post("/api/messages", json={"type": "message"})
    assert response.status_code == 503
    assert "TERUGKOPPEL_TEAMS_APP_ID" in response.json()["detail"]
