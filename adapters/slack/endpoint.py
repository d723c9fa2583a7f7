"""POST /slack/events: Slack's signature checked in front of Bolt, then Bolt; Socket Mode.

Bolt verifies signatures too, but it turns a missing or non-numeric timestamp into a 500
and reads the body before verifying it. This check runs first and answers every rejected
request with 401 (400 for a signed body that is not Slack's JSON or form), before anything
is parsed or stored. Bolt's own check stays on behind it, as a second lock.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from adapters.slack.app import build_app
from adapters.slack.client import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.parts import SlackParts
from bot.app.chat.who import PresenceSource
from bot.app.data import Data
from bot.domain.rules import Rules

log = logging.getLogger(__name__)

# Slack's rule: a request more than five minutes away from our clock, either way, is refused.
MAX_SKEW = 5 * 60


def rejection(
    headers: Mapping[str, str], body: bytes, verifier: SignatureVerifier, *, now: float
) -> str | None:
    """Why a request is not Slack's (None: it is). Only the SDK computes signatures."""
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature:
        return "missing signature headers"
    # Ten digits are seconds until the year 2286; a longer one cannot be within the skew,
    # and `now - int(…)` of a 400-digit number would overflow a float.
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return "timestamp is not a whole number of seconds"
    if abs(now - int(timestamp)) > MAX_SKEW:
        return "timestamp more than five minutes away"
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        return "signature does not match"
    return None


def malformed(content_type: str, body: bytes) -> str | None:
    """A signed body Bolt could not read: JSON (Events API) or a form (commands, clicks)."""
    text = body.decode("utf-8")
    try:
        if content_type.startswith("application/json") or text.startswith("{"):
            if not isinstance(json.loads(text), dict):
                return "JSON body is not an object"
            return None
        if content_type.startswith("application/x-www-form-urlencoded"):
            form = dict(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
            if "payload" in form and not isinstance(json.loads(form["payload"]), dict):
                return "payload is not a JSON object"
            return None if form else "empty form"
    except ValueError:
        return "body cannot be parsed"
    return "unsupported content type"


class SlackEvents:
    """The Starlette endpoint for POST /slack/events."""

    def __init__(
        self, bolt: AsyncApp, signing_secret: str, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.handler = AsyncSlackRequestHandler(bolt)
        self.verifier = SignatureVerifier(signing_secret)
        self.clock = clock

    async def __call__(self, request: Request) -> Response:
        body = await request.body()
        problem = rejection(request.headers, body, self.verifier, now=self.clock())
        if problem is not None:
            log.info("Slack request refused: %s", problem)
            return JSONResponse({"error": "invalid request signature"}, status_code=401)
        problem = malformed(request.headers.get("content-type", ""), body)
        if problem is not None:
            log.info("signed Slack request unreadable: %s", problem)
            return JSONResponse({"error": problem}, status_code=400)
        return await self.handler.handle(request)


class SlackInboundApp:
    """One Bolt app for both ways in: the HTTP endpoint and Socket Mode."""

    def __init__(
        self,
        data: Data,
        rules: Rules,
        config: SlackConfig,
        slack: SlackAdapter,
        *,
        presence: PresenceSource | None = None,
    ) -> None:
        self.config = config
        self.bolt = build_app(SlackParts(data, rules, config, slack, presence))
        self._socket: AsyncSocketModeHandler | None = None

    def endpoint(self) -> SlackEvents:
        secret = self.config.signing_secret
        if secret is None:
            raise ValueError("SLACK_SIGNING_SECRET is not set")
        return SlackEvents(self.bolt, secret)

    async def connect_socket_mode(self) -> None:
        """Opens the Socket Mode connection (SLACK_APP_TOKEN); it reconnects on its own."""
        token = self.config.app_token
        if token is None:
            raise ValueError("SLACK_APP_TOKEN is not set")
        self._socket = AsyncSocketModeHandler(self.bolt, token)
        await self._socket.connect_async()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
