"""The overview as a Teams personal static tab: the tab's script asks Teams for an SSO token
(microsoftTeams.authentication.getAuthToken) and hands it to us; the Teams SDK's
TokenValidator.for_entra checks it against the tenant's issuer (v1 and v2) and JWKS, with
the client id as audience (v2: the GUID; v1: api://…). The SDK loads on first use."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import jwt

from adapters.web.oidc import GUID, Identity, SignInFailed

PUBLIC_LOGIN_URL = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class TeamsSso:
    client_id: str
    tenant_id: str
    login_url: str | None = None  # None: the public Entra login (tests: a fake on 127.0.0.1)

    async def identity(self, token: str) -> Identity:
        """The person of a Teams SSO token. A token of another Microsoft 365 tenant than
        the app's own is checked against that tenant's issuer and keys and comes back
        `strict`: its tenant must be one a municipality registered."""
        from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides
        from microsoft_teams.apps.auth.token_validator import TokenValidator

        cloud = with_overrides(
            PUBLIC, login_endpoint=(self.login_url or PUBLIC_LOGIN_URL).rstrip("/")
        )
        issued_by = _unverified_tid(token) or self.tenant_id
        validator = TokenValidator.for_entra(self.client_id, issued_by, cloud=cloud)
        try:
            # PyJWKClient fetches the keys with urllib: off the event loop
            claims: dict[str, Any] = await asyncio.to_thread(
                lambda: asyncio.run(validator.validate_token(token))
            )
        except (jwt.PyJWTError, ValueError) as exc:
            raise SignInFailed(f"Teams token refused: {type(exc).__name__}") from exc
        if claims.get("tid") not in (None, issued_by):
            raise SignInFailed("Teams token of another tenant")
        email = claims.get("preferred_username") or claims.get("upn") or claims.get("email")
        return Identity(
            subject=str(claims.get("sub", "")),
            oid=str(claims["oid"]) if claims.get("oid") else None,
            email=str(email) if email and "@" in str(email) else None,
            tid=str(claims["tid"]) if claims.get("tid") else None,
            strict=issued_by != self.tenant_id,
        )


def _unverified_tid(token: str) -> str | None:
    """The `tid` the token claims, read before it is checked: only to choose whose issuer
    and keys check it (a GUID, or nothing: the app's own tenant then checks it)."""
    try:
        tid = jwt.decode(token, options={"verify_signature": False}).get("tid")
    except jwt.PyJWTError:
        return None
    return tid if isinstance(tid, str) and GUID.fullmatch(tid) else None
