"""POST /api/messages: the Bot Framework JWT checked in front of the Teams SDK, then the SDK.

The SDK (microsoft-teams-apps) validates tokens too, and stays on behind this check as a
second lock. This check runs first because the SDK also accepts Entra tokens of the Agent
365 platform, answers a malformed body with a 500, and reads its signing keys with a
blocking call; here every refused request gets 401/403 (400 for a body that is not an
activity) before anything is parsed into the SDK or stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from adapters.teams.auth import (
    BOT_SCOPE,
    PUBLIC_LOGIN_URL,
    PUBLIC_OPENID_METADATA_URL,
    InboundCheck,
    Refused,
)
from adapters.teams.case_dialogs import SUBMITS
from adapters.teams.commands import REFRESH, TeamsInbound
from adapters.teams.config import TeamsConfig
from adapters.teams.connector import TeamsAdapter
from adapters.teams.dialogs import REFERRAL_DIALOG, REFERRAL_SUBMIT
from adapters.teams.invokes import TeamsInvokes
from bot.app.chat import actions, picks
from bot.app.data import Data
from bot.app.tenants import (
    IdentityKinds,
    TenantFinder,
    refuse_identity,
    tenant_scope,
)
from bot.domain.input_text import control_field
from bot.domain.rules import Rules

log = logging.getLogger(__name__)
MAX_BODY = 256 * 1024
# Activities this bot acts on; anything else (typing, reactions, …) is acknowledged.
HANDLED = frozenset({"message", "invoke", "installationUpdate", "conversationUpdate"})
# Invokes the SDK routes to a typed handler (registered in TeamsEndpoint.start); the
# catch-all leaves them alone and hands on with ctx.next().
TYPED_INVOKES = frozenset(
    {
        "task/fetch",
        "task/submit",
        "composeExtension/fetchTask",
        "composeExtension/submitAction",
        "composeExtension/query",
        "application/search",
    }
)
# Card buttons (Action.Execute) by data["action"], each routed by the SDK to its handler.
CARD_ACTIONS = frozenset({*actions.CLICKS, *picks.PICKS, "note_submit", REFRESH})


@contextlib.contextmanager
def environment_unchanged() -> Iterator[None]:
    """The Teams SDK loads `.env` into the environment when it is imported; undo that, so
    our Settings stay the one source of configuration (everything reaches the SDK as an
    explicit argument)."""
    before = dict(os.environ)
    try:
        yield
    finally:
        for name in set(os.environ) - set(before):
            del os.environ[name]
        for name, value in before.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


class _Route:
    """The SDK's HTTP server adapter, reduced to handing us its messaging handler."""

    def __init__(self) -> None:
        self.handler: Any = None

    def register_route(self, method: str, path: str, handler: Any) -> None:
        self.handler = handler

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError("terugkoppel serves no static files through the Teams SDK")

    async def start(self, port: int) -> None:
        raise NotImplementedError("the Teams endpoint is mounted in terugkoppel's own app")

    async def stop(self) -> None:
        return None


class TeamsEndpoint:
    """The Starlette endpoint for POST /api/messages."""

    def __init__(
        self, data: Data, rules: Rules, config: TeamsConfig, adapter: TeamsAdapter
    ) -> None:
        self.check = InboundCheck(
            app_id=config.app_id,
            openid_metadata_url=config.openid_metadata_url or PUBLIC_OPENID_METADATA_URL,
        )
        self.inbound = TeamsInbound(data, rules, adapter)
        self.data = data
        self.tenants: TenantFinder = adapter.tenants  # one cache both ways
        self.invokes = TeamsInvokes(self.inbound)
        self.adapter = adapter
        self.config = config
        self._route = _Route()
        self._sdk: Any = None

    async def start(self) -> None:
        """Builds the SDK app (imported here: about a second) with every option explicit."""
        with environment_unchanged():
            from microsoft_teams.api import ActivityTypeAdapter
            from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides
            from microsoft_teams.apps import App

        config = self.config
        cloud = with_overrides(
            PUBLIC,
            login_endpoint=(config.login_url or PUBLIC_LOGIN_URL).rstrip("/"),
            openid_metadata_url=config.openid_metadata_url,
        )

        async def token(scope: str | list[str], tenant_id: str | None = None) -> str:
            # The Bot Connector's token always from the app's own tenant; another scope
            # (Graph) from the Microsoft 365 tenant the SDK names.
            wanted = scope if isinstance(scope, str) else scope[0]
            tenant = None if wanted == BOT_SCOPE else tenant_id
            return await self.adapter.tokens.token(wanted, tenant=tenant)

        app = App(
            client_id=config.app_id,
            tenant_id=config.tenant_id,
            token=token,  # our MSAL client (instance discovery off), never the SDK's own
            cloud=cloud,
            service_url=config.service_url,
            http_server_adapter=self._route,
            dangerously_allow_unauthenticated_requests=False,
            skip_auth=None,
            state=False,
            fetch_user_token=False,
            telemetry={"agent365": False},
        )

        self._register(app)
        await app.initialize()
        self._validate = ActivityTypeAdapter.validate_python
        self._sdk = app

    def _register(self, app: Any) -> None:
        """The SDK's routing: one typed handler per invoke and card action (they match
        data["dialog_id"] and data["action"]), then a catch-all for the rest (messages,
        installs, clicks from older cards) that hands on with ctx.next()."""

        def dump(ctx: Any) -> dict[str, Any]:
            return dict(ctx.activity.model_dump(by_alias=True, exclude_none=True, mode="json"))

        async def catch_all(ctx: Any) -> Any:
            activity = dump(ctx)
            result = None if _typed(activity) else await self.inbound.on_activity(activity)
            await ctx.next()
            return result

        async def click(ctx: Any) -> Any:
            return await self.inbound.on_activity(dump(ctx))

        async def open_form(ctx: Any) -> Any:
            return await self.invokes.open_form(dump(ctx))

        async def submit_form(ctx: Any) -> Any:
            return await self.invokes.submit_form(dump(ctx))

        async def open_case_form(ctx: Any) -> Any:
            return await self.invokes.open_case_form(dump(ctx))

        async def submit_case_form(ctx: Any) -> Any:
            return await self.invokes.submit_case_form(dump(ctx))

        async def search_case(ctx: Any) -> Any:
            return await self.invokes.search_case(dump(ctx))

        async def typeahead(ctx: Any) -> Any:
            return await self.invokes.typeahead(dump(ctx))

        app.on_activity(catch_all)
        app.on_dialog_open(REFERRAL_DIALOG, open_form)
        app.on_dialog_submit(REFERRAL_SUBMIT, submit_form)
        for kind, submit in SUBMITS.items():  # "Overdragen…", "Afwijzen…"
            app.on_dialog_open(kind, open_case_form)
            app.on_dialog_submit(submit, submit_case_form)
        app.on_message_ext_open(open_form)  # the action command (fetchTask: true)
        app.on_message_ext_submit(submit_form)
        app.on_message_ext_query(search_case)
        app.on_card_search(typeahead)
        for name in sorted(CARD_ACTIONS):
            app.on_card_action_execute(name, click)

    async def __call__(self, request: Request) -> Response:
        if self._sdk is None:
            await self.start()
        authorization = request.headers.get("authorization")
        if not authorization:
            return _refused(Refused(401, "missing Authorization header"))
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "request body too large"}, status_code=413)
        try:
            activity = json.loads(body)
        except ValueError:
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(activity, dict) or not isinstance(activity.get("type"), str):
            return JSONResponse({"error": "body is not an activity"}, status_code=400)
        if control_field(activity) is not None:  # a NUL or other control character
            return JSONResponse({"error": "activity holds a control character"}, status_code=400)
        try:
            await self.check.check(authorization, activity)
        except Refused as exc:
            return _refused(exc)
        if activity["type"] not in HANDLED:
            return Response(status_code=200)
        # Teams sends `"text": null` with an Action.Submit; the SDK's models want a string
        # or nothing. A top-level null carries no information: drop it.
        activity = {name: value for name, value in activity.items() if value is not None}
        try:
            self._validate(activity)
        except ValueError as exc:  # pydantic's ValidationError
            log.info("Teams activity unreadable: %s", str(exc).splitlines()[0])
            return JSONResponse({"error": "activity cannot be read"}, status_code=400)
        # The activity's Microsoft 365 tenant (checked in its token) says whose it is.
        aad_tenant = _aad_tenant(activity)
        tenant = await self.tenants.find_soon(IdentityKinds.TEAMS, aad_tenant)
        if tenant is None:
            await asyncio.to_thread(
                refuse_identity,
                self.data.uow(),
                kind=IdentityKinds.TEAMS,
                external_id=aad_tenant,
                now=datetime.now(UTC),
            )
            return JSONResponse({"error": "forbidden"}, status_code=403)
        headers = {"authorization": authorization}
        with tenant_scope(tenant):
            result = await self._route.handler({"body": activity, "headers": headers})
        status = int(result.get("status") or 200)
        payload = result.get("body")
        if payload is None:
            return Response(status_code=status)
        return JSONResponse(payload, status_code=status)

    async def close(self) -> None:
        return None


def _aad_tenant(activity: dict[str, Any]) -> str | None:
    channel = activity.get("channelData")
    tenant = channel.get("tenant") if isinstance(channel, dict) else None
    found = tenant.get("id") if isinstance(tenant, dict) else None
    if not found:
        conversation = activity.get("conversation")
        found = conversation.get("tenantId") if isinstance(conversation, dict) else None
    return found if isinstance(found, str) and found else None


def _refused(exc: Refused) -> Response:
    log.info("Teams request refused: %s", exc.reason)
    return JSONResponse({"error": "unauthorized"}, status_code=exc.status)


def _typed(activity: dict[str, Any]) -> bool:
    """Whether a typed handler takes this activity (so the catch-all does not)."""
    if activity.get("type") != "invoke":
        return False
    name = activity.get("name")
    if name in TYPED_INVOKES:
        return True
    if name != "adaptiveCard/action":
        return False
    value = activity.get("value") or {}
    action = value.get("action") if isinstance(value, dict) else None
    data = action.get("data") if isinstance(action, dict) else None
    return isinstance(data, dict) and data.get("action") in CARD_ACTIONS
