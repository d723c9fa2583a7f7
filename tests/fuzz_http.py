"""Fuzzing every HTTP endpoint of the ASGI app with hypothesis: random and mutated bodies,
headers, path parameters, NUL bytes and other control characters, lone surrogates, huge
numbers, odd Slack timestamps, signed Slack payloads and authenticated Teams activities of
every wrong shape. Used by tests/bot/test_fuzz_http.py (a few hundred cases) and
tests/bench/fuzz_http.py (thousands). A case fails when the app answers 5xx or shows a
traceback."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import hypothesis.strategies as st
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from itsdangerous import URLSafeSerializer
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.wiring import build
from tests.adapters import slack_inbound, teams_env
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world

API_KEY = "fuzz-api-key-0123456789"
LINK_SECRET = "a-link-secret-for-the-fuzzer-0001"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
REFERRAL = {
    "team": "jt-noord",
    "referrer": "dr-bakker",
    "external_ref": "HAP-1",
    "consent": "status",
}

# -- values -------------------------------------------------------------------------------

# Every code point, lone surrogates and controls included.
ANY_CHAR = st.characters(exclude_categories=())
NASTY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.sampled_from(
        ["\x00", "a\x00b", "\ud800", "\x1b[31m", "\u202e", "9" * 400, "", " ", "null", "𝔘𝔫𝔦"]
    ),
)
HUGE_INT = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**20, 10**400, 0, -1]),
)
SCALAR = st.one_of(st.none(), st.booleans(), HUGE_INT, st.floats(allow_nan=False), NASTY_TEXT)
JSON_VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(NASTY_TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)


def q(text: str) -> str:
    """Percent-encoded UTF-8, a lone surrogate too (as a careless client would send it)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def form(fields: dict[str, str]) -> str:
    return "&".join(f"{q(key)}={q(value)}" for key, value in fields.items())


SEGMENT = st.one_of(
    NASTY_TEXT.map(q),
    HUGE_INT.map(str),
    st.sampled_from(["1", "0", "-1", "2147483648", "1%00", "%00", "..", "1.5", "1e9"]),
)


def mutated(document: Any) -> st.SearchStrategy[Any]:
    """A recorded payload with one value anywhere in it replaced, removed or kept."""
    paths: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(document, ())

    def apply(path: tuple[Any, ...], action: str, new: Any) -> Any:
        copy = json.loads(json.dumps(document))
        if not path:
            return new if action != "keep" else copy
        parent = copy
        for step in path[:-1]:
            parent = parent[step]
        if action == "drop":
            del parent[path[-1]]
        elif action == "set":
            parent[path[-1]] = new
        return copy

    return st.builds(
        apply, st.sampled_from(paths), st.sampled_from(["set", "set", "drop", "keep"]), JSON_VALUE
    )


def json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode()  # \ud800 and \u0000 as escapes, as a JSON client sends


# -- requests -----------------------------------------------------------------------------


@dataclass
class Req:
    method: str
    path: str
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    sign_slack: bool = False
    teams_token: bool = False


def _headers() -> st.SearchStrategy[dict[str, str]]:
    printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
    names = st.sampled_from(
        ["x-request-id", "content-type", "accept", "idempotency-key", "x-slack-retry-num"]
    )
    return st.dictionaries(names, printable, max_size=3)


def api_requests() -> st.SearchStrategy[Req]:
    body = st.one_of(
        mutated(REFERRAL).map(json_bytes), JSON_VALUE.map(json_bytes), st.binary(max_size=80)
    )
    post = st.builds(
        lambda content, extra: Req(
            "POST",
            "/api/v1/referrals",
            content,
            {**extra, "content-type": "application/json", **AUTH},
        ),
        body,
        _headers(),
    )
    get = st.builds(lambda s: Req("GET", f"/api/v1/referrals/{s}", headers=dict(AUTH)), SEGMENT)
    withdraw = st.builds(
        lambda s: Req("POST", f"/api/v1/referrals/{s}/withdraw", headers=dict(AUTH)), SEGMENT
    )
    search = st.builds(
        lambda ref: Req(
            "GET", "/api/v1/referrals?" + form({"external_ref": ref}), headers=dict(AUTH)
        ),
        NASTY_TEXT,
    )
    bad_auth = st.builds(
        lambda token, s: Req("GET", f"/api/v1/referrals/{s}", headers={"Authorization": token}),
        st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60),
        SEGMENT,
    )
    return st.one_of(post, get, withdraw, search, bad_auth)


def _signed_link(payload: Any) -> str:
    # itsdangerous writes UTF-8: a lone surrogate becomes "?" (a link we made never has one)
    text = json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace").decode()
    payload = json.loads(text)
    token = URLSafeSerializer(LINK_SECRET, salt="terugkoppel-link-v1").dumps(payload)
    return token if isinstance(token, str) else token.decode()


LINK = {"k": "satisfaction", "s": 1, "c": "8", "l": "nl", "e": 4_000_000_000, "n": "ab12cd"}


def link_requests() -> st.SearchStrategy[Req]:
    token = st.one_of(SEGMENT, mutated(LINK).map(_signed_link), JSON_VALUE.map(_signed_link))
    return st.builds(
        lambda method, t: Req(method, f"/l/{t}"), st.sampled_from(["GET", "POST"]), token
    )


def slack_requests() -> st.SearchStrategy[Req]:
    recorded = [
        slack_inbound.payload(name)
        for name in (
            "block_actions_button",
            "block_actions_users_select",
            "block_suggestion_referrer",
            "view_submission_referral",
        )
    ]
    events = [
        slack_inbound.payload(name)
        for name in ("event_user_change", "event_app_home_opened", "url_verification")
    ]
    command = slack_inbound.payload("command_verwijzing")
    interactive = st.one_of(*(mutated(p) for p in recorded)).map(
        lambda p: urlencode({"payload": json.dumps(p)}).encode()  # json.dumps escapes all
    )
    commands = st.builds(
        lambda fields, name, text: form(
            {str(k): str(v) for k, v in {**fields, "command": name, "text": text}.items()}
            if isinstance(fields, dict)
            else {"text": text}
        ).encode(),
        mutated(command),
        st.sampled_from(["/verwijzing", "/wie", "/afwezig", "/verwijzer", "/onbekend"]),
        NASTY_TEXT,
    )
    form_signed = st.builds(
        lambda body: Req(
            "POST",
            "/slack/events",
            body,
            {"content-type": "application/x-www-form-urlencoded"},
            sign_slack=True,
        ),
        st.one_of(interactive, commands, st.binary(max_size=60)),
    )
    json_signed = st.builds(
        lambda body: Req(
            "POST", "/slack/events", body, {"content-type": "application/json"}, sign_slack=True
        ),
        st.one_of(*(mutated(e).map(json_bytes) for e in events), JSON_VALUE.map(json_bytes)),
    )
    unsigned = st.builds(
        lambda stamp, signature, body: Req(
            "POST",
            "/slack/events",
            body,
            {
                "content-type": "application/x-www-form-urlencoded",
                "x-slack-request-timestamp": stamp,
                "x-slack-signature": signature,
            },
        ),
        st.one_of(
            HUGE_INT.map(str),
            st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=20),
        ),
        st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=70),
        st.binary(max_size=40),
    )
    return st.one_of(form_signed, json_signed, unsigned)


def teams_requests(service_url: str) -> st.SearchStrategy[Req]:
    names = (
        "message_text",
        "message_submit",
        "invoke_card_action",
        "installation_update_personal",
        "conversation_update_team",
    )
    recorded = []
    for name in names:
        activity = teams_env.payload(name)
        activity["serviceUrl"] = service_url
        recorded.append(activity)
    body = st.one_of(*(mutated(a) for a in recorded)).map(json_bytes)
    authenticated = st.builds(
        lambda content: Req(
            "POST", "/api/messages", content, {"content-type": "application/json"}, teams_token=True
        ),
        st.one_of(body, JSON_VALUE.map(json_bytes), st.binary(max_size=40)),
    )
    anonymous = st.builds(
        lambda content, auth: Req(
            "POST",
            "/api/messages",
            content,
            {"content-type": "application/json", "authorization": auth},
        ),
        body,
        st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60),
    )
    return st.one_of(authenticated, anonymous)


def other_requests() -> st.SearchStrategy[Req]:
    known = st.sampled_from(["/healthz", "/readyz", "/metrics", "/openapi.json", "/", "/overzicht"])
    path = st.one_of(
        known, SEGMENT.map(lambda s: "/" + s), st.builds(lambda a, b: f"/{a}/{b}", SEGMENT, SEGMENT)
    )
    query = st.dictionaries(NASTY_TEXT, NASTY_TEXT, max_size=2).map(
        lambda fields: ("?" + form(fields)) if fields else ""
    )
    return st.builds(
        lambda method, p, q, headers, content: Req(method, p + q, content, headers),
        st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
        path,
        query,
        _headers(),
        st.binary(max_size=40),
    )


# -- the target ---------------------------------------------------------------------------


@dataclass
class Target:
    client: TestClient
    login: Any  # the fake Microsoft login: makes Bot Framework tokens
    service_url: str
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    cases: int = 0

    def send(self, req: Req) -> Any:
        headers = dict(req.headers)
        if req.sign_slack:
            # Slack's v0 signature over the raw bytes (also bytes that are not UTF-8)
            stamp = str(int(time.time()))
            base = b"v0:" + stamp.encode() + b":" + req.content
            digest = hmac.new(slack_inbound.SECRET.encode(), base, hashlib.sha256).hexdigest()
            headers.update(
                {"x-slack-request-timestamp": stamp, "x-slack-signature": "v0=" + digest}
            )
        if req.teams_token:
            headers["authorization"] = "Bearer " + self.login.activity_token(self.service_url)
        response = self.client.request(req.method, req.path, content=req.content, headers=headers)
        self.cases += 1
        self.statuses[response.status_code] += 1
        if response.status_code >= 500 or "Traceback" in response.text:
            self.failures.append(
                f"{req.method} {req.path[:80]!r} {req.content[:300]!r} -> {response.status_code}"
            )
        return response


STRATEGIES: dict[str, Callable[[Target], st.SearchStrategy[Req]]] = {
    "api": lambda _t: api_requests(),
    "links": lambda _t: link_requests(),
    "slack": lambda _t: slack_requests(),
    "teams": lambda t: teams_requests(t.service_url),
    "other": lambda _t: other_requests(),
}


def fuzz(target: Target, name: str, examples: int, *, strict: bool = True) -> None:
    """`examples` generated requests against one endpoint group; `strict`: stop (and shrink)
    at the first 5xx, else count them (the bench)."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(STRATEGIES[name](target))
    def case(req: Req) -> None:
        response = target.send(req)
        if strict:
            assert response.status_code < 500, (req, response.status_code, response.text[:300])
            assert "Traceback" not in response.text, req

    case()


@contextmanager
def target(engine: Engine, rules: Rules, tmp_path: Path) -> Iterator[Target]:
    """The whole app (Slack, Teams, REST, links) on `engine`, with the fakes it talks to."""
    make_world(engine, rules)
    monkeypatch = pytest.MonkeyPatch()
    with ExitStack() as stack:
        stack.callback(monkeypatch.undo)
        fakes = stack.enter_context(teams_env.fakes(tmp_path, monkeypatch))
        slack = stack.enter_context(FakeSlack().running())
        settings_ = fakes.settings(
            slack_signing_secret=SecretStr(slack_inbound.SECRET),
            slack_bot_token=SecretStr(slack_inbound.TOKEN),
            slack_api_url=slack.url,
            api_keys=SecretStr(f"huisartsen:{API_KEY}"),
            link_secret=SecretStr(LINK_SECRET),
            public_url="https://terugkoppel.example.nl",
            # no limit in the way: every case must reach the code it is aimed at
            api_rate_per_minute=100_000,
            api_rate_burst=10_000,
            api_rate_per_address_per_minute=1_000_000,
            api_rate_per_address_burst=100_000,
        )
        app = create_app(build(settings_, engine=engine), scheduler=False)
        client = stack.enter_context(TestClient(app, raise_server_exceptions=False))
        yield Target(client, fakes.login, fakes.connector.url)
