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
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from prometheus_client.registry import Collector
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from adapters.slack.app import build_app
from adapters.slack.client import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.lazy import LAZY_WAIT, LAZY_WAITING, LazyQueue
from adapters.slack.parts import SlackParts
from bot.app.chat.who import PresenceSource
from bot.app.data import Data
from bot.domain.input_text import control_field, has_control
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
    """A signed body Bolt could not read: JSON (Events API) or a form (commands, clicks),
    or one whose parts have other types than Slack sends (`shape_problem`)."""
    text = body.decode("utf-8")
    try:
        if content_type.startswith("application/json") or text.startswith("{"):
            document = json.loads(text)
            if not isinstance(document, dict):
                return "JSON body is not an object"
            return shape_problem(document)
        if content_type.startswith("application/x-www-form-urlencoded"):
            form = dict(parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text)))
            if not form:
                return "empty form"
            if "payload" in form:
                payload = json.loads(form["payload"])
                if not isinstance(payload, dict):
                    return "payload is not a JSON object"
                return shape_problem(payload)
            return _control_in(form.values())
    except ValueError:
        return "body cannot be parsed"
    return "unsupported content type"


# What Bolt and our listeners read from a payload, and the types Slack sends there. Bolt
# answers a payload of another shape with a 500 (`"id" in 5`, `"x".get`), so it stops here.
_ID_HOLDERS = ("team", "enterprise", "user", "channel")  # an id string, or an object with "id"
_OBJECTS = (
    "container",
    "message",
    "state",
    "view",
    "event",
    "team",
    "enterprise",
    "selected_option",
    "initial_option",
    "profile",
)
_LISTS = ("actions", "authorizations", "response_urls", "blocks", "selected_options", "options")
_STRINGS = (
    "type",
    "action_id",
    "block_id",
    "callback_id",
    "trigger_id",
    "response_url",
    "team_id",
    "user_id",
    "channel_id",
    "enterprise_id",
    "api_app_id",
    "event_id",
    "challenge",
    "value",
    "command",
    "id",
    "private_metadata",
    "selected_user",
    "selected_channel",
    "selected_conversation",
    "selected_date",
    "selected_time",
    "hash",
    "message_ts",
    "ts",
    "status_emoji",
)
# What each kind of payload cannot do without (Bolt reads these without looking).
_REQUIRED = {
    "block_actions": ("actions", "user"),
    "view_submission": ("view", "user"),
    "view_closed": ("view", "user"),
    "block_suggestion": ("user",),
    "event_callback": ("event",),
}


def shape_problem(payload: dict[str, Any], depth: int = 0) -> str | None:
    """Why a parsed payload is not of Slack's shape (None: it is): the keys above with
    another type, at any depth, or a string with a NUL or other control character."""
    if depth > 12:
        return "payload nested too deep"
    if depth == 0:
        for key in _REQUIRED.get(str(payload.get("type")), ()):
            if payload.get(key) is None:
                return f"{key} is missing"
        view = payload.get("view")
        if isinstance(view, dict) and not isinstance(view.get("type"), str):
            return "view has no type"
        actions = payload.get("actions")
        if actions == [] and payload.get("type") == "block_actions":
            return "no action"
        if isinstance(actions, list) and any(
            isinstance(action, dict) and not isinstance(action.get("action_id"), str)
            for action in actions
        ):
            return "an action has no action_id"
    for key, value in payload.items():
        if not isinstance(key, str) or has_control(key):
            return "payload key is not text"
        if value is None:
            continue
        if key in _ID_HOLDERS and not isinstance(value, str | dict):
            return f"{key} is neither an id nor an object"
        if key in _OBJECTS and key not in _ID_HOLDERS and not isinstance(value, dict):
            return f"{key} is not an object"
        if key in _LISTS and not (
            isinstance(value, list) and all(isinstance(item, dict) for item in value)
        ):
            return f"{key} is not a list of objects"
        if key in _STRINGS and not isinstance(value, str):
            return f"{key} is not text"
        if key == "values":  # a modal's state: block id → action id → element state
            if not _block_values(value):
                return "state values are not block → action → object"
            # block and action ids are the app's own names, not Slack's keys: no shape rules
            problem = _element_states(value)
            if problem is not None:
                return problem
            continue
        problem = _value_problem(value, depth)
        if problem is not None:
            return problem
    return None


def _block_values(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(actions, dict) and all(isinstance(state, dict) for state in actions.values())
        for actions in value.values()
    )


def _element_states(values: dict[str, Any]) -> str | None:
    for actions in values.values():
        for state in actions.values():
            problem = shape_problem(state, 1)
            if problem is not None:
                return problem
    if control_field(values) is not None:
        return "text holds a control character"
    return None


def _value_problem(value: Any, depth: int) -> str | None:
    if isinstance(value, str):
        return "text holds a control character" if has_control(value) else None
    if isinstance(value, dict):
        return shape_problem(value, depth + 1)
    if isinstance(value, list):
        for item in value:
            problem = _value_problem(item, depth + 1)
            if problem is not None:
                return problem
    return None


def _control_in(values: Iterable[str]) -> str | None:
    for value in values:
        if has_control(value):
            return "text holds a control character"
    return None


class SlackEvents:
    """The Starlette endpoint for POST /slack/events."""

    def __init__(
        self,
        bolt: AsyncApp,
        signing_secret: str,
        *,
        lazy: LazyQueue | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.handler = AsyncSlackRequestHandler(bolt)
        self.verifier = SignatureVerifier(signing_secret)
        self.lazy = lazy
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
        if self.lazy is not None:
            await self.lazy.room()  # only when the work after earlier acks has piled up
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
        # Bolt has no argument for its lazy listener runner; ours bounds the work at once.
        self.lazy = LazyQueue(self.bolt.logger)
        self.bolt._async_listener_runner.lazy_listener_runner = self.lazy
        self._socket: AsyncSocketModeHandler | None = None

    def endpoint(self) -> SlackEvents:
        secret = self.config.signing_secret
        if secret is None:
            raise ValueError("SLACK_SIGNING_SECRET is not set")
        return SlackEvents(self.bolt, secret, lazy=self.lazy)

    def collectors(self) -> tuple[Collector, ...]:
        """The metrics of the work after the ack, for the app's registry."""
        return (LAZY_WAITING, LAZY_WAIT)

    async def connect_socket_mode(self) -> None:
        """Opens the Socket Mode connection (SLACK_APP_TOKEN); it reconnects on its own."""
        token = self.config.app_token
        if token is None:
            raise ValueError("SLACK_APP_TOKEN is not set")
        self._socket = AsyncSocketModeHandler(self.bolt, token)
        await self._socket.connect_async()  # type: ignore[no-untyped-call]

    async def close(self, *, drain_seconds: float = 10.0) -> None:
        """Stops Socket Mode, then works off the requests already acknowledged."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        await self.lazy.drain(drain_seconds)
