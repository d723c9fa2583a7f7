"""A fake Microsoft identity platform token endpoint and Graph `users` on 127.0.0.1, for
`terugkoppel check`: client-credentials tokens and Graph's error bodies as the real
services send them (AADSTS codes, Authorization_RequestDenied)."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web

GRAPH_SCOPE = "https://graph.microsoft.com/.default"


class FakeMicrosoft:
    def __init__(
        self,
        *,
        tenant: str,
        app_id: str,
        password: str,
        graph_permission: bool = True,
        consented: tuple[str, ...] = (),
        refusing: tuple[str, ...] = (),
    ) -> None:
        self.tenant = tenant
        # Other Microsoft 365 tenants: those whose administrator consented to the app, and
        # those that know it not (AADSTS700016, as Entra answers a tenant without consent).
        self.consented = set(consented)
        self.refusing = set(refusing)
        self.app_id = app_id
        self.password = password
        self.graph_permission = graph_permission  # User.Read.All granted with admin consent
        self.url = ""  # the login authority, e.g. http://127.0.0.1:1234
        self.graph_url = ""  # e.g. http://127.0.0.1:1234/v1.0
        self.token_requests: list[dict[str, str]] = []  # without the secret
        self._tokens: dict[str, str] = {}  # access token -> scope
        self._runner: web.AppRunner | None = None

    @classmethod
    @contextmanager
    def running(cls, **options: Any) -> Iterator[FakeMicrosoft]:
        fake = cls(**options)
        loop = asyncio.new_event_loop()
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(fake._start())
            started.set()
            loop.run_forever()
            loop.run_until_complete(fake._stop())
            loop.close()

        thread = threading.Thread(target=serve, name="fake-microsoft", daemon=True)
        thread.start()
        if not started.wait(10):
            raise RuntimeError("fake Microsoft did not start")
        try:
            yield fake
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get("/v1.0/users", self._users)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        self.graph_url = f"{self.url}/v1.0"

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        self.token_requests.append(
            {
                "tenant": request.match_info["tenant"],
                "grant_type": str(form.get("grant_type")),
                "client_id": str(form.get("client_id")),
                "scope": str(form.get("scope")),
            }
        )
        if request.match_info["tenant"] in self.refusing:
            return _aad_error(
                400,
                "unauthorized_client",
                700016,
                f"Application with identifier '{self.app_id}' was not found in the "
                f"directory '{request.match_info['tenant']}'. This can happen if the "
                "application has not been installed by the administrator of the tenant.",
            )
        if request.match_info["tenant"] not in (self.tenant, "botframework.com", *self.consented):
            return _aad_error(
                400,
                "invalid_request",
                90002,
                f"Tenant '{request.match_info['tenant']}' not found.",
            )
        if form.get("grant_type") != "client_credentials":
            return _aad_error(400, "unsupported_grant_type", 70003, "The app requested an "
                              "unsupported grant type.")  # fmt: skip
        if form.get("client_id") != self.app_id:
            return _aad_error(
                400, "unauthorized_client", 700016, "Application was not found in the directory."
            )
        if form.get("client_secret") != self.password:
            return _aad_error(401, "invalid_client", 7000215, "Invalid client secret provided.")
        token = secrets.token_urlsafe(24)
        self._tokens[token] = str(form.get("scope"))
        return web.json_response(
            {
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": token,
            }
        )

    async def _users(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if self._tokens.get(token) != GRAPH_SCOPE:
            return _graph_error(401, "InvalidAuthenticationToken", "Access token is empty.")
        if not self.graph_permission:
            return _graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
            )
        return web.json_response(
            {
                "@odata.context": f"{self.graph_url}/$metadata#users(id)",
                "value": [{"id": "00000000-0000-4000-8000-000000000001"}],
            }
        )


def _aad_error(status: int, error: str, code: int, description: str) -> web.Response:
    return web.json_response(
        {
            "error": error,
            "error_description": f"AADSTS{code}: {description}\r\nTrace ID: 0000\r\n",
            "error_codes": [code],
            "timestamp": "2026-11-23 09:00:00Z",
            "trace_id": "00000000-0000-0000-0000-000000000000",
            "correlation_id": "00000000-0000-0000-0000-000000000000",
        },
        status=status,
    )


def _graph_error(status: int, code: str, message: str) -> web.Response:
    return web.json_response(
        {"error": {"code": code, "message": message, "innerError": {"request-id": "0000"}}},
        status=status,
    )
