"""A fake Microsoft Graph (v1.0) on 127.0.0.1: users by e-mail, mailboxSettings,
presence (getPresencesByUserId), the app catalogue and personal app installations with
their chat.

Several Microsoft 365 tenants: a request's tenant is the tenant whose authority issued its
token (`tenant_of`, the fake login's); each tenant has its own users, and each request and
each installation is recorded with its tenant."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web

from tests.fakes.threaded import serve_app

_EMAIL = re.compile(r"mail eq '([^']*)'")
PRESENCE_BATCH = 650  # Graph refuses more ids in one getPresencesByUserId call


GRAPH_SCOPE = "https://graph.microsoft.com/.default"
HOME = "home"  # the tenant of `token` when the fake is not told its name


class FakeGraph:
    def __init__(
        self,
        *,
        token: str,
        app_id: str,
        tenant: str = HOME,
        tenant_of: Callable[[str, str], str | None] | None = None,
    ) -> None:
        self.token = token  # the app's own tenant's token
        self.app_id = app_id
        self.tenant = tenant
        self.tenant_of = tenant_of  # (token, scope) -> its tenant: the login's tokens
        self.url = ""
        self.users: dict[str, dict[str, Any]] = {}  # id -> {mail, automaticReplies}
        self.other_users: dict[str, dict[str, dict[str, Any]]] = {}  # tenant -> id -> user
        self.installed: dict[str, str] = {}  # user id -> installation id
        self.installed_in: dict[str, str] = {}  # user id -> the tenant it was installed in
        self.asked: list[tuple[str, str]] = []  # (method and path, tenant) of every call
        self.blocked: set[str] = set()  # users for whom installing is refused (403)
        self.catalogue = True
        # Presence.Read.All: without it (False) getPresencesByUserId answers 403.
        self.presence_permitted = True
        self.presence_batches: list[int] = []  # ids asked per getPresencesByUserId call
        self.requests: list[str] = []
        self._lock = threading.Lock()

    def add_user(self, user_id: str, mail: str, *, tenant: str | None = None, **extra: Any) -> None:
        """A user of the app's own tenant, or of `tenant`."""
        with self._lock:
            if tenant is None or tenant == self.tenant:
                self.users[user_id] = {"mail": mail, **extra}
            else:
                self.other_users.setdefault(tenant, {})[user_id] = {"mail": mail, **extra}

    def tenants_asked(self, call: str) -> list[str]:
        """The tenant of each request `call` ("POST /v1.0/…"), in order."""
        with self._lock:
            return [tenant for asked, tenant in self.asked if asked == call]

    def _directory(self, request: web.Request) -> dict[str, dict[str, Any]]:
        tenant = request["tenant"]
        return self.users if tenant == self.tenant else self.other_users.get(tenant, {})

    @contextmanager
    def running(self) -> Iterator[FakeGraph]:
        app = web.Application(middlewares=[self._auth])
        app.router.add_get("/v1.0/users", self._users)
        app.router.add_get("/v1.0/users/{id}/mailboxSettings", self._mailbox)
        app.router.add_get("/v1.0/users/{id}/teamwork/installedApps", self._installed)
        app.router.add_post("/v1.0/users/{id}/teamwork/installedApps", self._install)
        app.router.add_get("/v1.0/users/{id}/teamwork/installedApps/{inst}/chat", self._chat)
        app.router.add_get("/v1.0/appCatalogs/teamsApps", self._catalogue)
        app.router.add_post("/v1.0/communications/getPresencesByUserId", self._presences)
        with serve_app(app) as url:
            self.url = url + "/v1.0"
            yield self

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        call = f"{request.method} {request.path}"
        with self._lock:
            self.requests.append(call)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        tenant = self.tenant if token == self.token else None
        if tenant is None and self.tenant_of is not None:
            tenant = self.tenant_of(token, GRAPH_SCOPE)
        if tenant is None:
            return _error(401, "InvalidAuthenticationToken")
        request["tenant"] = tenant
        with self._lock:
            self.asked.append((call, tenant))
        response: web.StreamResponse = await handler(request)
        return response

    async def _users(self, request: web.Request) -> web.Response:
        match = _EMAIL.search(request.query.get("$filter", ""))
        wanted = (match.group(1) if match else "").lower()
        with self._lock:
            directory = self._directory(request)
            found = [
                {
                    "id": uid,
                    "mail": u["mail"],
                    "userPrincipalName": u["mail"],
                    "accountEnabled": True,
                }
                for uid, u in directory.items()
                if u["mail"].lower() == wanted
            ]
        return web.json_response({"value": found})

    def _user(self, request: web.Request) -> dict[str, Any] | None:
        with self._lock:
            return self._directory(request).get(request.match_info["id"])

    async def _mailbox(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if user is None:
            return _error(404, "ErrorItemNotFound")
        replies = user.get("automaticReplies") or {"status": "disabled"}
        return web.json_response({"automaticRepliesSetting": replies, "timeZone": "UTC"})

    async def _installed(self, request: web.Request) -> web.Response:
        uid = request.match_info["id"]
        with self._lock:
            installation = self.installed.get(uid)
        value = (
            [{"id": installation, "teamsApp": {"externalId": self.app_id}}] if installation else []
        )
        return web.json_response({"value": value})

    async def _install(self, request: web.Request) -> web.Response:
        uid = request.match_info["id"]
        body = await request.json()
        if uid in self.blocked or self._user(request) is None:
            return _error(403, "Forbidden")
        if not str(body.get("teamsApp@odata.bind", "")).endswith(
            "/appCatalogs/teamsApps/catalog-1"
        ):
            return _error(400, "BadRequest")
        with self._lock:
            self.installed[uid] = f"inst-{uid}"
            self.installed_in[uid] = request["tenant"]
        return web.json_response({"id": f"inst-{uid}"}, status=201)

    async def _chat(self, request: web.Request) -> web.Response:
        uid = request.match_info["id"]
        with self._lock:
            if self.installed.get(uid) != request.match_info["inst"]:
                return _error(404, "NotFound")
        return web.json_response({"id": f"19:{uid}_bot@unq.gbl.spaces"})

    async def _presences(self, request: web.Request) -> web.Response:
        """Graph's answer: one presence per known id (availability and activity, as set with
        `add_user(..., presence=("Busy", "InAMeeting"))`; Offline when not set)."""
        if not self.presence_permitted:
            return _error(403, "Forbidden")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "BadRequest")
        ids = body.get("ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids or len(ids) > PRESENCE_BATCH:
            return _error(400, "BadRequest")
        with self._lock:
            self.presence_batches.append(len(ids))
            directory = self._directory(request)
            known = [(uid, directory[uid]) for uid in ids if uid in directory]
        value = []
        for uid, user in known:
            availability, activity = user.get("presence") or ("Offline", "OffWork")
            value.append(
                {
                    "id": uid,
                    "availability": availability,
                    "activity": activity,
                    "statusMessage": None,
                    "outOfOfficeSettings": {"message": None, "isOutOfOffice": False},
                }
            )
        context = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.presence)"
        return web.json_response({"@odata.context": context, "value": value})

    async def _catalogue(self, request: web.Request) -> web.Response:
        if not self.catalogue:
            return web.json_response({"value": []})
        return web.json_response({"value": [{"id": "catalog-1", "externalId": self.app_id}]})


def _error(status: int, code: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": code}}, status=status)
