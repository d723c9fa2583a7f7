"""The one ASGI app: health, readiness, metrics, the REST referral intake, Slack events,
the overview page (/overzicht)."""

# No `from __future__ import annotations` here: FastAPI resolves the route annotations at
# run time, and the API-key dependency is a closure that string annotations cannot reach.

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from adapters.http import problems
from adapters.http.api import ApiLimits, mount_api
from adapters.http.clean import InputGuard
from adapters.http.docs_page import docs_router
from adapters.http.guard import HTTP_LATENCY, Guard, TokenBuckets
from adapters.http.key_attempts import KEY_REFUSALS
from adapters.http.links import links_router
from adapters.web.oidc import OidcClient
from adapters.web.routes import mount_overview
from adapters.web.session import Cookies
from adapters.web.teams_tab import TeamsSso
from bot.app import client_access
from bot.domain.errors import TerugkoppelError
from bot.domain.model import Platform
from bot.main import db_errors
from bot.main.wiring import Container, link_config, slack_config, teams_config
from bot.messages import text
from reminders.metrics import registry_for
from store.db import schema_is_current

# The Slack and Teams modules are imported inside the functions that need them: lazy, for
# start-up cost (Bolt, slack_sdk, the Teams SDK and msgraph take about a second to import),
# and only when that platform is configured.
if TYPE_CHECKING:  # the Slack adapter (and Bolt) load only when Slack is configured
    from adapters.slack.endpoint import SlackInboundApp
    from adapters.teams.endpoint import TeamsEndpoint
    from bot.app.chat.who import PresenceSource

MAX_BODY = 64 * 1024
# A modal submission carries the whole view; Slack's own payloads stay well below this.
MAX_SLACK_BODY = 1024 * 1024
SLACK_PATH = "/slack/events"
TEAMS_PATH = "/api/messages"


class BodyLimit:
    """Refuses a declared body over the limit before the app reads it. Plain ASGI rather
    than BaseHTTPMiddleware: that one runs the app in a task group per request, which costs
    Slack's ack path a noticeable share of its time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = Headers(scope=scope).get("content-length")
            limit = MAX_SLACK_BODY if scope["path"] in (SLACK_PATH, TEAMS_PATH) else MAX_BODY
            if length is not None and (not length.isdigit() or int(length) > limit):
                response = JSONResponse({"detail": "request body too large"}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    container: Container, *, scheduler: bool = True, socket_mode: bool = False
) -> FastAPI:
    """`scheduler`: run the reminder engine and the outbox in this process; `socket_mode`:
    also take Slack's events over a Socket Mode connection (needs SLACK_APP_TOKEN)."""
    registry = registry_for(container.engine)
    slack = _slack_inbound(container, socket_mode=socket_mode)
    teams = _teams_endpoint(container)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        background: list[asyncio.Task[None]] = []
        if scheduler:
            # lazy, for start-up cost: a web-only replica (--no-scheduler) loads no APScheduler
            from reminders.scheduler import run_worker

            background.append(
                asyncio.create_task(
                    run_worker(
                        container.engine,
                        container.rules,
                        container.dispatcher,
                        every_seconds=container.settings.tick_seconds,
                        stop=stop,
                    )
                )
            )
            background += slack_upkeep(container, stop)
            background += teams_upkeep(container, stop)
        if slack is not None and socket_mode:
            await slack.connect_socket_mode()
        if teams is not None:
            await teams.start()  # the Teams SDK loads here, before the first activity
        yield
        if slack is not None:
            await slack.close()
        container.dispatcher.stop()
        stop.set()
        await asyncio.gather(*background)
        await container.close()

    # /docs is ours (adapters/http/docs_page.py: FastAPI's page with its own narrow CSP);
    # no /redoc.
    app = FastAPI(
        title="terugkoppel", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    # innermost: NUL and other control characters refused before any route (adapters/http/clean.py)
    app.add_middleware(InputGuard, sentence=lambda: text("api.control_characters", "nl"))
    app.add_middleware(BodyLimit)
    _guard(app, container)
    registry.register(HTTP_LATENCY)
    registry.register(KEY_REFUSALS)
    if slack is not None:
        for collector in slack.collectors():
            registry.register(collector)
    if slack is not None and container.settings.slack_signing_secret is not None:
        app.add_api_route(SLACK_PATH, slack.endpoint(), methods=["POST"], include_in_schema=False)
    else:
        # Slack is not set up (or only over Socket Mode): say so plainly instead of a 404.
        unconfigured = text("slack.not_configured", container.settings.language)

        @app.post(SLACK_PATH, include_in_schema=False)
        def slack_not_configured() -> JSONResponse:
            return JSONResponse({"detail": unconfigured}, status_code=503)

    _mount_teams(app, container, teams)
    # The link page knows every answer kind: `build` registered them (wiring.py).
    settings = container.settings
    app.include_router(
        links_router(link_config(settings), container.data, language=settings.language)
    )
    _mount_overview(app, container)  # /overzicht (adapters/web)

    # Errors as RFC 9457 problem details, and the OpenAPI document saying so
    async def audit_not_found(request: Request) -> None:
        """A key asking for a referral that is not there, or not its tenant's, is audited
        in the key's tenant (what it asked for is not named: it may be someone else's)."""
        caller = getattr(request.state, "api_client", None)
        if caller is None or getattr(request.state, "api_refusals", None):
            return  # no key, or the refusal was audited already, with its reason
        await run_in_threadpool(
            client_access.refuse,
            container.data.uow(caller.tenant),
            name=caller.name,
            what="api:not_found",
            now=datetime.now(UTC),
        )

    problems.install(app, on_not_found=audit_not_found)
    framework_openapi = app.openapi
    app.openapi = lambda: problems.problem_openapi(framework_openapi())  # type: ignore[method-assign]
    app.include_router(docs_router())  # GET /docs, FastAPI's own page, its own CSP

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        responses={
            200: {"content": {"application/json": {"example": {"ready": True}}}},
            503: {
                "description": "Not ready: the database is away or its schema is old.",
                "content": {"application/json": {"example": {"ready": False}}},
            },
        },
    )
    def readyz() -> JSONResponse:
        try:
            ready = schema_is_current(container.engine)
        except Exception:  # any database failure means: not ready
            ready = False
        return JSONResponse({"ready": ready}, status_code=200 if ready else 503)

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    api_keys = settings.api_keys.get_secret_value() if settings.api_keys else ""
    limits = ApiLimits.of(per_minute=settings.api_rate_per_minute, burst=settings.api_rate_burst)
    # adapters/http/api.py
    mount_api(app, container.data, container.rules, api_keys=api_keys, limits=limits)

    @app.exception_handler(TerugkoppelError)
    async def _domain(_: Request, exc: TerugkoppelError) -> JSONResponse:
        return problems.problem(422, text(exc.key, "en", **exc.params))

    return app


def _guard(app: FastAPI, container: Container) -> None:
    """Request ids, security headers, rate limit per client address, body limits, a 500
    without traceback (http_guard.py), and 503 "try again" while the database is away."""
    settings = container.settings
    app.add_middleware(
        Guard,
        limits=TokenBuckets(
            per_minute=settings.api_rate_per_address_per_minute,
            burst=settings.api_rate_per_address_burst,
        ),
        body_limit=lambda path: MAX_SLACK_BODY if path == SLACK_PATH else MAX_BODY,
        rate_limited_text=lambda seconds: text("api.rate_limited", "en", seconds=seconds),
        internal_error_text=text("api.internal_error", "en"),
    )
    # 503 only when the database is away; a value it refuses is a 422 (bot/main/db_errors.py)
    db_errors.install(app)


def _mount_overview(app: FastAPI, container: Container) -> None:
    """The overview page with its sign-in: OpenID Connect when TERUGKOPPEL_OIDC_* are set,
    the Teams tab's SSO token when Teams' tenant is known as well. Sessions are signed with
    the link secret (the same on every replica)."""
    settings = container.settings
    oidc = None
    if settings.oidc_configured:
        assert settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret
        oidc = OidcClient(
            issuer=settings.oidc_issuer,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret.get_secret_value(),
            redirect_uri=settings.public_url.rstrip("/") + "/overzicht/callback",
        )
    teams = None
    if settings.oidc_client_id and settings.teams_tenant_id:
        teams = TeamsSso(
            client_id=settings.oidc_client_id,
            tenant_id=settings.teams_tenant_id,
            login_url=settings.teams_login_url,
        )
    mount_overview(
        app,
        container.data,
        container.rules,
        cookies=Cookies(settings.link_secret_value()),
        oidc=oidc,
        teams=teams,
        language=settings.language,
    )


def _slack_inbound(container: Container, *, socket_mode: bool) -> "SlackInboundApp | None":
    """The Bolt app when Slack inbound is configured (HTTP or Socket Mode), else None."""
    settings = container.settings
    adapter = container.adapters.get(Platform.SLACK)
    wanted = settings.slack_inbound or (socket_mode and settings.slack_app_token is not None)
    if adapter is None or not wanted:
        return None
    from adapters.slack import SlackAdapter
    from adapters.slack.endpoint import SlackInboundApp as Inbound

    assert isinstance(adapter, SlackAdapter)
    return Inbound(
        container.data,
        container.rules,
        slack_config(settings),
        adapter,
        presence=_presence(container),
    )


def _presence(container: Container) -> "PresenceSource | None":
    """Teams presence for Slack's /wie too, when this deployment reads it from Graph."""
    teams = container.adapters.get(Platform.TEAMS)
    return getattr(teams, "presence", None) if teams is not None else None


def slack_upkeep(container: Container, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    """Once a day: find people on Slack by e-mail (adapters/slack/people.py)."""
    adapter = container.adapters.get(Platform.SLACK)
    if adapter is None:
        return []
    from adapters.slack import SlackAdapter
    from adapters.slack.people import upkeep

    assert isinstance(adapter, SlackAdapter)
    return [asyncio.create_task(upkeep(container.data, adapter, stop))]


def _teams_endpoint(container: Container) -> "TeamsEndpoint | None":
    adapter = container.adapters.get(Platform.TEAMS)
    if adapter is None or not container.settings.teams_configured:
        return None
    from adapters.teams.connector import TeamsAdapter
    from adapters.teams.endpoint import TeamsEndpoint as Endpoint

    assert isinstance(adapter, TeamsAdapter)
    return Endpoint(container.data, container.rules, teams_config(container.settings), adapter)


def _mount_teams(app: FastAPI, container: Container, teams: "TeamsEndpoint | None") -> None:
    """POST /api/messages: the Teams bot when Teams is configured, else 503 saying so."""
    if teams is not None:
        app.add_api_route(TEAMS_PATH, teams, methods=["POST"], include_in_schema=False)
        return
    unconfigured = text("teams.not_configured", container.settings.language)

    @app.post(TEAMS_PATH, include_in_schema=False)
    def teams_not_configured() -> JSONResponse:
        return JSONResponse({"detail": unconfigured}, status_code=503)


def teams_upkeep(container: Container, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    """Once a day: people found in Graph by e-mail, out-of-office read (adapters/teams/people.py)."""
    adapter = container.adapters.get(Platform.TEAMS)
    if adapter is None:
        return []
    from adapters.teams.connector import TeamsAdapter
    from adapters.teams.people import upkeep

    assert isinstance(adapter, TeamsAdapter)
    data = container.data
    return [asyncio.create_task(upkeep(data, container.rules, adapter, stop))]
