"""Connectivity probes for `terugkoppel check`: one real call per platform, answered with a
catalogue key and parameters (bot/main/checks.py prints them). Each probe catches what can go
wrong on its own wire and names the setting to look at; none sends a message."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import aiosmtplib
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.email.smtp import (
    SmtpTarget,
    StartTlsMissing,
    certificate_problem,
    open_session,
    parse_smtp_url,
    tls_context,
)

__all__ = ["SmtpTarget", "parse_smtp_url"]  # re-exported: check and its tests import them here

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
DEFAULT_LOGIN_URL = "https://login.microsoftonline.com"


@dataclass(frozen=True)
class Probe:
    """`ok`: the catalogue key `check.detail.<name>` with `params`; otherwise `key` names the
    problem's sentence."""

    ok: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)


def _problem(key: str, **params: Any) -> Probe:
    return Probe(False, key, params)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


async def slack_auth(token: str, *, api_url: str, seconds: float) -> Probe:
    """Slack `auth.test`: the token is valid and which workspace it belongs to."""
    client = AsyncWebClient(token=token, base_url=api_url, timeout=int(max(1, seconds)))
    try:
        response = await client.auth_test()
    except SlackApiError as exc:
        return _problem("check.slack_refused", error=str(exc.response.get("error", "?")))
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return _problem(
            "check.unreachable",
            host=_host(api_url),
            error=_short(exc),
            variable="TERUGKOPPEL_SLACK_API_URL",
        )
    finally:
        session = getattr(client, "session", None)
        if session is not None:
            await session.close()
    return Probe(True, "slack", {"team": response.get("team", "?"), "user": response.get("user")})


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
        problem = _problem(
            "check.unreachable",
            host=_host(url),
            error=_short(exc),
            variable="TERUGKOPPEL_TEAMS_LOGIN_URL",
        )
        return None, problem
    token = body.get("access_token") if response.status == 200 else None
    if isinstance(token, str) and token:
        return token, None
    if response.status in (400, 401, 403) and "error" in body:
        # error_description starts with the AADSTS code, which says exactly what is wrong
        code = str(body.get("error_description", "")).split(":", 1)[0]
        error = f"{body['error']}, {code}" if code.startswith("AADSTS") else str(body["error"])
        return None, _problem("check.teams_refused", error=error)
    return None, _problem(
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
            return _problem(
                "check.unreachable",
                host=_host(graph_url),
                error=_short(exc),
                variable="TERUGKOPPEL_GRAPH_URL",
            )
    if reply.status == 200 and isinstance(body.get("value"), list):
        return Probe(True, "graph", {"host": _host(graph_url)})
    error = body.get("error")
    if reply.status in (401, 403) and isinstance(error, dict):
        return _problem("check.graph_refused", status=reply.status, error=error.get("code", "?"))
    return _problem("check.answer_unreadable", host=_host(graph_url), error=f"HTTP {reply.status}")


async def smtp_relay(target: SmtpTarget, *, seconds: float, ca_file: Path | None = None) -> Probe:
    """Connect, EHLO, STARTTLS (or TLS from the start), verify the certificate against the
    system's trust store (SSL_CERT_FILE where set) and TERUGKOPPEL_SMTP_CA_FILE, log in when
    a user is given, QUIT: the e-mail adapter's own session (adapters/email/smtp.py), no message.
    Never falls back to an unencrypted or unverified connection."""
    where = f"{target.host}:{target.port}"
    client: aiosmtplib.SMTP | None = None
    try:
        client = await open_session(target, tls_context(ca_file), seconds=seconds)
        await client.quit()
    except StartTlsMissing:
        return _problem("check.smtp_no_tls", host=where)
    except aiosmtplib.SMTPAuthenticationError as exc:
        return _problem("check.smtp_login", host=where, error=f"{exc.code}")
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        problem = certificate_problem(exc)
        if problem is not None:
            return _problem("check.smtp_certificate", host=where, error=problem.verify_message)
        return _problem(
            "check.unreachable", host=where, error=_short(exc), variable="TERUGKOPPEL_SMTP_URL"
        )
    finally:
        if client is not None and client.is_connected:
            client.close()
    tls = "TLS" if target.implicit_tls else "STARTTLS"
    params = {"host": target.host, "port": target.port, "tls": tls, "login": bool(target.user)}
    return Probe(True, "smtp", params)


async def _json(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError):
        return {}
    return body if isinstance(body, dict) else {}


def _short(exc: BaseException) -> str:
    """The gist of a connection failure: the errno's name when there is one."""
    seen: BaseException | None = exc
    while seen is not None:
        os_error = getattr(seen, "os_error", None) if not isinstance(seen, OSError) else seen
        number = os_error.errno if isinstance(os_error, OSError) else None
        if number is not None and number in errno.errorcode:
            return errno.errorcode[number]
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__
