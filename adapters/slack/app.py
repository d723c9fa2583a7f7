"""The Bolt AsyncApp: slash commands, clicks, modals and events, acknowledged at once.

Every listener acknowledges within milliseconds (no database, no Web API call before the
ack) and does its work in a Bolt lazy listener afterwards. The work claims the request's
inbound key first, so a retry (X-Slack-Retry-Num) or a double click changes state once.
Replies to the person who clicked or typed (an ephemeral sentence, a modal, the clicked
message replaced) go straight to Slack; everything meant for anyone else is an outbox row
written by the service, as everywhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from adapters.slack import inbound
from adapters.slack.client import SlackAdapter
from adapters.slack.commands import Commands
from adapters.slack.inbound import Actor, NotUnderstood
from adapters.slack.people import by_slack_id, person_for_user
from adapters.slack.views import options, view_errors
from bot.app import notify
from bot.app.chat.referrer import referrer_request_command
from bot.app.chat.who import PresenceSource
from bot.domain.errors import DeliveryFailed, TerugkoppelError
from bot.domain.rules import Rules
from bot.main.settings import Settings
from bot.messages import DEFAULT_LANGUAGE, Message, language_of
from store.schema.directory import Person
from store.uow import UnitOfWork

log = logging.getLogger(__name__)

CLICKS = re.compile(
    r"^(answer|note|take|accept|refuse|satisfaction|settled|checkin)(-\d+)?$|^assign(-\d+)?:"
)
Reply = Callable[[Message], Awaitable[None]]


class SlackInbound:
    """The lazy halves of the listeners, bound to the store, the rules and the adapter."""

    def __init__(
        self,
        engine: Engine,
        rules: Rules,
        settings: Settings,
        slack: SlackAdapter,
        *,
        presence: PresenceSource | None = None,
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.settings = settings
        self.slack = slack
        self.commands = Commands(engine, rules, settings, slack, presence=presence)

    # -- the frame every lazy listener runs in ---------------------------------------------

    async def handle(
        self,
        body: Mapping[str, Any],
        what: str,
        reply: Reply | None,
        work: Callable[[Person, datetime], Awaitable[None]],
        actor: Actor | None = None,
    ) -> None:
        """Claims the inbound key, finds the person (or refuses and audits), runs `work`,
        and turns a domain error into the person's sentence. The one error boundary."""
        now = datetime.now(UTC)
        key = inbound.inbound_key(body)
        if key is not None and not await asyncio.to_thread(self._first_time, key, now):
            log.info("Slack %s %s already handled (retry or double click)", what, key)
            return
        actor = actor or inbound.actor_of(body)
        language = DEFAULT_LANGUAGE
        try:
            person = await self.person(actor)
            if person is None:
                await asyncio.to_thread(self._refuse_unknown, actor, what, now)
                if reply is not None:
                    await reply(Message("error.unknown_person", language=DEFAULT_LANGUAGE))
                return
            language = language_of(person.language)
            await work(person, now)
        except NotUnderstood as exc:
            if reply is not None:
                await reply(Message(exc.key, exc.params, language=language))
        except TerugkoppelError as exc:
            if isinstance(exc, DeliveryFailed):
                log.warning("Slack %s: a reply could not be delivered: %s", what, exc)
                return
            if reply is not None:
                await reply(Message(exc.key, exc.params, language=language))
        except Exception:
            # Not the person's doing (store or Slack down, a bug): let a retry try again.
            correlation = uuid.uuid4().hex[:12]
            log.exception("Slack %s failed (correlation id %s)", what, correlation)
            if key is not None:
                await asyncio.to_thread(self._forget, key)
            if reply is not None:
                with contextlib.suppress(DeliveryFailed):
                    await reply(Message("error.generic", language=language))

    async def person(self, actor: Actor) -> Person | None:
        return await person_for_user(self.engine, self.slack, actor.user)

    def responder(self, url: str | None) -> Reply | None:
        if not url:
            return None

        async def reply(message: Message) -> None:
            await self.slack.respond(url, message)

        return reply

    # -- the store ------------------------------------------------------------------------

    def _first_time(self, key: str, now: datetime) -> bool:
        with UnitOfWork(self.engine) as uow:
            fresh = uow.inbound.first_time(key=key, now=now)
            uow.commit()
        return fresh

    def _forget(self, key: str) -> None:
        with UnitOfWork(self.engine) as uow:
            uow.inbound.forget(key=key)
            uow.commit()

    def _refuse_unknown(self, actor: Actor, what: str, now: datetime) -> None:
        uow = UnitOfWork(self.engine)
        with uow:
            notify.refuse(
                uow,
                now=now,
                actor=f"slack:{actor.team}:{actor.user}",
                case_ref=None,
                what=what,
                channel="slack",
            )

    # -- the lazy listeners ----------------------------------------------------------------

    async def on_command(self, body: dict[str, Any]) -> None:
        command = str(body.get("command") or "")
        reply = self.responder(body.get("response_url"))
        text_ = str(body.get("text") or "")

        async def work(person: Person, now: datetime) -> None:
            if command == "/verwijzing":
                await self.commands.open_referral(person, body, now)
            elif command == "/wie":
                await self.commands.who_is(person, text_, reply, now)
            elif command == "/afwezig":
                await self.commands.away(person, text_, reply, now)
            elif command == "/verwijzer" and reply is not None:
                await reply(
                    await referrer_request_command(
                        self.engine, self.rules, person, text_, now, "slack"
                    )
                )

        await self.handle(body, f"command:{command}", reply, work)

    async def on_click(self, body: dict[str, Any]) -> None:
        click = inbound.click_from_block_action(body)
        reply = self.responder(click.response_url)

        async def work(person: Person, now: datetime) -> None:
            await self.commands.click(person, click, reply, now)

        await self.handle(body, f"click:{click.name}", reply, work)

    async def on_referral(self, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        meta = inbound.metadata(view)
        reply = self.responder(meta.get("response_url"))

        async def work(person: Person, now: datetime) -> None:
            await self.commands.submit_referral(person, view, reply, now)

        await self.handle(body, "submit:referral", reply, work)

    async def on_note(self, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        meta = inbound.metadata(view)
        reply = self.responder(meta.get("response_url"))

        async def work(person: Person, now: datetime) -> None:
            await self.commands.submit_note(person, view, reply, now)

        await self.handle(body, "submit:note", reply, work)

    async def on_home(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        if event.get("tab", "home") != "home":
            return
        user = str(event.get("user") or "")
        now = datetime.now(UTC)
        person = await self.person(Actor(str(body.get("team_id") or ""), user))
        await self.commands.publish_home(user, person, now)

    async def suggest(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Options for an external select in a modal we opened; an unknown user gets none.
        Runs before the ack (Slack shows what the ack carries), so it reads the store only."""
        block, query = inbound.suggestion_query(body)
        actor = inbound.actor_of(body)
        person = await asyncio.to_thread(by_slack_id, self.engine, actor.user)
        if person is None:
            return []
        return options(await self.commands.suggestions(person, block, query))

    async def on_user_change(self, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        user = event.get("user") or {}
        actor = Actor(str(body.get("team_id") or ""), str(user.get("id") or ""))

        async def work(person: Person, now: datetime) -> None:
            await self.commands.status(person, event, now)

        # An unknown user changing their status is no attempt at anything: no refusal.
        if await asyncio.to_thread(by_slack_id, self.engine, actor.user) is None:
            return
        await self.handle(body, "event:user_change", None, work, actor)


def build_app(
    engine: Engine,
    rules: Rules,
    settings: Settings,
    slack: SlackAdapter,
    *,
    presence: PresenceSource | None = None,
) -> AsyncApp:
    """The Bolt app for HTTP (/slack/events) and Socket Mode alike."""
    secret = (
        settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    )
    handlers = SlackInbound(engine, rules, settings, slack, presence=presence)

    async def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        # No auth.test per request: our listeners call Slack through the SlackAdapter, which
        # reads the (possibly rotated) token itself.
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)

    app = AsyncApp(
        signing_secret=secret or "socket-mode-only",
        client=AsyncWebClient(base_url=settings.slack_api_url),
        authorize=authorize,
        process_before_response=True,  # the ack is the HTTP response; the work is lazy
        ignoring_self_events_enabled=False,  # we subscribe to no message events
        raise_error_for_unhandled_request=False,
    )

    async def ack_now(ack: AsyncAck) -> None:
        await ack()

    def lazy(method: Callable[[dict[str, Any]], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        async def run(body: dict[str, Any]) -> None:
            await method(body)

        run.__name__ = method.__name__  # Bolt tells lazy functions apart by name
        return run

    for command in ("/verwijzing", "/wie", "/afwezig", "/verwijzer"):
        app.command(command)(ack=ack_now, lazy=[lazy(handlers.on_command)])
    app.action(CLICKS)(ack=ack_now, lazy=[lazy(handlers.on_click)])

    async def ack_referral(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _ack_view(ack, body, inbound.referral_form)

    async def ack_note(ack: AsyncAck, body: dict[str, Any]) -> None:
        await _ack_view(ack, body, inbound.note_form)

    async def ack_options(ack: AsyncAck, body: dict[str, Any]) -> None:
        try:
            found = await handlers.suggest(body)
        except Exception:
            log.exception("Slack options for %s failed", body.get("action_id"))
            found = []
        await ack(options=found)

    app.options(inbound.TEAM)(ack_options)
    app.options(inbound.REFERRER)(ack_options)
    app.view(inbound.REFERRAL_CALLBACK)(ack=ack_referral, lazy=[lazy(handlers.on_referral)])
    app.view(inbound.NOTE_CALLBACK)(ack=ack_note, lazy=[lazy(handlers.on_note)])
    app.event("app_home_opened")(ack=ack_now, lazy=[lazy(handlers.on_home)])
    app.event("user_change")(ack=ack_now, lazy=[lazy(handlers.on_user_change)])
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
