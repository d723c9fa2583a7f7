"""Microsoft Graph through msgraph-sdk: people by e-mail, out-of-office, presence, and
installing the app for a person so the bot can message them first."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from azure.core.credentials import AccessToken
from kiota_abstractions.api_error import APIError
from kiota_abstractions.base_request_configuration import RequestConfiguration

from adapters.teams.auth import GRAPH_SCOPE, AppTokens
from adapters.teams.errors import error_for
from bot.domain.errors import ChannelUnavailable, DeliveryFailed

if TYPE_CHECKING:  # msgraph-sdk loads on first use: it is most of Teams' start-up cost
    from msgraph.graph_service_client import GraphServiceClient

log = logging.getLogger(__name__)
TOKEN_LIFETIME = 3000  # seconds; MSAL renews its cached token before it expires
PRESENCE_BATCH = 650  # ids per getPresencesByUserId call, Graph's limit


@dataclass(frozen=True)
class OutOfOffice:
    """A person's automatic replies: on now, and the last day if scheduled."""

    on: bool
    start: datetime | None = None
    end: datetime | None = None


class _Credential:
    """The azure-core async credential msgraph-sdk asks for, backed by our MSAL client for
    one Microsoft 365 tenant."""

    def __init__(self, tokens: AppTokens, tenant: str) -> None:
        self._tokens = tokens
        self._tenant = tenant

    async def get_token(self, *scopes: str, **_: Any) -> AccessToken:
        token = await self._tokens.token(GRAPH_SCOPE, tenant=self._tenant)
        return AccessToken(token, int(datetime.now(UTC).timestamp()) + TOKEN_LIFETIME)

    async def close(self) -> None:
        return None

    async def __aenter__(self) -> _Credential:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None


class GraphDirectory:
    """Graph for every Microsoft 365 tenant the app serves: each call names the tenant
    whose people it reads (None: the app's own, TERUGKOPPEL_TEAMS_TENANT_ID), and gets a
    client with a token from that tenant's authority."""

    def __init__(self, tokens: AppTokens, *, base_url: str, app_id: str) -> None:
        self.tokens = tokens
        self.base_url = base_url.rstrip("/")
        self.app_id = app_id
        self._catalog_ids: dict[str, str] = {}  # each organisation has its own catalogue
        self._clients: dict[str, GraphServiceClient] = {}

    def client(self, tenant: str | None = None) -> GraphServiceClient:
        tenant = tenant or self.tokens.tenant_id
        found = self._clients.get(tenant)
        if found is None:
            # msgraph-sdk loads here, on first use: it is most of Teams' start-up cost.
            from kiota_authentication_azure.azure_identity_authentication_provider import (
                AzureIdentityAuthenticationProvider,
            )
            from msgraph.graph_request_adapter import GraphRequestAdapter
            from msgraph.graph_service_client import GraphServiceClient

            host = urlparse(self.base_url).hostname or "graph.microsoft.com"
            auth = AzureIdentityAuthenticationProvider(
                _Credential(self.tokens, tenant), scopes=[GRAPH_SCOPE], allowed_hosts=[host]
            )
            adapter = GraphRequestAdapter(auth)
            adapter.base_url = self.base_url
            found = self._clients[tenant] = GraphServiceClient(request_adapter=adapter)
        return found

    async def user_by_email(self, email: str, *, tenant: str | None = None) -> str | None:
        """The Entra object id of the account with this mail address or sign-in name."""
        client = self.client(tenant)
        quoted = email.replace("'", "''")
        config = RequestConfiguration(
            query_parameters=client.users.UsersRequestBuilderGetQueryParameters(
                filter=f"mail eq '{quoted}' or userPrincipalName eq '{quoted}'",
                select=["id", "mail", "userPrincipalName", "accountEnabled"],
            )
        )
        result = await self._call(client.users.get(request_configuration=config))
        for user in (result.value if result else None) or []:
            if user.id and user.account_enabled is not False:
                return str(user.id)
        return None

    async def out_of_office(self, user_id: str, *, tenant: str | None = None) -> OutOfOffice:
        """mailboxSettings/automaticRepliesSetting (MailboxSettings.Read)."""
        user = self.client(tenant).users.by_user_id(user_id)
        settings = await self._call(user.mailbox_settings.get())
        replies = settings.automatic_replies_setting if settings else None
        status = str(getattr(replies, "status", "") or "").lower()
        status = status.rsplit(".", 1)[-1]  # the SDK's enum prints as Class.value
        if replies is None or status in ("", "disabled"):
            return OutOfOffice(False)
        if status == "alwaysenabled":
            return OutOfOffice(True)
        return OutOfOffice(
            True,
            _moment(replies.scheduled_start_date_time),
            _moment(replies.scheduled_end_date_time),
        )

    async def presences(
        self, user_ids: Sequence[str], *, tenant: str | None = None
    ) -> dict[str, str]:
        """Entra object id -> Teams availability (`Available`, `Busy`, `Away`, …) through
        `POST /communications/getPresencesByUserId` (Presence.Read.All), up to 650 ids a
        call. Ids Graph does not answer for are left out."""
        # A msgraph-sdk model, loaded on first use (start-up cost, as `client`).
        from msgraph.generated.communications.get_presences_by_user_id.get_presences_by_user_id_post_request_body import (
            GetPresencesByUserIdPostRequestBody,
        )

        communications = self.client(tenant).communications
        wanted = list(dict.fromkeys(user_ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), PRESENCE_BATCH):
            body = GetPresencesByUserIdPostRequestBody(ids=wanted[start : start + PRESENCE_BATCH])
            result = await self._call(communications.get_presences_by_user_id.post(body))
            for presence in (result.value if result else None) or []:
                if presence.id and presence.availability:
                    found[str(presence.id)] = str(presence.availability)
        return found

    async def install_for(self, user_id: str, *, tenant: str | None = None) -> str:
        """Installs the app in the person's personal scope (TeamsAppInstallation.
        ReadWriteSelfForUser.All) in their Microsoft 365 tenant unless it is there, and
        returns the chat id of the bot's 1:1 conversation with them."""
        teamwork = self.client(tenant).users.by_user_id(user_id).teamwork
        config = RequestConfiguration(
            query_parameters=teamwork.installed_apps.InstalledAppsRequestBuilderGetQueryParameters(
                expand=["teamsApp"], filter=f"teamsApp/externalId eq '{self.app_id}'"
            )
        )
        found = await self._call(teamwork.installed_apps.get(request_configuration=config))
        installations = (found.value if found else None) or []
        if installations and installations[0].id:
            installation = str(installations[0].id)
        else:
            # A msgraph-sdk model, loaded on first use (start-up cost, as `client`).
            from msgraph.generated.models.user_scope_teams_app_installation import (
                UserScopeTeamsAppInstallation,
            )

            catalog = await self._catalog(tenant or self.tokens.tenant_id)
            body = UserScopeTeamsAppInstallation(
                additional_data={
                    "teamsApp@odata.bind": f"{self.base_url}/appCatalogs/teamsApps/{catalog}"
                }
            )
            created = await self._call(teamwork.installed_apps.post(body))
            if created is None or not created.id:
                raise DeliveryFailed(reason="graph: installation without id")
            installation = str(created.id)
        item = teamwork.installed_apps.by_user_scope_teams_app_installation_id(installation)
        chat = await self._call(item.chat.get())
        if chat is None or not chat.id:
            raise DeliveryFailed(reason="graph: no chat for the installation")
        return str(chat.id)

    async def _catalog(self, tenant: str) -> str:
        """The app's id in the organisation's catalogue (the manifest id is its externalId)."""
        if tenant not in self._catalog_ids:
            apps = self.client(tenant).app_catalogs.teams_apps
            config = RequestConfiguration(
                query_parameters=apps.TeamsAppsRequestBuilderGetQueryParameters(
                    filter=f"externalId eq '{self.app_id}'"
                )
            )
            found = await self._call(apps.get(request_configuration=config))
            values = (found.value if found else None) or []
            if not values or not values[0].id:
                raise ChannelUnavailable(reason="teams_app_not_in_catalog")
            self._catalog_ids[tenant] = str(values[0].id)
        return self._catalog_ids[tenant]

    async def _call(self, request: Any) -> Any:
        try:
            return await request
        except APIError as exc:
            status = int(exc.response_status_code or 0)
            headers = dict(exc.response_headers or {})
            raise error_for(status, headers, None) from exc
        except DeliveryFailed:
            raise
        except Exception as exc:  # httpx connection errors, time-outs
            raise DeliveryFailed(reason=f"graph: {type(exc).__name__}") from exc

    async def close(self) -> None:
        return None


def _moment(value: Any) -> datetime | None:
    """Graph's dateTimeTimeZone; the mailbox answers in UTC unless asked otherwise."""
    if value is None or not getattr(value, "date_time", None):
        return None
    text = str(value.date_time).rstrip("Z")
    if "." in text:
        head, fraction = text.split(".", 1)
        text = f"{head}.{fraction[:6]}"
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
