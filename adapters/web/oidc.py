"""OpenID Connect sign-in: authorization code flow with PKCE (S256), `state` and `nonce`,
against the organisation's identity provider (Entra ID, or any OIDC provider). authlib
builds the PKCE challenge and the authorization request; the ID token is checked with the
provider's own keys (JWKS from its discovery document): signature, issuer, audience,
expiry and nonce."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from adapters.web.session import Login

TIMEOUT = 10.0
SCOPE = "openid email profile"


class SignInFailed(Exception):
    """The provider's answer cannot be trusted or used; `why` goes to the log, never to
    the person (they read one plain sentence)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass(frozen=True)
class Identity:
    subject: str
    oid: str | None
    email: str | None
    tid: str | None = None  # the Microsoft 365 tenant (Entra's `tid`): whose municipality
    # Signed in through a multi-tenant issuer (Entra's `organizations` or `common`): any
    # Microsoft 365 tenant could have issued the token, so its `tid` must be one that a
    # municipality registered (`tenant link --teams`); no fallback to `default`.
    strict: bool = False


class OidcClient:
    def __init__(
        self, *, issuer: str, client_id: str, client_secret: str, redirect_uri: str
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self._metadata: dict[str, Any] | None = None
        self._keys: jwt.PyJWKSet | None = None
        self._lock = asyncio.Lock()

    async def _discover(self) -> dict[str, Any]:
        async with self._lock:
            if self._metadata is None:
                url = self.issuer + "/.well-known/openid-configuration"
                metadata = await _get_json(url)
                named = str(metadata.get("issuer", "")).rstrip("/")
                if named != self.issuer and not _per_tenant(named):
                    raise SignInFailed("discovery document names another issuer")
                for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                    if not str(metadata.get(field, "")).startswith("https://"):
                        raise SignInFailed(f"discovery document lacks an https {field}")
                self._metadata = metadata
            return self._metadata

    async def start(self, back: str) -> tuple[str, Login]:
        """Where to send the browser, and what the callback must find in the login cookie."""
        metadata = await self._discover()
        login = Login(
            state=generate_token(32), nonce=generate_token(32), verifier=generate_token(64),
            back=back,
        )  # fmt: skip
        url = prepare_grant_uri(
            metadata["authorization_endpoint"],
            self.client_id,
            "code",
            redirect_uri=self.redirect_uri,
            scope=SCOPE,
            state=login.state,
            nonce=login.nonce,
            code_challenge=create_s256_code_challenge(login.verifier),
            code_challenge_method="S256",
        )
        return url, login

    async def finish(self, *, code: str, login: Login) -> Identity:
        """The code exchanged (with the PKCE verifier) and the ID token verified."""
        metadata = await self._discover()
        body = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": login.verifier,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                answer = await client.post(metadata["token_endpoint"], data=body)
        except httpx.HTTPError as exc:
            raise SignInFailed(f"token endpoint unreachable: {type(exc).__name__}") from exc
        if answer.status_code != 200:
            raise SignInFailed(f"token endpoint answered {answer.status_code}")
        token = answer.json().get("id_token")
        if not isinstance(token, str):
            raise SignInFailed("no id_token in the token response")
        claims = await self._verify(token, metadata)
        if claims.get("nonce") != login.nonce:
            raise SignInFailed("nonce does not match")
        email = claims.get("email") or claims.get("preferred_username")
        return Identity(
            subject=str(claims["sub"]),
            oid=str(claims["oid"]) if claims.get("oid") else None,
            email=str(email) if email and "@" in str(email) else None,
            tid=str(claims["tid"]) if claims.get("tid") else None,
            strict=_per_tenant(str(metadata["issuer"])),
        )

    async def _verify(self, token: str, metadata: dict[str, Any]) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as exc:
            raise SignInFailed("id_token unreadable") from exc
        key = await self._key(str(kid), metadata, refresh=False)
        if key is None:  # the provider rolled its keys: fetch them once more
            key = await self._key(str(kid), metadata, refresh=True)
        if key is None:
            raise SignInFailed("id_token signed with an unknown key")
        issuer = str(metadata["issuer"])
        per_tenant = _per_tenant(issuer)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key.key,
                algorithms=["RS256", "ES256", "PS256"],
                audience=self.client_id,
                issuer=None if per_tenant else issuer,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
                leeway=60,
            )
        except jwt.PyJWTError as exc:
            raise SignInFailed(f"id_token refused: {type(exc).__name__}") from exc
        if per_tenant:  # the issuer is the one of the token's own tenant (Entra's rule)
            tid = str(claims.get("tid") or "")
            if not GUID.fullmatch(tid) or claims["iss"] != issuer.replace(TENANT_ID, tid):
                raise SignInFailed("id_token's issuer is not its own tenant's")
        return claims

    async def _key(self, kid: str, metadata: dict[str, Any], *, refresh: bool) -> jwt.PyJWK | None:
        if self._keys is None or refresh:
            self._keys = jwt.PyJWKSet.from_dict(await _get_json(metadata["jwks_uri"]))
        for key in self._keys.keys:
            if key.key_id == kid:
                return key
        return None


# Entra's multi-tenant discovery (…/organizations/v2.0) names its issuer with this
# placeholder: each token's issuer is that of the tenant that signed the person in.
TENANT_ID = "{tenantid}"
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _per_tenant(issuer: str) -> bool:
    return TENANT_ID in issuer


async def _get_json(url: str) -> dict[str, Any]:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            answer = await client.get(url)
            answer.raise_for_status()
            data = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SignInFailed(f"{url} unreadable: {type(exc).__name__}") from exc
    if not isinstance(data, dict):
        raise SignInFailed(f"{url} is not a JSON object")
    return data
