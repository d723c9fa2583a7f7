"""Bot Framework authentication both ways: app tokens from Entra (MSAL) for outbound calls,
and the JWT check on every inbound activity (issuer, audience, lifetime, RS256 signature
from the Bot Framework's keys, and the serviceurl claim)."""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
import msal
from jwt.algorithms import RSAAlgorithm

from bot.app.tenants import current_tenant
from bot.domain.errors import CredentialsRejected, DeliveryFailed, RetrySoon

log = logging.getLogger(__name__)

PUBLIC_LOGIN_URL = "https://login.microsoftonline.com"
PUBLIC_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOT_ISSUER = "https://api.botframework.com"
BOT_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
MAX_SKEW = 300  # seconds of clock skew accepted on exp / nbf / iat
KEYS_TTL = 24 * 3600.0  # the Bot Framework rotates its keys; read them at least daily
KEYS_REFRESH_MIN = 300.0  # an unknown key id refetches the keys at most every 5 minutes
# A municipality's Microsoft 365 tenant that refused a token is asked again after this long
# (its messages wait as long in the outbox; the consent is an administrator's step).
REFUSED_QUIET = 600.0
# Entra's answers that mean "not for this app": wrong credentials in the app's own tenant;
# in a municipality's tenant most often no consent (AADSTS700016) or no such tenant.
REFUSALS = frozenset({"invalid_client", "unauthorized_client", "invalid_request", "no_tenant"})


def tls_context() -> ssl.SSLContext:
    """The system trust store (SSL_CERT_FILE / SSL_CERT_DIR where set), read when called,
    not the one aiohttp caches when it is imported."""
    return ssl.create_default_context()


class TenantRefused(RetrySoon):
    """A municipality's Microsoft 365 tenant gives the app no token (most often: nobody
    there consented to the app yet). Only that municipality's Graph reading and new
    conversations wait; its messages stay in the outbox and go out once it does."""


class AppTokens:
    """Client-credential tokens of the bot's Entra app: one MSAL client per authority
    (`{login_url}/{tenant}`), as the Teams SDK keeps one per tenant. The app's own tenant
    (TERUGKOPPEL_TEAMS_TENANT_ID) gives the Bot Connector's token and default's Graph
    token; each municipality's Microsoft 365 tenant gives the Graph tokens for its people.
    MSAL caches tokens until shortly before they expire. Instance discovery is off: MSAL
    would otherwise ask login.microsoftonline.com about any login host it does not know,
    which an offline deployment (or a test with a local login server) cannot answer."""

    def __init__(self, *, app_id: str, password: str, tenant_id: str, login_url: str) -> None:
        self._app_id = app_id
        self._password = password
        self.tenant_id = tenant_id  # the app's own: the Bot Connector's token comes from it
        self._login_url = login_url.rstrip("/")
        self._msal: dict[str, msal.ConfidentialClientApplication] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # A tenant that refused: not asked again before this (monotonic) moment.
        self._refused_until: dict[str, float] = {}

    def _acquire(self, tenant: str, scope: str) -> dict[str, Any]:
        # MSAL reads the tenant's OpenID configuration when the client is built: built on
        # first use, in a worker thread, so start-up needs no network and a login page that
        # is down is a passing delivery failure, not a crash.
        client = self._msal.get(tenant)
        if client is None:
            client = msal.ConfidentialClientApplication(
                self._app_id,
                client_credential=self._password,
                authority=f"{self._login_url}/{tenant}",
                instance_discovery=False,
            )
            self._msal[tenant] = client
        result: dict[str, Any] = client.acquire_token_for_client([scope])
        return result

    async def token(self, scope: str, *, tenant: str | None = None) -> str:
        """A token from `tenant`'s authority; None: the app's own tenant."""
        tenant = tenant or self.tenant_id
        own = tenant == self.tenant_id
        waiting = self._refused_until.get(tenant, 0.0) - time.monotonic()
        if not own and waiting > 0:  # refused a moment ago: do not ask again yet
            raise TenantRefused(retry_after=waiting, reason="login: refused", m365=tenant)
        lock = self._locks.setdefault(tenant, asyncio.Lock())
        async with lock:  # one token request per tenant at a time; the rest read MSAL's cache
            try:
                result = await asyncio.to_thread(self._acquire, tenant, scope)
            except ValueError as exc:  # MSAL: the tenant's OpenID configuration is refused
                if own:
                    raise DeliveryFailed(reason=f"login: {type(exc).__name__}") from exc
                result = {"error": "no_tenant", "error_description": str(exc)[:120]}
            except Exception as exc:  # requests' connection errors, a login page that is down
                raise DeliveryFailed(reason=f"login: {type(exc).__name__}") from exc
        if "access_token" in result:
            if self._refused_until.pop(tenant, None) is not None:
                log.warning("Microsoft 365 tenant %s gives the Teams app tokens again", tenant)
            return str(result["access_token"])
        error = str(result.get("error") or "unknown")
        if not own and error in REFUSALS:
            raise self._refused(tenant, error, str(result.get("error_description") or ""))
        if own and error in REFUSALS:
            log.critical(
                "ALERT: Entra refused the Teams app credentials (%s). Teams sending is paused; "
                "check TERUGKOPPEL_TEAMS_APP_ID / _APP_PASSWORD / _TENANT_ID.",
                error,
            )
            raise CredentialsRejected(retry_after=60.0, reason=f"login: {error}")
        raise DeliveryFailed(reason=f"login: {error}")

    def _refused(self, tenant: str, error: str, description: str) -> TenantRefused:
        """A municipality's tenant said no: alert once (until it gives a token again), and
        leave it alone for a while; the other tenants go on."""
        if tenant not in self._refused_until:
            code = description.split(":", 1)[0] if description.startswith("AADSTS") else ""
            log.critical(
                "ALERT: Microsoft 365 tenant %s (municipality %s) gives the Teams app no token "
                "(%s%s). Its Graph reading and new Teams conversations wait; an administrator "
                "of that tenant must consent to the app (docs/tenants.md).",
                tenant,
                current_tenant(),
                error,
                f", {code}" if code else "",
            )
        self._refused_until[tenant] = time.monotonic() + REFUSED_QUIET
        return TenantRefused(retry_after=REFUSED_QUIET, reason=f"login: {error}", m365=tenant)


class Refused(Exception):
    """An inbound request that is not the Bot Framework's: `status` is 401 or 403."""

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason
        super().__init__(reason)


@dataclass
class _Keys:
    by_kid: dict[str, tuple[Any, list[str]]]
    fetched_at: float


class InboundCheck:
    """Checks the Authorization header of an activity before anything else reads it."""

    def __init__(self, *, app_id: str, openid_metadata_url: str, timeout: float = 10.0) -> None:
        self.app_id = app_id
        self.metadata_url = openid_metadata_url
        self.timeout = timeout
        self._keys: _Keys | None = None
        self._lock = asyncio.Lock()

    async def check(self, authorization: str | None, activity: Mapping[str, Any]) -> dict[str, Any]:
        """The token's claims, or Refused. Only RS256 is accepted, whatever the header says."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Refused(401, "missing bearer token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Refused(401, f"unreadable token: {exc}") from exc
        if header.get("alg") != "RS256":
            raise Refused(401, f"algorithm {header.get('alg')!r} is not RS256")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Refused(401, "token has no key id")
        key, endorsements = await self._key(kid)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=self.app_id,
                issuer=BOT_ISSUER,
                leeway=MAX_SKEW,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise Refused(401, f"invalid token: {type(exc).__name__}: {exc}") from exc
        channel = str(activity.get("channelId") or "")
        if endorsements and channel not in endorsements:
            raise Refused(403, f"key is not endorsed for channel {channel!r}")
        service_url = str(activity.get("serviceUrl") or "").rstrip("/")
        claimed = str(claims.get("serviceurl") or "").rstrip("/")
        if not claimed or claimed != service_url:
            raise Refused(403, "serviceurl claim does not match the activity's serviceUrl")
        return claims

    async def _key(self, kid: str) -> tuple[Any, list[str]]:
        keys = self._keys
        stale = keys is None or time.monotonic() - keys.fetched_at > KEYS_TTL
        if keys is not None and not stale and kid in keys.by_kid:
            return keys.by_kid[kid]
        async with self._lock:
            keys = self._keys
            recent = keys is not None and time.monotonic() - keys.fetched_at < KEYS_REFRESH_MIN
            if keys is None or stale or (kid not in keys.by_kid and not recent):
                try:
                    self._keys = keys = await self._fetch()
                except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as exc:
                    log.error("Bot Framework keys could not be read: %s", exc)
                    if keys is None:
                        raise Refused(401, "signing keys unavailable") from exc
        if kid not in keys.by_kid:
            raise Refused(401, "unknown key id")
        return keys.by_kid[kid]

    async def _fetch(self) -> _Keys:
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        connector = aiohttp.TCPConnector(ssl=tls_context())
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
            async with session.get(self.metadata_url) as response:
                response.raise_for_status()
                metadata = await response.json(content_type=None)
            async with session.get(str(metadata["jwks_uri"])) as response:
                response.raise_for_status()
                jwks = await response.json(content_type=None)
        by_kid: dict[str, tuple[Any, list[str]]] = {}
        for jwk in jwks.get("keys") or []:
            if jwk.get("kty") != "RSA" or not jwk.get("kid"):
                continue
            key = RSAAlgorithm.from_jwk(json.dumps(jwk))
            by_kid[str(jwk["kid"])] = (key, [str(e) for e in jwk.get("endorsements") or []])
        return _Keys(by_kid, time.monotonic())
