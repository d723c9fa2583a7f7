"""Slack's connectivity probe for `terugkoppel check`: `auth.test` with the bot token, which
says whether the token is valid and which workspace it belongs to; sends nothing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.token import TokenSource
from bot.ports import Probe


async def slack_probe(
    token: str | None, *, token_file: Path | None, api_url: str, seconds: float
) -> Probe:
    """The token from SLACK_BOT_TOKEN or TERUGKOPPEL_SLACK_BOT_TOKEN_FILE, then `auth.test`."""
    try:
        current = TokenSource(token, path=token_file).get()
    except OSError as exc:
        return Probe.problem("check.slack_token_file", error=exc.strerror)
    return await slack_auth(current, api_url=api_url, seconds=seconds)


async def slack_auth(token: str, *, api_url: str, seconds: float) -> Probe:
    """Slack `auth.test`: the token is valid and which workspace it belongs to."""
    client = AsyncWebClient(token=token, base_url=api_url, timeout=int(max(1, seconds)))
    try:
        response = await client.auth_test()
    except SlackApiError as exc:
        return Probe.problem("check.slack_refused", error=str(exc.response.get("error", "?")))
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        return Probe.unreachable(_host(api_url), exc, variable="TERUGKOPPEL_SLACK_API_URL")
    finally:
        session = getattr(client, "session", None)
        if session is not None:
            await session.close()
    return Probe(
        True,
        "slack",
        {
            "team": response.get("team", "?"),
            "user": response.get("user"),
            "team_id": response.get("team_id"),
        },
    )


async def slack_workspace_probe(
    workspace: str, source: TokenSource, *, api_url: str, seconds: float
) -> Probe:
    """One workspace's own token (TERUGKOPPEL_SLACK_BOT_TOKENS or its file in
    TERUGKOPPEL_SLACK_BOT_TOKENS_DIR): `auth.test`, and the token is that workspace's."""
    try:
        token = source.get()
    except OSError as exc:
        return Probe.problem("check.slack_workspace_file", workspace=workspace, error=exc.strerror)
    found = await slack_auth(token, api_url=api_url, seconds=seconds)
    if not found.ok:
        if found.key == "check.slack_refused":
            return Probe.problem(
                "check.slack_workspace_refused", workspace=workspace, **found.params
            )
        return found
    team = found.params.get("team_id")
    if team and team != workspace:
        return Probe.problem("check.slack_workspace_other", workspace=workspace, team=team)
    return found


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url
