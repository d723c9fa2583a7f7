"""A fake Entra login endpoint and Bot Framework OpenID metadata, over https on 127.0.0.1.

It hands out client-credential tokens (MSAL's tenant discovery and token endpoint) for the
app's own tenant and for every other Microsoft 365 tenant that consented to the app
(`consent`), refuses a tenant that did not (`refuse`: AADSTS700016, as Entra answers), serves
the Bot Framework's OpenID metadata and JWKS, and signs activity tokens as the Bot
Framework does (RS256, kid, issuer https://api.botframework.com, serviceurl claim). Its TLS
certificate is self-signed for 127.0.0.1; `ca_file` is what a test trusts through the
normal settings (SSL_CERT_FILE, REQUESTS_CA_BUNDLE).
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jwt
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.fakes.threaded import serve_app

BOT_ISSUER = "https://api.botframework.com"
KID = "fake-bf-key-1"


def _rsa() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for https://127.0.0.1, valid for a day."""
    key = _rsa()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "login-cert.pem", folder / "login-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwk(key: rsa.RSAPrivateKey, kid: str, endorsements: list[str]) -> dict[str, Any]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "RSA",
        "use": "sig",
        "kid": kid,
        "n": _b64(numbers.n),
        "e": _b64(numbers.e),
        "endorsements": endorsements,
    }


class FakeLogin:
    def __init__(self, *, app_id: str, password: str, tenant: str, ca_folder: Path) -> None:
        self.app_id = app_id
        self.password = password
        self.tenant = tenant
        self.consented: set[str] = {tenant}  # tenants that give the app tokens
        self.refusing: dict[str, int] = {}  # tenant -> the token endpoint's HTTP status
        self.issued: dict[str, tuple[str, str]] = {}  # access token -> (tenant, scope)
        self.key = _rsa()  # the Bot Framework's signing key
        self.other_key = _rsa()  # a key the JWKS does not list
        self.cert_file, self.key_file = self_signed(ca_folder)
        self.ca_file = self.cert_file
        self.url = ""
        # Every token request's form, with the tenant of its authority under "tenant".
        self.token_requests: list[dict[str, str]] = []
        self.key_reads = 0
        self._lock = threading.Lock()

    # -- what tests use -------------------------------------------------------------------

    def consent(self, tenant: str) -> None:
        """An administrator of `tenant` consented to the app: it gives tokens."""
        with self._lock:
            self.consented.add(tenant)
            self.refusing.pop(tenant, None)

    def refuse(self, tenant: str, status: int = 401) -> None:
        """`tenant` knows the app no more (consent withdrawn, or never given)."""
        with self._lock:
            self.consented.discard(tenant)
            self.refusing[tenant] = status

    def tenant_of(self, token: str, scope: str) -> str | None:
        """The tenant that issued `token` for `scope`, or None when none did."""
        with self._lock:
            issued = self.issued.get(token)
        return issued[0] if issued is not None and issued[1] == scope else None

    def tenants_asked(self, scope: str) -> list[str]:
        """The tenant of each token request for `scope`, in order."""
        with self._lock:
            return [r["tenant"] for r in self.token_requests if r.get("scope") == scope]

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    def public_pem(self) -> bytes:
        return self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def activity_token(
        self,
        service_url: str,
        *,
        issuer: str = BOT_ISSUER,
        audience: str | None = None,
        issued: float | None = None,
        lifetime: float = 3600,
        not_before: float | None = None,
        kid: str = KID,
        key: Any = None,
        algorithm: str = "RS256",
        serviceurl: str | None = None,
    ) -> str:
        """A token as the Bot Framework signs an activity for our app."""
        now = time.time() if issued is None else issued
        claims = {
            "iss": issuer,
            "aud": audience or self.app_id,
            "iat": int(now),
            "nbf": int(now if not_before is None else not_before),
            "exp": int(now + lifetime),
            "serviceurl": serviceurl if serviceurl is not None else service_url,
        }
        signing = self.key if key is None else key
        return jwt.encode(claims, signing, algorithm=algorithm, headers={"kid": kid})

    # -- the server -----------------------------------------------------------------------

    @contextmanager
    def running(self) -> Iterator[FakeLogin]:
        app = web.Application()
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._discovery)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get("/v1/.well-known/openidconfiguration", self._bf_metadata)
        app.router.add_get("/v1/.well-known/keys", self._bf_keys)
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(self.cert_file, self.key_file)
        with serve_app(app, tls=tls) as url:
            self.url = url
            yield self

    async def _discovery(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        base = f"{self.url}/{tenant}"
        return web.json_response(
            {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "issuer": f"{base}/v2.0",
                "jwks_uri": f"{base}/discovery/v2.0/keys",
                "response_types_supported": ["code", "token"],
            }
        )

    async def _token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        tenant = request.match_info["tenant"]
        with self._lock:
            self.token_requests.append({**form, "tenant": tenant})
            refusing = self.refusing.get(tenant)
            consented = tenant in self.consented
        if form.get("client_id") != self.app_id or form.get("client_secret") != self.password:
            return web.json_response(
                {"error": "invalid_client", "error_description": "AADSTS7000215: bad secret"},
                status=401,
            )
        if refusing is not None:
            return web.json_response(
                {
                    "error": "unauthorized_client",
                    "error_description": (
                        f"AADSTS700016: Application with identifier '{self.app_id}' was not "
                        f"found in the directory '{tenant}'. This can happen if the "
                        "application has not been installed by the administrator of the "
                        "tenant or consented to by any user in the tenant."
                    ),
                    "error_codes": [700016],
                },
                status=refusing,
            )
        if not consented:
            return web.json_response({"error": "invalid_request"}, status=400)
        scope = form.get("scope", "")
        # The app's own tenant's tokens as before; another tenant's say whose they are.
        token = f"token:{scope}" if tenant == self.tenant else f"token:{scope}@{tenant}"
        with self._lock:
            self.issued[token] = (tenant, scope)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3599, "access_token": token}
        )

    async def _bf_metadata(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": BOT_ISSUER,
                "jwks_uri": f"{self.url}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def _bf_keys(self, request: web.Request) -> web.Response:
        with self._lock:
            self.key_reads += 1
        return web.Response(
            text=json.dumps({"keys": [jwk(self.key, KID, ["msteams", "emulator"])]}),
            content_type="application/json",
        )
