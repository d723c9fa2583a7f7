"""A fake OpenID Connect provider (Entra-shaped) over https on 127.0.0.1: its own discovery
document, JWKS, an authorize endpoint that signs in whoever the test names, and a token
endpoint that checks the client secret, the redirect URI and the PKCE verifier (S256) and
hands out a signed ID token with the nonce. It also mints Teams SSO tokens (the tab's
getAuthToken) with the same key, issuer and tenant. The certificate is made in the test
(tests/fakes/login_server.self_signed): `ca_file` is what a client trusts."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.fakes.login_server import jwk, self_signed
from tests.fakes.threaded import serve_app

KID = "fake-oidc-key-1"


@dataclass(frozen=True)
class User:
    email: str | None
    oid: str | None = None
    sub: str = field(default_factory=lambda: secrets.token_hex(8))
    tid: str | None = None  # another Microsoft 365 tenant than the fake's own (multi-tenant)


@dataclass
class _Grant:
    user: User
    challenge: str
    nonce: str
    redirect_uri: str


class FakeOidc:
    def __init__(self, *, client_id: str, client_secret: str, tenant: str, folder: Path) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.tenant = tenant
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.cert_file, self.key_file = self_signed(folder)
        self.ca_file = self.cert_file
        self.url = ""
        self.user: User | None = None  # who "types their password" at the authorize page
        self.refusals: list[str] = []  # why the provider refused a request (tests read it)
        self.authorize_requests: list[dict[str, str]] = []
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    @property
    def issuer(self) -> str:
        return f"{self.url}/{self.tenant}/v2.0"

    def sso_token(self, user: User, *, audience: str | None = None, lifetime: int = 3600) -> str:
        """A Teams SSO token for the tab (v2: audience is the client id GUID)."""
        return self._sign(user, audience or self.client_id, nonce=None, lifetime=lifetime)

    @contextmanager
    def running(self) -> Iterator[FakeOidc]:
        import ssl

        app = web.Application()
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._discovery)
        app.router.add_get("/{tenant}/oauth2/v2.0/authorize", self._authorize)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get("/{tenant}/discovery/v2.0/keys", self._keys)
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(self.cert_file, self.key_file)
        with serve_app(app, tls=tls) as url:
            self.url = url
            yield self

    def _sign(self, user: User, audience: str, *, nonce: str | None, lifetime: int) -> str:
        now = int(time.time())
        tid = user.tid or self.tenant  # Entra: the issuer is the user's own tenant's
        claims: dict[str, Any] = {
            "iss": f"{self.url}/{tid}/v2.0",
            "aud": audience,
            "sub": user.sub,
            "tid": tid,
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
            "ver": "2.0",
        }
        if user.oid:
            claims["oid"] = user.oid
        if user.email:
            claims["email"] = claims["preferred_username"] = user.email
        if nonce is not None:
            claims["nonce"] = nonce
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KID})

    def _refuse(self, why: str, status: int = 400) -> web.Response:
        with self._lock:
            self.refusals.append(why)
        return web.json_response(
            {"error": "invalid_request", "error_description": why}, status=status
        )

    async def _discovery(self, request: web.Request) -> web.Response:
        base = f"{self.url}/{request.match_info['tenant']}"
        # Entra's multi-tenant endpoints name the issuer with a placeholder for the tenant
        multi = request.match_info["tenant"] in ("organizations", "common")
        return web.json_response(
            {
                "issuer": f"{self.url}/{{tenantid}}/v2.0" if multi else f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "jwks_uri": f"{base}/discovery/v2.0/keys",
                "response_types_supported": ["code"],
                "code_challenge_methods_supported": ["S256"],
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response({"keys": [jwk(self.key, KID, [])]})

    async def _authorize(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        with self._lock:
            self.authorize_requests.append(query)
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return self._refuse("client_id or response_type")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return self._refuse("PKCE S256 challenge missing")
        if (
            not query.get("state")
            or not query.get("nonce")
            or "openid" not in query.get("scope", "")
        ):
            return self._refuse("state, nonce or scope openid missing")
        if self.user is None:
            return self._refuse("nobody signs in", 401)
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = _Grant(
                self.user, query["code_challenge"], query["nonce"], query["redirect_uri"]
            )
        back = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        raise web.HTTPFound(back)

    async def _token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return self._refuse("invalid_client", 401)
        if form.get("grant_type") != "authorization_code":
            return self._refuse("grant_type")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None:
            return self._refuse("unknown or used code")
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._refuse("redirect_uri differs")
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.challenge:
            return self._refuse("PKCE verifier does not match")
        token = self._sign(grant.user, self.client_id, nonce=grant.nonce, lifetime=3600)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3600, "access_token": "at", "id_token": token}
        )
