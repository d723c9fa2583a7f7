"""The overview (/overzicht) over the app's real HTTP stack, signed in through a fake OpenID
Connect provider over TLS (tests/fakes/oidc_server.py): PKCE, state and nonce, the session
cookie's attributes, CSRF, CSP, who sees what, refusals (4xx, audited, nothing stored), the
Teams tab's SSO token."""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.wiring import build
from store.schema.audit import AuditEntry
from store.schema.cases import Referral
from store.uow import UnitOfWork
from tests.fakes.oidc_server import FakeOidc, User
from tests.overview_seed import (
    ANNA,
    BRAM,
    CLIENT_ID,
    DEWI,
    REFERRER,
    STRANGER,
    Seeded,
    fake_oidc,
    seed,
    settings_for,
)

BASE = "https://testserver"


@pytest.fixture
def oidc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOidc]:
    fake = fake_oidc(tmp_path)
    with fake.running():
        monkeypatch.setenv("SSL_CERT_FILE", str(fake.ca_file))  # the service trusts the fake
        yield fake


@pytest.fixture
def seeded(engine: Engine, rules: Rules) -> Seeded:
    return seed(engine, rules)


@pytest.fixture
def client(engine: Engine, oidc: FakeOidc, seeded: Seeded) -> Iterator[TestClient]:
    container = build(settings_for(oidc, BASE), engine=engine)
    with TestClient(create_app(container, scheduler=False), base_url=BASE) as test_client:
        yield test_client


def sign_in(client: TestClient, oidc: FakeOidc, user: User) -> httpx.Response:
    """The browser's round trip: us → provider (user signs in) → our callback."""
    oidc.user = user
    start = client.get("/overzicht/inloggen", follow_redirects=False)
    assert start.status_code == 303
    with httpx.Client(verify=ssl.create_default_context(cafile=oidc.ca_file)) as browser:
        at_provider = browser.get(start.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["location"])
    assert f"{back.scheme}://{back.netloc}" == BASE
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "every form carries the CSRF token"
    return found.group(1)


def audit(engine: Engine, *, event: str) -> list[AuditEntry]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.exec(select(AuditEntry).where(AuditEntry.event == event)).all())


def test_without_a_session_the_page_sends_the_browser_to_the_provider_with_pkce(
    client: TestClient, oidc: FakeOidc
) -> None:
    first = client.get("/overzicht", follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, "/overzicht/inloggen")
    start = client.get("/overzicht/inloggen", follow_redirects=False)
    query = parse_qs(urlparse(start.headers["location"]).query)
    assert start.headers["location"].startswith(oidc.issuer.removesuffix("/v2.0"))
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # base64url of a SHA-256
    assert query["redirect_uri"] == [f"{BASE}/overzicht/callback"]
    assert query["state"][0] and query["nonce"][0]
    cookie = start.headers["set-cookie"]
    for attribute in ("Secure", "HttpOnly", "SameSite=lax", "Path=/overzicht"):
        assert attribute.lower() in cookie.lower()


def test_a_professional_sees_their_own_work_and_no_team_section(
    client: TestClient, oidc: FakeOidc, seeded: Seeded, engine: Engine
) -> None:
    done = sign_in(client, oidc, ANNA)
    assert (done.status_code, done.headers["location"]) == (303, "/overzicht")
    cookie = done.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/overzicht")
    assert page.status_code == 200
    html = page.text
    assert "Ingelogd als Anna de Vries." in html
    assert seeded.taken_ref in html and "Contact gelegd" in html  # the answer buttons
    assert seeded.other_ref not in html and seeded.new_ref not in html
    assert 'id="team"' not in html
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    viewed = audit(engine, event="viewed")
    assert {(row.actor, row.case_ref, row.channel) for row in viewed} == {
        ("anna", seeded.taken_ref, "web")
    }
    assert [row.actor for row in audit(engine, event="signed_in")] == ["anna"]


def test_a_coordinator_sees_the_team_by_entra_object_id_and_assigns_from_the_page(
    client: TestClient, oidc: FakeOidc, seeded: Seeded, engine: Engine
) -> None:
    sign_in(client, oidc, BRAM)
    html = client.get("/overzicht").text
    assert "Open verwijzingen van Jeugdteam Noord" in html
    assert seeded.new_ref in html and seeded.taken_ref in html
    assert seeded.other_ref not in html  # another team's referral
    assert "niet opgepakt" in html  # the intake's escalation
    before = len(seeded.world.sent_to("dr-bakker"))
    answer = client.post(
        "/overzicht/toewijzen",
        data={"csrf": csrf(html), "referral": str(seeded.new_id), "to": "carla"},
        follow_redirects=False,
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/overzicht")
    after = client.get("/overzicht").text
    assert f"{seeded.new_ref} is op" in after and "Carla Mulder" in after  # the notice
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, seeded.new_id)
        assert referral is not None and referral.assignee_id == "carla"
    seeded.world.tick(datetime.now(UTC))  # the outbox delivers (receipts go out at once)
    told = [s.message for s in seeded.world.sent_to("dr-bakker")[before:]]
    assert [m.key for m in told] == ["referrer.status"]  # the referrer hears it
    assert "toegewezen" in told[0].body()


def test_another_teams_referral_is_refused_and_the_attempt_audited(
    client: TestClient, oidc: FakeOidc, seeded: Seeded, engine: Engine
) -> None:
    sign_in(client, oidc, BRAM)
    token = csrf(client.get("/overzicht").text)
    answer = client.post(
        "/overzicht/toewijzen",
        data={"csrf": token, "referral": str(seeded.other_id), "to": "anna"},
    )
    assert answer.status_code == 403
    assert "Dit is geen zaak van jouw team." in answer.text
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, seeded.other_id)
        assert referral is not None and referral.assignee_id is None
    refused = [(r.actor, r.case_ref) for r in audit(engine, event="refused")]
    assert ("bram", seeded.other_ref) in refused


def test_a_form_without_the_csrf_token_is_refused(
    client: TestClient, oidc: FakeOidc, seeded: Seeded, engine: Engine
) -> None:
    sign_in(client, oidc, BRAM)
    answer = client.post(
        "/overzicht/toewijzen", data={"referral": str(seeded.new_id), "to": "carla"}
    )
    assert answer.status_code == 403 and "Het formulier is verlopen." in answer.text
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, seeded.new_id)
        assert referral is not None and referral.assignee_id is None


def test_a_professional_answers_a_prompt_from_the_page(
    client: TestClient, oidc: FakeOidc, seeded: Seeded
) -> None:
    sign_in(client, oidc, ANNA)
    html = client.get("/overzicht").text
    prompt = re.search(r'name="prompt" value="(\d+)"', html)
    assert prompt
    answer = client.post(
        "/overzicht/antwoord",
        data={"csrf": csrf(html), "prompt": prompt.group(1), "answer": "contact_made"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    again = client.get("/overzicht").text
    assert "Beantwoord door Anna de Vries" in again
    stale = client.post(
        "/overzicht/antwoord",
        data={"csrf": csrf(again), "prompt": prompt.group(1), "answer": "contact_made"},
        follow_redirects=False,
    )
    assert stale.status_code == 303  # already answered: said so, nothing done twice
    assert "al beantwoord" in client.get("/overzicht").text


@pytest.mark.parametrize("user", [STRANGER, REFERRER])
def test_people_who_are_no_team_member_are_refused_at_sign_in(
    client: TestClient, oidc: FakeOidc, engine: Engine, user: User
) -> None:
    answer = sign_in(client, oidc, user)
    assert answer.status_code == 403
    assert "tk_sessie" not in answer.headers.get("set-cookie", "")
    assert [r.basis for r in audit(engine, event="refused")] == ["overview:sign-in"]


def test_a_callback_with_a_wrong_state_or_a_reused_code_is_refused(
    client: TestClient, oidc: FakeOidc
) -> None:
    oidc.user = ANNA
    start = client.get("/overzicht/inloggen", follow_redirects=False)
    with httpx.Client(verify=ssl.create_default_context(cafile=oidc.ca_file)) as browser:
        back = urlparse(browser.get(start.headers["location"]).headers["location"])
    code = parse_qs(back.query)["code"][0]
    wrong = client.get("/overzicht/callback", params={"code": code, "state": "other"})
    assert wrong.status_code == 400 and "Inloggen is niet gelukt." in wrong.text
    first = client.get(f"{back.path}?{back.query}", follow_redirects=False)
    assert first.status_code == 303
    client.cookies.clear()
    reused = client.get(f"{back.path}?{back.query}", follow_redirects=False)
    assert reused.status_code == 400


def test_bad_filter_values_are_a_plain_400(client: TestClient, oidc: FakeOidc) -> None:
    sign_in(client, oidc, BRAM)
    assert client.get("/overzicht", params={"leeftijd": "-1"}).status_code == 400
    assert client.get("/overzicht", params={"verwijzer": "x" * 65}).status_code == 400
    only = client.get("/overzicht", params={"verwijzer": "obs-de-linde"})
    assert only.status_code == 200


def test_a_tampered_session_cookie_counts_as_no_session(client: TestClient, oidc: FakeOidc) -> None:
    sign_in(client, oidc, ANNA)
    value = client.cookies.get("tk_sessie")
    assert value
    client.cookies.clear()
    client.cookies.set("tk_sessie", value[:-4] + "AAAA", path="/overzicht")
    assert client.get("/overzicht", follow_redirects=False).status_code == 303


def test_the_teams_tab_signs_in_with_the_teams_sso_token(
    client: TestClient, oidc: FakeOidc, seeded: Seeded
) -> None:
    tab = client.get("/overzicht/teams")
    assert tab.status_code == 200
    assert "https://teams.microsoft.com" in tab.headers["content-security-policy"]
    assert "teams-js.min.js" in tab.text
    wrong = client.post(
        "/overzicht/teams/sessie",
        headers={"authorization": "Bearer " + oidc.sso_token(DEWI, audience="another-app")},
    )
    assert wrong.status_code == 401
    answer = client.post(
        "/overzicht/teams/sessie", headers={"authorization": "Bearer " + oidc.sso_token(DEWI)}
    )
    assert answer.status_code == 204
    cookie = answer.headers["set-cookie"].lower()
    assert "samesite=none" in cookie and "partitioned" in cookie and "secure" in cookie
    page = client.get("/overzicht")
    assert "Ingelogd als Dewi Pranoto." in page.text
    assert "https://teams.microsoft.com" in page.headers["content-security-policy"]


def test_without_sign_in_settings_the_page_says_so_in_one_sentence(engine: Engine) -> None:
    from pydantic import SecretStr

    from bot.main.settings import Settings
    from tests.overview_seed import LINK_SECRET

    settings = Settings(_env_file=None, link_secret=SecretStr(LINK_SECRET))  # type: ignore[call-arg]
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as plain:
        page = plain.get("/overzicht")
        assert page.status_code == 404
        assert "Inloggen is nog niet ingesteld." in page.text
        assert plain.post("/overzicht/teams/sessie").status_code == 404
