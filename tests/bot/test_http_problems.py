"""REST errors as RFC 9457 problem details with the field's path, the OpenAPI document saying
the same (with examples), FastAPI's /docs page under its own narrow CSP, and schemathesis
checking the API against its own schema (a bounded number of cases)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from http import HTTPStatus

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import Engine

from bot.domain.rules import Rules
from tests.bot.test_http_intake import BODY, CONFIGURED, app_for, auth
from tests.world import make_world

PROBLEM = "application/problem+json"


@pytest.fixture
def client(engine: Engine, rules: Rules) -> Iterator[TestClient]:
    make_world(engine, rules)
    with TestClient(app_for(engine)) as test_client:  # type: ignore[arg-type]
        yield test_client


def test_a_malformed_json_body_is_the_body_not_a_byte_offset(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/referrals",
        content=b'{"team": "jt-noord", oops}',
        headers={**auth(CONFIGURED), "content-type": "application/json"},
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert (body["type"], body["title"], body["status"]) == (
        "about:blank",
        HTTPStatus(422).phrase,
        422,
    )
    assert body["detail"] == "De gegevens kloppen niet. Kijk bij de velden hieronder."
    assert body["problems"] == [
        {"field": "", "problem": "Dit is geen geldige JSON.", "type": "json_invalid"}
    ]


def test_each_bad_field_is_named_by_its_path_in_plain_dutch(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/referrals",
        json={"team": "jt-noord", "consent": "misschien", "kleur": "rood"},
        headers=auth(CONFIGURED),
    )
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    said = {p["field"]: p["problem"] for p in answer.json()["problems"]}
    assert said == {
        "referrer": "Dit veld ontbreekt.",
        "consent": "Kies uit: 'none', 'status' of 'notes'.",
        "kleur": "Dit veld kennen we niet.",
    }


def test_other_errors_are_problem_details_too(client: TestClient) -> None:
    missing = client.get("/api/v1/referrals/nope", headers=auth(CONFIGURED))
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["status"] == 404 and missing.json()["detail"]
    refused = client.get("/api/v1/referrals/nope")
    assert refused.status_code == 401 and refused.headers["content-type"] == PROBLEM
    unknown = client.post(
        "/api/v1/referrals", json={**BODY, "team": "jt-nergens"}, headers=auth(CONFIGURED)
    )
    assert unknown.status_code == 422 and unknown.json()["title"] == HTTPStatus(422).phrase


def test_the_openapi_document_describes_the_problems_and_gives_examples(
    client: TestClient,
) -> None:
    schema = client.get("/openapi.json").json()
    post = schema["paths"]["/api/v1/referrals"]["post"]
    invalid = post["responses"]["422"]["content"]
    assert list(invalid) == [PROBLEM]
    assert invalid[PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
    components = schema["components"]["schemas"]
    assert "HTTPValidationError" not in components
    problem = components["Problem"]
    assert {"type", "title", "status", "detail", "problems"} <= set(problem["properties"])
    assert problem["examples"][0]["problems"][0]["field"] == "consent"
    assert components["ReferralIn"]["examples"][0]["team"] == "jt-noord"
    assert components["ReferralOut"]["examples"][0]["status"] == "received"
    for route, path in schema["paths"].items():  # every error of the API is a Problem
        if not route.startswith("/api/"):
            continue
        for operation in path.values():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response.get("content", {})) == [PROBLEM], (status, operation)


def test_docs_is_fastapi_s_page_under_its_own_narrow_csp(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "SwaggerUIBundle" in page.text and "/openapi.json" in page.text
    policy = page.headers["content-security-policy"]
    (inline,) = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert "script-src https://cdn.jsdelivr.net 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    # every other answer keeps the strict policy
    health = client.get("/healthz")
    assert health.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_api_answers_as_its_schema_says(engine: Engine, rules: Rules) -> None:
    """schemathesis generates requests from /openapi.json (valid and invalid bodies, ids,
    headers) and checks every answer: no 5xx, a documented status, the documented content
    type, a body that matches the documented schema. Bounded: 25 cases an operation."""
    make_world(engine, rules)
    app = app_for(
        engine,
        api_rate_per_minute=10_000,
        api_rate_burst=10_000,
        api_rate_per_address_per_minute=10_000,
        api_rate_per_address_burst=10_000,
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {
        "POST /api/v1/referrals",
        "GET /api/v1/referrals/{referral_id}",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case: schemathesis.Case) -> None:
            # A schema-valid body may still name a team that does not exist: a 422 that
            # the schema cannot foresee, so that one check is left out.
            case.call_and_validate(
                headers=auth(CONFIGURED), excluded_checks=[positive_data_acceptance]
            )

        answers_as_documented()
