"""Sends and updates proactive messages through the Bot Connector REST API (the ChatAdapter
for Teams). A person without a conversation yet gets the app installed through Graph."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import quote

import aiohttp

from adapters.teams.auth import BOT_SCOPE, AppTokens, tls_context
from adapters.teams.cards import activity_from_message
from adapters.teams.errors import error_for
from adapters.teams.graph import GraphDirectory
from bot.app.chat import conversations
from bot.app.chat.conversations import ConversationRef
from bot.app.chat.who import PresenceSource
from bot.app.data import Data
from bot.app.tenants import IdentityKinds, TenantFinder, current_tenant
from bot.domain.errors import (
    ChannelUnavailable,
    DeliveryFailed,
    ReachElsewhere,
    RecipientGone,
    RetrySoon,
)
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import Attachment, Delivery, Recipient

log = logging.getLogger(__name__)
CONNECTIONS = 100
# Graph answers that mean: this person cannot get the app (not licensed for Teams, app
# blocked by policy, not in the catalogue, permission not granted).
_NOT_INSTALLABLE = ("http_403", "http_404", "teams_app_not_in_catalog", "http_400")


class TeamsAdapter:
    platform: ClassVar[Platform] = Platform.TEAMS
    # Teams allows 7 messages per second per conversation (and 30 per app per tenant, which
    # the dispatcher applies through TERUGKOPPEL_TEAMS_APP_RATE).
    channel_interval: ClassVar[float] = 1 / 7

    def __init__(
        self,
        data: Data,
        tokens: AppTokens,
        *,
        app_id: str,
        tenant_id: str,
        service_url: str,
        graph: GraphDirectory | None,
        tenants: TenantFinder | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.data = data
        self.tokens = tokens
        self.app_id = app_id
        self.tenant_id = tenant_id  # a municipality without a Microsoft 365 tenant of its own
        # Which municipality has which Microsoft 365 tenant (tenant link --teams); the
        # endpoint reads the same cache to find an activity's municipality.
        self.tenants = tenants or TenantFinder(data.uow)
        self.service_url = service_url.rstrip("/")
        self.graph = graph
        # Contact persons' presence for "wie" answers (TERUGKOPPEL_GRAPH_PRESENCE), if on.
        self.presence: PresenceSource | None = None
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        # Consecutive 412/502/504 answers per conversation: the backoff's attempt number.
        self._failing: dict[str, int] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- the ChatAdapter port -------------------------------------------------------------

    async def send(self, to: Recipient, message: Message, *, key: str) -> Delivery:
        ref = await self.reference(to)
        activity = activity_from_message(message)
        body = await self.post_activity(ref, activity)
        return Delivery(Platform.TEAMS, to, _message_id(ref, str(body.get("id") or "")))

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str
    ) -> Delivery:
        """The message with its chart in one card (the Bot Connector takes up to about
        100 KB an activity; a digest chart is a fraction of that)."""
        ref = await self.reference(to)
        body = await self.post_activity(ref, activity_from_message(message, attachment))
        return Delivery(Platform.TEAMS, to, _message_id(ref, str(body.get("id") or "")))

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        conversation, _, activity_id = delivery.message_id.rpartition("|")
        if not conversation or not activity_id:
            raise ChannelUnavailable(reason="unknown_message_id", message_id=delivery.message_id)
        ref = await asyncio.to_thread(self._stored, conversation) or ConversationRef(
            conversation, self.service_url, "channel", await self.m365_tenant()
        )
        await self.update_activity(ref, activity_id, activity_from_message(message))
        return delivery

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        """The Bot Connector cannot list a conversation's history: cannot tell, send again."""
        return None

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    # -- conversations --------------------------------------------------------------------

    async def m365_tenant(self) -> str:
        """The Microsoft 365 tenant of the municipality this work is for (the dispatcher
        sends each message as its row's): its own (`tenant link --teams`), else the
        installation's TERUGKOPPEL_TEAMS_TENANT_ID."""
        own = await self.tenants.identity_of_soon(IdentityKinds.TEAMS, current_tenant())
        return own or self.tenant_id

    async def reference(self, to: Recipient) -> ConversationRef:
        """Where to post: the stored reference (which keeps its own Microsoft 365 tenant);
        for a person without one, the chat Graph opens when it installs the app for them in
        their municipality's Microsoft 365 tenant."""
        if to.person_id is None:  # a team channel: its id is the conversation id
            stored = await asyncio.to_thread(self._stored, to.address)
            return stored or ConversationRef(
                to.address, self.service_url, "channel", await self.m365_tenant()
            )
        stored = await asyncio.to_thread(self._personal, to.address)
        if stored is not None:
            return stored
        if self.graph is None:
            raise ReachElsewhere(reason="teams_no_conversation")
        m365 = await self.m365_tenant()
        try:
            chat_id = await self.graph.install_for(to.address, tenant=m365)
        except DeliveryFailed as exc:
            reason = str(exc.params.get("reason") or "")
            if isinstance(exc, ChannelUnavailable) or reason.startswith(_NOT_INSTALLABLE):
                raise ReachElsewhere(reason=f"teams_not_installable: {reason}") from exc
            raise
        ref = ConversationRef(chat_id, self.service_url, "personal", m365, user_aad_id=to.address)
        await asyncio.to_thread(self.remember, ref)
        log.info("Teams: app installed for %s through Graph", to.person_id)
        return ref

    def remember(self, ref: ConversationRef) -> str | None:
        return conversations.remember(self.data, ref, now=datetime.now(UTC))

    def forget(self, conversation_id: str) -> None:
        conversations.forget(self.data, conversation_id)

    def _stored(self, conversation_id: str) -> ConversationRef | None:
        return conversations.by_conversation(self.data, conversation_id)

    def _personal(self, user_aad_id: str) -> ConversationRef | None:
        return conversations.personal(self.data, user_aad_id)

    # -- the Bot Connector ----------------------------------------------------------------

    async def post_activity(
        self, ref: ConversationRef, activity: Mapping[str, Any]
    ) -> dict[str, Any]:
        url = f"{ref.service_url.rstrip('/')}/v3/conversations/{quote(ref.conversation_id, safe='')}/activities"
        body = {**activity, "conversation": _conversation(ref)}
        return await self._call("POST", url, body, conversation=ref.conversation_id)

    async def update_activity(
        self, ref: ConversationRef, activity_id: str, activity: Mapping[str, Any]
    ) -> dict[str, Any]:
        url = (
            f"{ref.service_url.rstrip('/')}/v3/conversations/"
            f"{quote(ref.conversation_id, safe='')}/activities/{quote(activity_id, safe='')}"
        )
        body = {**activity, "id": activity_id, "conversation": _conversation(ref)}
        return await self._call("PUT", url, body, conversation=ref.conversation_id)

    async def _call(
        self, method: str, url: str, body: Mapping[str, Any], *, conversation: str
    ) -> dict[str, Any]:
        token = await self.tokens.token(BOT_SCOPE)
        session = self._client()
        try:
            async with session.request(
                method, url, json=dict(body), headers={"Authorization": f"Bearer {token}"}
            ) as response:
                try:
                    data: Any = await response.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError):
                    data = None
                if response.status >= 400:
                    attempt = self._failing.get(conversation, 0)
                    error = error_for(response.status, response.headers, data, attempt=attempt)
                    if isinstance(error, RetrySoon):
                        self._failing[conversation] = attempt + 1
                    if isinstance(error, RecipientGone):
                        log.warning("Teams conversation gone (%s): %s", url, error)
                    raise error
                self._failing.pop(conversation, None)
                return data if isinstance(data, dict) else {}
        except TimeoutError as exc:
            raise DeliveryFailed(reason="timeout") from exc
        except aiohttp.ClientError as exc:
            raise DeliveryFailed(reason=f"connection: {type(exc).__name__}") from exc

    def _client(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=CONNECTIONS, ssl=tls_context()),
                timeout=aiohttp.ClientTimeout(total=self._timeout),
            )
            self._loop = loop
        return self._session


def _conversation(ref: ConversationRef) -> dict[str, str]:
    """The activity's conversation as the Bot Framework's continueConversation fills it in
    from a reference: its id and, where known, its Microsoft 365 tenant."""
    found = {"id": ref.conversation_id}
    if ref.tenant_id:
        found["tenantId"] = ref.tenant_id
    return found


def _message_id(ref: ConversationRef, activity_id: str) -> str:
    return f"{ref.conversation_id}|{activity_id}"
