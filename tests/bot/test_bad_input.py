"""Bad input is a 4xx, never a 5xx or an outage: NUL bytes, ids past the store's range and
huge numbers in the REST API and the link pages, on SQLite and PostgreSQL (where NUL and
integer overflow are refused by the database itself). Only a database that cannot be
reached answers 503 and logs the warning an operator is paged on."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeSerializer
from pydantic import SecretStr
from sqlalchemy import Engine, create_engine

from bot.domain.rules import Rules
from bot.logs import configure
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.db import make_engine
from store.uow import UnitOfWork
from tests.world import make_world

KEY = "s3cret-key-for-tests"
LINK_SECRET = "a-link-secret-for-the-bad-input-tests"
BODY = {
    "team": "jt-noord",
    "referrer": "dr-bakker",
    "external_ref": "HAP-7781",
    "consent": "status",
}


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure(format="json", level="DEBUG", stream=stream)
    yield stream
    configure()


def warnings(stream: io.StringIO) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    return [line for line in lines if line["level"] in ("warning", "error", "critical")]


def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        api_keys=SecretStr(f"huisartsen:{KEY}"),
        link_secret=SecretStr(LINK_SECRET),
        public_url="https://terugkoppel.example.nl",
        _env_file=None,
    )


@pytest.fixture
def client(engine: Engine, rules: Rules, log: io.StringIO) -> Iterator[TestClient]:
    make_world(engine, rules)
    container = build(settings(), engine=engine)
    app = create_app(container, scheduler=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.mark.parametrize(
    "body",
    [
        {**BODY, "team": "jt-noord\x00"},
        {**BODY, "referrer": "dr-\x00bakker"},
        {**BODY, "external_ref": "HAP\x00-7781"},
        {**BODY, "external_ref": "HAP\x01"},
        {**BODY, "external_ref": "HAP\ud800"},  # a lone surrogate: the driver cannot encode it
        {**BODY, "consent": "status\x00"},
        {**BODY, "team\x00": "jt-noord"},
    ],
)
def test_a_nul_byte_or_control_character_in_a_field_is_a_422_naming_it(
    client: TestClient, engine: Engine, log: io.StringIO, body: dict[str, str]
) -> None:
    content = json.dumps(body).encode()  # \u0000 escapes, as a JSON client sends them
    response = client.post(
        "/api/v1/referrals", content=content, headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    assert warnings(log) == []  # no "database unavailable", no error
    with UnitOfWork(engine) as uow:
        assert uow.referrals.count() == 0


@pytest.mark.parametrize(
    ("referral_id", "status"),
    # Public ids are opaque strings of at most 32 characters: a number past any integer
    # column's range is simply no referral (404); an id longer than any public id is a
    # malformed one (422). Neither reaches the database as an integer, neither is a 5xx.
    [("2147483648", 404), ("9223372036854775808", 404), ("1" + "0" * 40, 422)],
)
def test_an_id_past_the_stores_range_is_a_404(
    client: TestClient, log: io.StringIO, referral_id: str, status: int
) -> None:
    response = client.get(f"/api/v1/referrals/{referral_id}", headers=AUTH)
    assert response.status_code == status, response.text
    assert warnings(log) == []


@pytest.mark.parametrize(
    "url", ["/api/v1/referrals/1%00", "/api/v1/referrals?external_ref=A%00B", "/healthz%00"]
)
def test_a_nul_byte_in_the_address_is_a_400(client: TestClient, log: io.StringIO, url: str) -> None:
    response = client.get(url, headers=AUTH)
    assert response.status_code == 400, response.text
    assert warnings(log) == []


def test_huge_numbers_in_a_body_are_a_4xx(client: TestClient, log: io.StringIO) -> None:
    for value in ("1" + "0" * 30, "1" + "0" * 5000, "1e400"):
        raw = json.dumps(BODY)[:-1] + f', "urgent": {value}}}'
        response = client.post(
            "/api/v1/referrals",
            content=raw.encode(),
            headers={**AUTH, "content-type": "application/json"},
        )
        # 422 for a number that is not a boolean; 400 when the JSON parser refuses a
        # number of more than 4300 digits
        assert response.status_code in (400, 422), (value[:10], response.text)
    assert warnings(log) == []


def _signed(payload: dict[str, Any]) -> str:
    token = URLSafeSerializer(LINK_SECRET, salt="terugkoppel-link-v1").dumps(payload)
    return token if isinstance(token, str) else token.decode()


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"e": 10**20}, 400),
        ({"e": -(10**20)}, 400),
        ({"e": "soon"}, 400),
        ({"s": 10**20}, 400),
        ({"s": 2**31}, 400),
        ({"s": None}, 400),
        ({"c": {"x": 1}}, 404),  # no such choice: the link names no answer
    ],
)
def test_a_signed_link_with_an_impossible_value_is_a_4xx_page(
    client: TestClient, log: io.StringIO, changes: dict[str, Any], status: int
) -> None:
    payload = {"k": "satisfaction", "s": 1, "c": "8", "l": "nl", "e": 4_000_000_000, "n": "ab12"}
    token = _signed({**payload, **changes})
    for method in (client.get, client.post):
        response = method(f"/l/{token}")
        assert response.status_code == status, response.text
        assert "<html" in response.text and "niet geldig" in response.text
    assert warnings(log) == []


def test_only_an_unreachable_database_is_a_503_with_the_warning(
    rules: Rules, log: io.StringIO
) -> None:
    # A port nobody listens on: the connection itself fails.
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2")
    container = build(settings(), engine=engine)
    with TestClient(create_app(container, scheduler=False), raise_server_exceptions=False) as c:
        response = c.get("/api/v1/referrals/1", headers=AUTH)
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert [line["event"] for line in warnings(log)] == ["database unavailable"]


def test_a_value_the_database_refuses_is_classified_as_the_clients_fault(
    engine: Engine,
) -> None:
    """The backstop behind the boundary checks: whatever a route passes on, a DataError is
    a 422 and never the outage answer (bot/main/db_errors.py)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from bot.main.db_errors import Verdict, classify

    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite stores NUL and 64-bit integers without complaint")
    errors = []
    with engine.connect() as connection:
        for sql, value in (("CAST(:v AS text)", "a\x00b"), ("CAST(:v AS integer)", 2**31)):
            try:
                connection.execute(text(f"SELECT {sql}"), {"v": value})
            except DBAPIError as exc:
                errors.append(classify(exc))
            connection.rollback()
    assert errors == [Verdict.BAD_VALUE, Verdict.BAD_VALUE]
    unreachable = create_engine("postgresql+psycopg://postgres@127.0.0.1:9/none")
    with pytest.raises(DBAPIError) as raised, unreachable.connect():
        pass
    assert classify(raised.value) is Verdict.UNREACHABLE
