"""The Teams connectivity probes for `terugkoppel check`: an app-only token from the Bot
Framework's login, and one user's id from Microsoft Graph (the permission the directory
needs). Each names the setting to look at; none sends a message."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.ports import Probe

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
DEFAULT_LOGIN_URL = "https://login.microsoftonline.com"


def token_url(login_url: str | None, tenant: str | None) -> str:
    """The OAuth token endpoint: TERUGKOPPEL_TEAMS_LOGIN_URL is the authority
    (https://login.microsoftonline.com, or a national cloud), or the full token URL."""
    base = (login_url or DEFAULT_LOGIN_URL).rstrip("/")
    if base.endswith("/token"):
        return base
    return f"{base}/{tenant or 'botframework.com'}/oauth2/v2.0/token"


async def client_credentials(
    session: aiohttp.ClientSession,
    *,
    url: str,
    app_id: str,
    password: str,
    scope: str,
) -> tuple[str | None, Probe | None]:
    """An app-only token (OAuth 2.0 client credentials), or the problem that stopped it."""
    form = {
        "grant_type": "client_credentials",
        "client_id": app_id,
        "client_secret": password,
        "scope": scope,
    }
    try:
        async with session.post(url, data=form) as response:
            body = await _json(response)
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return None, Probe.unreachable(_host(url), exc, variable="TERUGKOPPEL_TEAMS_LOGIN_URL")
    token = body.get("access_token") if response.status == 200 else None
    if isinstance(token, str) and token:
        return token, None
    if response.status in (400, 401, 403) and "error" in body:
        # error_description starts with the AADSTS code, which says exactly what is wrong
        code = str(body.get("error_description", "")).split(":", 1)[0]
        error = f"{body['error']}, {code}" if code.startswith("AADSTS") else str(body["error"])
        return None, Probe.problem("check.teams_refused", error=error)
    return None, Probe.problem(
        "check.answer_unreadable", host=_host(url), error=f"HTTP {response.status}"
    )


async def teams_token(
    *, login_url: str | None, tenant: str | None, app_id: str, password: str, seconds: float
) -> Probe:
    url = token_url(login_url, tenant)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=seconds)) as session:
        _, problem = await client_credentials(
            session, url=url, app_id=app_id, password=password, scope=BOT_FRAMEWORK_SCOPE
        )
    return problem or Probe(True, "teams", {"host": _host(url)})


async def graph_users(
    *,
    login_url: str | None,
    tenant: str | None,
    app_id: str,
    password: str,
    graph_url: str,
    seconds: float,
) -> Probe:
    """An app-only Graph token, then one user's id: the permission the directory needs."""
    url = token_url(login_url, tenant)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=seconds)) as session:
        token, problem = await client_credentials(
            session, url=url, app_id=app_id, password=password, scope=GRAPH_SCOPE
        )
        if problem is not None:
            return problem
        users = f"{graph_url.rstrip('/')}/users?$top=1&$select=id"
        try:
            async with session.get(users, headers={"Authorization": f"Bearer {token}"}) as reply:
                body = await _json(reply)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return Probe.unreachable(_host(graph_url), exc, variable="TERUGKOPPEL_GRAPH_URL")
    if reply.status == 200 and isinstance(body.get("value"), list):
        return Probe(True, "graph", {"host": _host(graph_url)})
    error = body.get("error")
    if reply.status in (401, 403) and isinstance(error, dict):
        return Probe.problem(
            "check.graph_refused", status=reply.status, error=error.get("code", "?")
        )
    return Probe.problem(
        "check.answer_unreadable", host=_host(graph_url), error=f"HTTP {reply.status}"
    )


async def _json(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError):
        return {}
    return body if isinstance(body, dict) else {}


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


async def tenant_graph(
    *,
    login_url: str | None,
    tenant: str,
    app_id: str,
    password: str,
    graph_url: str,
    seconds: float,
) -> Probe:
    """A municipality's own Microsoft 365 tenant (`tenant link --teams`): a Graph token from
    its authority, then one user's id. A refused token there means nobody in that tenant
    consented to the app yet, not that the app's credentials are wrong."""
    probe = await graph_users(
        login_url=login_url,
        tenant=tenant,
        app_id=app_id,
        password=password,
        graph_url=graph_url,
        seconds=seconds,
    )
    if not probe.ok and probe.key == "check.teams_refused":
        return Probe.problem("check.m365_refused", error=probe.params.get("error", "?"))
    return probe
