"""Sends, updates and finds outbox messages through the Slack Web API."""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.errors import error_for
from adapters.slack.token import TokenSource
from adapters.slack.tokens import Lane, SlackTokens
from adapters.slack.translate import blocks_from_message, fallback_text
from bot.domain.errors import ChannelUnavailable, CredentialsRejected, RecipientGone
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import (
    Attachment,
    Delivery,
    Recipient,
    attachment_filename,
    is_attachment_of,
)

# Message metadata carries the outbox key, so `find` can tell whether a send that crashed
# before it was recorded arrived anyway.
EVENT_TYPE = "terugkoppel_outbox"
CONNECTIONS = 100
HISTORY_PAGE = 200
HISTORY_PAGES = 5
_FAILURES = (SlackClientError, aiohttp.ClientError, TimeoutError)
# Answers to a file upload that mean "this app may not upload files here".
_NO_FILES = frozenset({"missing_scope", "not_allowed_token_type", "no_permission"})
log = logging.getLogger(__name__)


def _sdk_logger() -> logging.Logger:
    """slack_sdk formats a debug line of every request and response whenever its logger's
    own level is NOTSET (it checks `logger.level`, not the effective level), a noticeable
    share of a send's CPU time. An unset level here becomes INFO; set DEBUG to see them."""
    logger = logging.getLogger("adapters.slack.sdk")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    return logger


class SlackAdapter:
    """The ChatAdapter for Slack. One aiohttp session (one connection pool) serves every call;
    it is opened on first use in the running event loop and closed by `close()`. Each call
    uses the token of the workspace it is for (adapters/slack/tokens.py)."""

    platform: ClassVar[Platform] = Platform.SLACK
    channel_interval: ClassVar[float] = 1.0

    def __init__(
        self,
        token: str | TokenSource | SlackTokens,
        *,
        base_url: str = "https://slack.com/api/",
        timeout: float = 10.0,
    ) -> None:
        if isinstance(token, SlackTokens):
            self.tokens = token
        else:
            self.tokens = SlackTokens(
                token if isinstance(token, TokenSource) else TokenSource(token)
            )
        self._base_url = base_url
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._dm_channels: dict[tuple[str, str], str] = {}
        self._webs: dict[str, AsyncWebClient] = {}  # one client per lane (token)

    async def lane(self) -> str:
        """The workspace whose token the current work uses ("" for the default token): a
        rate limit or a refused token holds back that lane only (bot/ports.py, HasLanes)."""
        return (await self.tokens.current()).name

    async def send(self, to: Recipient, message: Message, *, key: str) -> Delivery:
        lane = await self.tokens.current()
        response = await self._call(
            "chat_postMessage",
            lane=lane,
            channel=to.address,
            text=fallback_text(message),
            blocks=blocks_from_message(message),
            metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            unfurl_links=False,
            unfurl_media=False,
        )
        # A message to a user id lands in the app's DM channel (D…), which `find` reads.
        channel = str(response["channel"])
        if _is_user(to.address):
            self._dm_channels[lane.name, to.address] = channel
        return Delivery(Platform.SLACK, to, f"{channel}/{response['ts']}")

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str
    ) -> Delivery:
        """One Slack message holding the image and the text (files_upload_v2 with blocks).
        Slack keeps no metadata on a file share, so the file's name carries the outbox key
        (`attachment_filename`), which is how `find` recognises it after a crash."""
        channel = await self._conversation(to.address)
        try:
            response = await self._call(
                "files_upload_v2",
                channel=channel,
                file=attachment.data,
                filename=attachment_filename(key, attachment.filename),
                title=attachment.title,
                alt_txt=attachment.alt_text,
                blocks=json.dumps(blocks_from_message(message)),
            )
        except ChannelUnavailable as exc:
            if exc.params.get("reason") not in _NO_FILES:
                raise
            # An app installed before the digest had no files:write: the text still goes.
            log.warning("Slack refused the chart (%s); sending the text alone", exc.params)
            return await self.send(to, message, key=key)
        files = response.get("files") or []
        file_id = str(files[0].get("id")) if files else "file"
        return Delivery(Platform.SLACK, to, f"{channel}/{file_id}")

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        channel, _, ts = delivery.message_id.partition("/")
        if not channel or not ts:
            raise ChannelUnavailable(reason="unknown_message_id", message_id=delivery.message_id)
        response = await self._call(
            "chat_update",
            channel=channel,
            ts=ts,
            text=fallback_text(message),
            blocks=blocks_from_message(message),
        )
        return Delivery(
            Platform.SLACK, delivery.recipient, f"{response['channel']}/{response['ts']}"
        )

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        channel = await self._conversation(to.address)
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            response = await self._call(
                "conversations_history",
                channel=channel,
                oldest=_epoch(since),
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                cursor=cursor,
            )
            for item in response.get("messages") or []:
                metadata = item.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == EVENT_TYPE and payload.get("key") == key:
                    return Delivery(Platform.SLACK, to, f"{channel}/{item['ts']}")
                for shared in item.get("files") or []:
                    if is_attachment_of(key, str(shared.get("name") or "")):
                        return Delivery(Platform.SLACK, to, f"{channel}/{shared.get('id')}")
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not response.get("has_more") or not cursor:
                return None
        return None

    # -- replies to a person's own click or command (adapters/slack/app.py) --------------

    async def open_view(self, *, trigger_id: str, view: dict[str, Any]) -> str:
        """Opens a modal; Slack accepts a trigger id for 3 seconds after the click."""
        response = await self._call("views_open", trigger_id=trigger_id, view=view)
        return str((response.get("view") or {}).get("id") or "")

    async def publish_home(self, *, user: str, view: dict[str, Any]) -> None:
        await self._call("views_publish", user_id=user, view=view)

    async def replace(self, *, channel: str, ts: str, message: Message) -> None:
        """Replaces a message the app posted (the clicked prompt), buttons and all."""
        await self.update(
            Delivery(
                Platform.SLACK, Recipient(Platform.SLACK, channel, channel), f"{channel}/{ts}"
            ),
            message,
        )

    async def respond(self, response_url: str, message: Message) -> None:
        """An ephemeral answer to the person who clicked or typed a command, through the
        interaction's response_url (valid 30 minutes, needs no channel membership)."""
        body = {
            "response_type": "ephemeral",
            "replace_original": False,
            "text": fallback_text(message),
            "blocks": blocks_from_message(message),
        }
        session = self._open_session()
        try:
            async with session.post(response_url, json=body) as reply:
                if reply.status >= 400:
                    raise ChannelUnavailable(reason=f"response_url_http_{reply.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise error_for(exc) from exc

    async def user_email(self, user: str) -> str | None:
        """The e-mail address in a Slack user's profile (scope users:read.email)."""
        response = await self._call("users_info", user=user)
        profile = (response.get("user") or {}).get("profile") or {}
        email = profile.get("email")
        return str(email) if email else None

    async def lookup_by_email(self, email: str) -> str | None:
        """The Slack user id for an e-mail address, or None when nobody has it."""
        try:
            response = await self._call("users_lookupByEmail", email=email)
        except RecipientGone:  # users_not_found
            return None
        user = response.get("user") or {}
        if user.get("deleted") or user.get("is_bot"):
            return None
        return str(user["id"]) if user.get("id") else None

    async def close(self) -> None:
        session, self._session = self._session, None
        for web in self._webs.values():
            web.session = None
        if session is not None and not session.closed:
            await session.close()

    async def _conversation(self, address: str) -> str:
        """The channel id history can be read from; a user id means the app's DM with them."""
        if not _is_user(address):
            return address
        lane = await self.tokens.current()
        channel = self._dm_channels.get((lane.name, address))
        if channel is None:
            response = await self._call("conversations_open", lane=lane, users=address)
            channel = str(response["channel"]["id"])
            self._dm_channels[lane.name, address] = channel
        return channel

    def _open_session(self) -> aiohttp.ClientSession:
        # A session belongs to the loop it was opened in; a new loop (another asyncio.run)
        # gets a new session rather than a pool whose sockets belong to a closed loop.
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=CONNECTIONS),
                timeout=aiohttp.ClientTimeout(total=self._timeout),
            )
            self._loop = loop
            for web in self._webs.values():
                web.session = self._session
        return self._session

    def _client(self, lane: str) -> AsyncWebClient:
        """The lane's client: its token is set per call, the session (the pool) is shared."""
        session = self._open_session()
        web = self._webs.get(lane)
        if web is None:
            # No SDK retry handlers: they would sleep inside a send, and the dispatcher owns
            # retries, backoff and Retry-After. The SDK's own timeout only applies to
            # sessions it opens itself, which it never does here; ours carries the value.
            web = self._webs[lane] = AsyncWebClient(
                token=None,  # set per call from the lane's token source
                base_url=self._base_url,
                timeout=math.ceil(self._timeout),
                retry_handlers=[],
                logger=_sdk_logger(),
                session=session,
            )
        return web

    async def _call(
        self, method: str, *, lane: Lane | None = None, **arguments: Any
    ) -> AsyncSlackResponse:
        """`method` of the lane's client (the current work's lane unless given)."""
        lane = lane or await self.tokens.current()
        web = self._client(lane.name)
        call: Callable[..., Awaitable[AsyncSlackResponse]] = getattr(web, method)
        for attempt in (1, 2):
            # The token is read per call, so a rotated token file takes effect at once;
            # every call in this lane sets the same token, so calls in flight agree.
            web.token = lane.source.get()
            try:
                return await call(**arguments)
            except _FAILURES as exc:
                error = error_for(exc)
                if not isinstance(error, CredentialsRejected):
                    raise error from exc
                if attempt == 1 and lane.source.refresh():
                    continue  # the token file was rotated since the last read: use the new one
                log.critical(
                    "ALERT: Slack refused the bot token of %s (%s). Slack sending there is "
                    "paused and its messages wait in the outbox; other workspaces go on. "
                    "Install a new token: read from a file (TERUGKOPPEL_SLACK_BOT_TOKEN_FILE, "
                    "TERUGKOPPEL_SLACK_BOT_TOKENS_DIR) it is picked up without a restart.",
                    lane.describe(),
                    error.params.get("reason"),
                )
                raise error from exc
        raise AssertionError("unreachable")


def _is_user(address: str) -> bool:
    return address[:1] in ("U", "W")


def _epoch(moment: datetime) -> str:
    if moment.tzinfo is None:  # SQLite hands timestamps back naive; the store keeps UTC
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.timestamp():.6f}"
