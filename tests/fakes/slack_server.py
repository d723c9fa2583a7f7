"""A fake Slack Web API on 127.0.0.1: the real wire format, recorded messages, faults on demand.

In a test: `with FakeSlack.running() as slack: SlackAdapter(slack.token, base_url=slack.url)`.
For a benchmark, as a process: `python -m tests.fakes.slack_server --port 0 --token xoxb-bench`
prints its base URL on the first line; `GET /_fake/stats` and `POST /_fake/reset` read and
clear its counters from another process.

Several workspaces (one Slack app installed in each): `add_token(token, team)` makes another
bot token valid, `revoke(token)` makes Slack refuse it (`token_revoked`), and `tokens()`
says which token each Web API call carried.

For inbound tests it also answers what terugkoppel calls in reply to a click or command
(views.open, views.publish, users.info, users.lookupByEmail), records posts to the
`response_url` it hands out (`response_url()`, `responses`), and speaks Socket Mode
(apps.connections.open and a WebSocket: `socket_send()` pushes an envelope, `socket_acks`
holds the app's acknowledgements).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from aiohttp import web

from tests.fakes.slack_files import FakeSlackFiles

BOT_USER = "U0FAKEBOT"
BOT_ID = "B0FAKEBOT"
TEAM = "T0FAKE"

Reply = dict[str, Any]


@dataclass(frozen=True)
class Posted:
    """One accepted message as the fake stores it; `at` is time.monotonic() on arrival."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    key: str | None
    at: float
    metadata: dict[str, Any] | None = None
    files: list[dict[str, Any]] | None = None


class FakeSlack:
    """The Web API methods terugkoppel calls, with per-channel rate accounting.

    State is shared between the server's event loop thread and the test's thread, so every
    change and every snapshot happens under one lock."""

    def __init__(
        self, *, token: str = "xoxb-test", latency: float = 0.0, min_interval: float = 1.0
    ) -> None:
        self.token = token
        self._teams = {token: TEAM}  # every valid bot token and its workspace
        self._revoked: set[str] = set()
        self.latency = latency  # seconds chat.postMessage waits before it answers
        self.response_latency = 0.0  # seconds a response_url waits before it takes the answer
        self.min_interval = min_interval  # least seconds between messages to one channel
        self.url = ""
        self._lock = threading.Lock()
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Callable[[Mapping[str, Any], float], Reply]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "conversations.open": self._open,
            "conversations.history": self._history,
            "views.open": self._views_open,
            "views.update": self._views_open,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.lookupByEmail": self._lookup_by_email,
            "apps.connections.open": self._connections_open,
        }
        self.files = FakeSlackFiles(self)  # files_upload_v2: tests/fakes/slack_files.py
        self._methods.update(self.files.methods())
        self.app_token = "xapp-test"
        self._users: dict[str, dict[str, Any]] = {}
        self._socket: web.WebSocketResponse | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.reset()

    # -- running it ----------------------------------------------------------------------

    @classmethod
    @contextmanager
    def running(
        cls, *, token: str = "xoxb-test", latency: float = 0.0, min_interval: float = 1.0
    ) -> Iterator[FakeSlack]:
        """Serves on 127.0.0.1 from a background thread with its own event loop."""
        slack = cls(token=token, latency=latency, min_interval=min_interval)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        failed: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(slack.start())
            except BaseException as exc:
                failed.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.run_until_complete(slack.stop())
            loop.close()

        thread = threading.Thread(target=serve, name="fake-slack", daemon=True)
        thread.start()
        if not started.wait(10):
            raise RuntimeError("fake Slack did not start within 10 s")
        if failed:
            raise failed[0]
        try:
            yield slack
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/_response/{id}", self._response_endpoint)
        app.router.add_get("/_socket", self._socket_endpoint)
        app.router.add_get("/_fake/stats", self._stats_endpoint)
        app.router.add_post("/_fake/reset", self._reset_endpoint)
        self.files.mount(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}/api/"
        self._loop = asyncio.get_running_loop()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- what a test reads and sets ------------------------------------------------------

    def reset(self) -> None:
        """Forgets every message, counter and injected fault."""
        with self._lock:
            self._messages: list[Posted] = []
            self._where: dict[tuple[str, str], int] = {}
            self._channels: dict[str, list[int]] = {}
            self._last_arrival: dict[str, float] = {}
            self._keys: Counter[str] = Counter()
            self._breaches = 0
            self._updates = 0
            self._last_micros = 0
            self._failing: dict[str, str] = {}
            self._fail_count = 0
            self._fail_status = 500
            self._limit_count = 0
            self._retry_after = 2
            self._failed = 0
            self._rate_limited = 0
            self._calls: list[tuple[str, dict[str, Any]]] = []
            self._tokens: list[tuple[str, str]] = []  # (method, token) per call
            self._responses: list[tuple[str, dict[str, Any]]] = []
            self._views: list[dict[str, Any]] = []
            self._homes: dict[str, dict[str, Any]] = {}
            self._socket_acks: list[dict[str, Any]] = []

    def fail_channel(self, channel: str, error: str | None) -> None:
        """Every call about `channel` (a channel or user id) answers `error`; None heals it."""
        with self._lock:
            if error is None:
                self._failing.pop(channel, None)
            else:
                self._failing[channel] = error

    def fail_next(self, n: int, status: int = 500) -> None:
        """The next `n` API requests answer HTTP `status` (500, 503, …) without a JSON body."""
        with self._lock:
            self._fail_count, self._fail_status = n, status

    def rate_limit_next(self, n: int, retry_after: int = 2) -> None:
        """The next `n` API requests answer HTTP 429 `ratelimited` with this Retry-After."""
        with self._lock:
            self._limit_count, self._retry_after = n, retry_after

    @property
    def messages(self) -> list[Posted]:
        with self._lock:
            return list(self._messages)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._messages)

    @property
    def breaches(self) -> int:
        """Messages that arrived less than `min_interval` after the one before in their channel."""
        with self._lock:
            return self._breaches

    def by_key(self) -> dict[str, int]:
        """Outbox key → messages carrying it; more than one is a duplicate delivery."""
        with self._lock:
            return dict(self._keys)

    def stats(self) -> dict[str, float]:
        with self._lock:
            first = min((m.at for m in self._messages), default=0.0)
            last = max((m.at for m in self._messages), default=0.0)
            arrivals: dict[str, list[float]] = {}
            for m in self._messages:
                arrivals.setdefault(m.channel, []).append(m.at)
            gaps = sorted(
                b - a for times in arrivals.values() for a, b in itertools.pairwise(times)
            )
            firsts = sorted(times[0] for times in arrivals.values())

            def gap(q: float) -> float:
                return round(gaps[min(len(gaps) - 1, int(len(gaps) * q))], 3) if gaps else 0.0

            return {
                "first_to_last_seconds": round(last - first, 3),
                # seconds between two messages in one channel (the floor is 1 s)
                "channel_gap_p50": gap(0.5),
                "channel_gap_p90": gap(0.9),
                # how long the first message of every channel took to go out (no limit applies)
                "first_round_seconds": round(firsts[-1] - firsts[0], 3) if firsts else 0.0,
                "count": len(self._messages),
                "breaches": self._breaches,
                "keys": len(self._keys),
                "duplicates": sum(n - 1 for n in self._keys.values() if n > 1),
                "duplicated_keys": sum(1 for n in self._keys.values() if n > 1),
                "updates": self._updates,
                "channels": len(self._channels),
                "failed": self._failed,
                "rate_limited": self._rate_limited,
            }

    # -- inbound: users, replies, modals, Socket Mode ------------------------------------

    def add_user(self, user: str, *, email: str, name: str = "", deleted: bool = False) -> None:
        """A workspace member that users.info and users.lookupByEmail know."""
        with self._lock:
            self._users[user] = {
                "id": user,
                "team_id": TEAM,
                "name": name.lower().replace(" ", ".") or user.lower(),
                "real_name": name,
                "deleted": deleted,
                "is_bot": False,
                "profile": {"email": email, "real_name": name, "display_name": name},
            }

    def add_token(self, token: str, team: str) -> None:
        """One more valid bot token: the app's installation in workspace `team`."""
        with self._lock:
            self._teams[token] = team
            self._revoked.discard(token)

    def revoke(self, token: str) -> None:
        """Slack answers `token_revoked` to every call with `token` from now on."""
        with self._lock:
            self._revoked.add(token)

    def tokens(self, method: str | None = None) -> list[str]:
        """The bot token every Web API call (of one method) carried, in order."""
        with self._lock:
            return [token for name, token in self._tokens if method is None or name == method]

    def response_url(self, name: str = "1") -> str:
        """A response_url as Slack puts it in a command or click payload, pointing here."""
        return self.url.replace("/api/", f"/_response/{name}")

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """The arguments of every Web API call (of one method), in order."""
        with self._lock:
            return [args for name, args in self._calls if method is None or name == method]

    @property
    def responses(self) -> list[dict[str, Any]]:
        """Bodies posted to response URLs (ephemeral replies), in order."""
        with self._lock:
            return [body for _, body in self._responses]

    @property
    def views(self) -> list[dict[str, Any]]:
        """Modals opened with views.open, in order."""
        with self._lock:
            return list(self._views)

    def home(self, user: str) -> dict[str, Any] | None:
        """The App Home view last published for `user`."""
        with self._lock:
            return self._homes.get(user)

    @property
    def socket_acks(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._socket_acks)

    @property
    def socket_connected(self) -> bool:
        return self._socket is not None and not self._socket.closed

    def socket_send(self, envelope: dict[str, Any]) -> None:
        """Pushes one Socket Mode envelope to the connected app (from the test's thread)."""
        socket, loop = self._socket, self._loop
        if socket is None or loop is None:
            raise RuntimeError("no Socket Mode connection")
        asyncio.run_coroutine_threadsafe(socket.send_json(envelope), loop).result(5)

    async def _response_endpoint(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.response_latency:
            await asyncio.sleep(self.response_latency)
        with self._lock:
            self._responses.append((request.match_info["id"], body))
        return web.Response(text="ok")

    async def _socket_endpoint(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=None)
        await socket.prepare(request)
        self._socket = socket
        await socket.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0FAKE"}}
        )
        async for frame in socket:
            if frame.type == web.WSMsgType.TEXT:
                with self._lock:
                    self._socket_acks.append(json.loads(frame.data))
        return socket

    # -- the wire ------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        arrival = time.monotonic()
        fault = self._take_fault()
        if fault is not None:
            return fault
        arguments = await _arguments(request)
        token = _token(request, arguments)
        with self._lock:
            self._calls.append((request.match_info["method"], dict(arguments)))
            self._tokens.append((request.match_info["method"], token))
        problem = self._auth_problem(request, token)
        if problem:
            return web.json_response({"ok": False, "error": problem})  # HTTP 200, as Slack does
        method = self._methods.get(request.match_info["method"])
        if method is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        if method == self._auth_test:
            return web.json_response(
                {**self._auth_test(arguments, arrival), "team_id": self._teams[token]}
            )
        reply = method(arguments, arrival)
        if self.latency and method == self._post_message:
            await asyncio.sleep(self.latency)
        return web.json_response(reply)

    def _take_fault(self) -> web.Response | None:
        if not (self._fail_count or self._limit_count):
            return None
        with self._lock:
            if self._fail_count > 0:
                self._fail_count -= 1
                self._failed += 1
                status = self._fail_status
                return web.Response(status=status, text=f"fake Slack outage ({status})")
            if self._limit_count > 0:
                self._limit_count -= 1
                self._rate_limited += 1
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(self._retry_after)},
                )
        return None

    def _auth_problem(self, request: web.Request, token: str) -> str | None:
        if not token:
            return "not_authed"
        if request.match_info.get("method") == "apps.connections.open":
            return None if token == self.app_token else "invalid_auth"
        with self._lock:
            if token in self._revoked:
                return "token_revoked"
            return None if token in self._teams else "invalid_auth"

    async def _stats_endpoint(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _reset_endpoint(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})

    # -- the methods ---------------------------------------------------------------------

    def _auth_test(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        return {
            "ok": True,
            "url": "https://fake.slack.com/",
            "team": "Fake",
            "user": "terugkoppel",
            "team_id": TEAM,
            "user_id": BOT_USER,
            "bot_id": BOT_ID,
        }

    def _post_message(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        address = str(arguments.get("channel") or "")
        if not address:
            return _error("channel_not_found")
        channel = dm_channel(address) if _is_user(address) else address
        error = self._failing.get(address) or self._failing.get(channel)
        if error:
            return _error(error)
        text = str(arguments.get("text") or "")
        blocks = _decoded(arguments.get("blocks")) or []
        if not text and not blocks:
            return _error("no_text")
        metadata = _decoded(arguments.get("metadata"))
        if not isinstance(metadata, dict):
            metadata = None
        key = (metadata or {}).get("event_payload", {}).get("key")
        with self._lock:
            ts = self._next_ts()
            last = self._last_arrival.get(channel)
            if last is not None and arrival - last < self.min_interval:
                self._breaches += 1
            self._last_arrival[channel] = arrival if last is None else max(last, arrival)
            posted = Posted(channel, ts, text, blocks, key, arrival, metadata)
            self._where[(channel, ts)] = len(self._messages)
            self._channels.setdefault(channel, []).append(len(self._messages))
            self._messages.append(posted)
            if key is not None:
                self._keys[key] += 1
        return {"ok": True, "channel": channel, "ts": ts, "message": _message(posted, False)}

    def _update(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        channel = str(arguments.get("channel") or "")
        ts = str(arguments.get("ts") or "")
        error = self._failing.get(channel)
        if error:
            return _error(error)
        text = str(arguments.get("text") or "")
        blocks = _decoded(arguments.get("blocks")) or []
        with self._lock:
            index = self._where.get((channel, ts))
            if index is None:
                return _error("message_not_found")
            posted = replace(self._messages[index], text=text, blocks=blocks)
            self._messages[index] = posted
            self._updates += 1
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": text,
            "message": _message(posted, False),
        }

    def _open(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        users = [user for user in str(arguments.get("users") or "").split(",") if user]
        if not users:
            return _error("users_list_not_supplied")
        if len(users) > 1:
            return _error("fake_supports_one_user_only")
        error = self._failing.get(users[0])
        if error:
            return _error(error)
        return {"ok": True, "channel": {"id": dm_channel(users[0])}}

    def _history(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        channel = str(arguments.get("channel") or "")
        if not channel or _is_user(channel):
            return _error("channel_not_found")  # as Slack: a user id is not a conversation
        error = self._failing.get(channel)
        if error:
            return _error(error)
        oldest = _micros(str(arguments.get("oldest") or "0"))
        limit = min(max(int(arguments.get("limit") or 100), 1), 999)
        start = int(str(arguments.get("cursor") or "0") or "0")
        with_metadata = str(arguments.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._lock:
            newest_first = [self._messages[i] for i in reversed(self._channels.get(channel, []))]
        selected = [posted for posted in newest_first if _micros(posted.ts) > oldest]
        page = selected[start : start + limit]
        more = start + limit < len(selected)
        reply: Reply = {
            "ok": True,
            "messages": [_message(posted, with_metadata) for posted in page],
            "has_more": more,
            "pin_count": 0,
        }
        if more:
            reply["response_metadata"] = {"next_cursor": str(start + limit)}
        return reply

    def _views_open(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        view = _decoded(arguments.get("view"))
        if not isinstance(view, dict) or view.get("type") != "modal":
            return _error("invalid_arguments")
        if not arguments.get("trigger_id") and not arguments.get("view_id"):
            return _error("invalid_trigger_id")
        with self._lock:
            self._views.append(view)
            number = len(self._views)
        return {"ok": True, "view": {**view, "id": f"V{number:08d}", "hash": f"h{number}"}}

    def _views_publish(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        view = _decoded(arguments.get("view"))
        user = str(arguments.get("user_id") or "")
        if not isinstance(view, dict) or view.get("type") != "home" or not user:
            return _error("invalid_arguments")
        if len(view.get("blocks") or []) > 100:
            return _error("invalid_blocks")
        with self._lock:
            self._homes[user] = view
        return {"ok": True, "view": {**view, "id": f"VH{user}"}}

    def _users_info(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        with self._lock:
            user = self._users.get(str(arguments.get("user") or ""))
        return {"ok": True, "user": user} if user else _error("user_not_found")

    def _lookup_by_email(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        email = str(arguments.get("email") or "").lower()
        with self._lock:
            found = [u for u in self._users.values() if u["profile"]["email"].lower() == email]
        return {"ok": True, "user": found[0]} if found else _error("users_not_found")

    def _connections_open(self, arguments: Mapping[str, Any], arrival: float) -> Reply:
        return {
            "ok": True,
            "url": self.url.replace("http://", "ws://").replace("/api/", "/_socket"),
        }

    def _next_ts(self) -> str:
        """Slack's ts: epoch seconds with six decimals, unique and increasing. Under the lock."""
        micros = max(time.time_ns() // 1000, self._last_micros + 1)
        self._last_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def _token(request: web.Request, arguments: Mapping[str, Any]) -> str:
    header = request.headers.get("Authorization", "")
    token = header[len("Bearer ") :] if header.startswith("Bearer ") else arguments.get("token")
    return str(token or "")


def dm_channel(user: str) -> str:
    """The stable id of the app's DM with `user` (U0ANNA → D0ANNA)."""
    return f"D{user[1:]}"


def _is_user(address: str) -> bool:
    return address[:1] in ("U", "W")


def _error(code: str) -> Reply:
    return {"ok": False, "error": code}


def _message(posted: Posted, with_metadata: bool) -> Reply:
    message: Reply = {
        "type": "message",
        "user": BOT_USER,
        "bot_id": BOT_ID,
        "team": TEAM,
        "text": posted.text,
        "ts": posted.ts,
        "blocks": posted.blocks,
    }
    if with_metadata and posted.metadata is not None:
        message["metadata"] = posted.metadata
    if posted.files:
        message["files"] = posted.files
    return message


def _micros(ts: str) -> int:
    seconds, _, fraction = ts.partition(".")
    return int(seconds or "0") * 1_000_000 + int((fraction + "000000")[:6])


def _decoded(value: Any) -> Any:
    """Form bodies carry blocks and metadata as JSON strings, JSON bodies as objects."""
    if isinstance(value, str):
        try:
            return json.loads(value) if value else None
        except json.JSONDecodeError:
            return None
    return value


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Query string and body together, as Slack reads them (slack_sdk uses both)."""
    arguments: dict[str, Any] = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                arguments.update(body)
        else:
            form = await request.post()
            arguments.update(
                (name, value) for name, value in form.items() if isinstance(value, str)
            )
    return arguments


async def _serve(arguments: argparse.Namespace) -> None:
    slack = FakeSlack(
        token=arguments.token, latency=arguments.latency, min_interval=arguments.min_interval
    )
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(name, stopped.set)
    await slack.start(arguments.host, arguments.port)
    print(slack.url, flush=True)  # the first line: whoever started us waits for it
    await stopped.wait()
    await slack.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake Slack Web API for benchmarks.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--token", default="xoxb-test")
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--min-interval", type=float, default=1.0)
    asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
