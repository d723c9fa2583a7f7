"""The Bolt AsyncApp: one listener per slash command, button, modal and event, each
acknowledged at once.

Every listener acknowledges within milliseconds (no database, no Web API call before the
ack) and does its work in a Bolt lazy listener afterwards. The work claims the request's
inbound key first, so a retry (X-Slack-Retry-Num) or a double click changes state once.
Replies to the person who clicked or typed (an ephemeral sentence, a modal, the clicked
message replaced) go straight to Slack; everything meant for anyone else is an outbox row
written by the service, as everywhere else.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import inbound
from adapters.slack.case_modals import CaseModals
from adapters.slack.listeners import Listeners
from adapters.slack.parts import SlackParts
from adapters.slack.views import DECLINE_CALLBACK, HANDOVER_CALLBACK, OVERVIEW_ACTION, view_errors
from bot.app.chat import actions, case_forms, picks
from bot.app.chat.intents import NotUnderstood
from bot.app.tenants import IdentityKinds, TenantFinder, enter_tenant, refuse_identity
from bot.messages import language_of

log = logging.getLogger(__name__)
Lazy = Callable[[dict[str, Any]], Awaitable[None]]


def action_id(name: str) -> re.Pattern[str]:
    """The Slack action ids of our Action `name`: `take`, or `take-2` for the second
    button of that name in one message (adapters/slack/translate.py)."""
    return re.compile(rf"^{re.escape(name)}(-\d+)?$")


def build_app(parts: SlackParts) -> AsyncApp:
    """The Bolt app for HTTP (/slack/events) and Socket Mode alike."""
    on = Listeners(parts)

    tokens = parts.slack.tokens

    async def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        """The token of the request's workspace (its own, else the default one) for what Bolt
        calls itself; no auth.test per request. Our listeners call Slack through the
        SlackAdapter, which picks the same token (`in_tenant` tells it the workspace)."""
        try:
            token: str | None = tokens.for_workspace(team_id or enterprise_id).source.get()
        except OSError:  # a token file that cannot be read: the adapter says so when used
            token = None
        return AuthorizeResult(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=token
        )

    app = AsyncApp(
        signing_secret=parts.config.signing_secret or "socket-mode-only",
        client=AsyncWebClient(base_url=parts.config.api_url),
        authorize=authorize,
        process_before_response=True,  # the ack is the HTTP response; the work is lazy
        ignoring_self_events_enabled=False,  # we subscribe to no message events
        raise_error_for_unhandled_request=False,
    )

    finder = TenantFinder(parts.data.uow)

    @app.middleware
    async def in_tenant(
        context: AsyncBoltContext, next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """Every request works in the tenant of its Slack workspace, found from a cache
        (a thread reads the database when the cache is old); a workspace that is no
        tenant's is refused and audited. Bolt runs the listener after the middleware, in
        this request's task: the tenant is set for the task, not for a block."""
        workspace = context.team_id or context.enterprise_id
        tenant = await finder.find_soon(IdentityKinds.SLACK, workspace)
        if tenant is None:
            await asyncio.to_thread(
                refuse_identity,
                parts.data.uow(),
                kind=IdentityKinds.SLACK,
                external_id=workspace,
                now=datetime.now(UTC),
            )
            return BoltResponse(status=403, body="")
        enter_tenant(tenant)
        tokens.enter_request(workspace, tenant)  # replies use this workspace's token
        await next()
        return None

    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    def lazy(name: str, method: Lazy) -> Lazy:
        async def run(body: dict[str, Any]) -> None:
            await method(body)

        run.__name__ = name  # Bolt tells lazy functions apart by name
        return run

    commands = on.commands
    app.command("/verwijzing")(
        ack=ack_now, lazy=[lazy("verwijzing", on.command(commands.open_referral))]
    )
    app.command("/wie")(ack=ack_now, lazy=[lazy("wie", on.command(commands.who_is))])
    app.command("/afwezig")(ack=ack_now, lazy=[lazy("afwezig", on.command(commands.away))])
    app.command("/verwijzer")(ack=ack_now, lazy=[lazy("verwijzer", on.command(commands.referrer))])
    app.command("/overdracht")(
        ack=ack_now, lazy=[lazy("overdracht", on.command(commands.handover))]
    )
    app.command("/regie")(ack=ack_now, lazy=[lazy("regie", on.command(commands.lead))])
    app.command("/afwijzen")(ack=ack_now, lazy=[lazy("afwijzen", on.command(commands.decline))])

    for name, handler in actions.CLICKS.items():
        work = on.click(on.clicks.button(handler))
        app.action(action_id(name))(ack=ack_now, lazy=[lazy(f"click_{name}", work)])
    app.action(action_id(actions.NOTE))(
        ack=ack_now, lazy=[lazy("click_note", on.click(on.clicks.open_note))]
    )
    for name in picks.PICKS:  # a people picker carries its value in its action id
        picker = re.compile(rf"^{re.escape(name)}(-\d+)?:")
        work = on.click(on.clicks.pick(name))
        app.action(picker)(ack=ack_now, lazy=[lazy(f"pick_{name}", work)])

    modals = CaseModals(parts, on.boundary)
    for kind in sorted(case_forms.FORMS):  # "Overdragen…", "Afwijzen…": a modal opens
        work = on.click(modals.opener(kind))
        app.action(action_id(kind))(ack=ack_now, lazy=[lazy(f"open_{kind}", work)])
    # the case forms are done before the ack: what the service refuses shows in the modal
    app.view(HANDOVER_CALLBACK)(modals.submit)
    app.view(DECLINE_CALLBACK)(ack=modals.submit, lazy=[lazy("after_decline", modals.after)])

    async def ack_referral(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _ack_view(ack, body, inbound.referral_form)

    async def ack_note(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _ack_view(ack, body, inbound.note_form)

    async def ack_options(ack: AsyncAck, body: dict[str, Any]) -> None:
        try:
            found = await on.suggest(body)
        except Exception:
            log.exception("Slack options for %s failed", body.get("action_id"))
            found = []
        await ack(options=found)

    app.options(inbound.TEAM)(ack_options)
    app.options(inbound.REFERRER)(ack_options)
    app.options(case_forms.PLACE)(ack_options)
    app.view(inbound.REFERRAL_CALLBACK)(
        ack=ack_referral, lazy=[lazy("submit_referral", on.submit_referral)]
    )
    app.view(inbound.NOTE_CALLBACK)(ack=ack_note, lazy=[lazy("submit_note", on.submit_note)])
    app.action(OVERVIEW_ACTION)(ack_now)  # a link: the browser opens it, nothing to do
    app.event("app_home_opened")(ack=ack_now, lazy=[lazy("home", on.home)])
    app.event("user_change")(ack=ack_now, lazy=[lazy("user_change", on.user_change)])
    return app


async def _ack_view(
    ack: AsyncAck,
    body: Mapping[str, Any],
    check: Callable[[Mapping[str, Any]], tuple[object, dict[str, tuple[str, dict[str, str]]]]],
) -> None:
    """Validation needs no store: problems go back into the open modal, else it closes."""
    view = body.get("view") or {}
    try:
        language = language_of(inbound.metadata(view).get("language"))
        _, problems = check(view)
    except NotUnderstood:
        await ack()  # not a modal we built: close it, the lazy half refuses it
        return
    if problems:
        await ack(response_action="errors", errors=view_errors(problems, language))
    else:
        await ack()
