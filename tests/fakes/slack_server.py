"""A fake Slack Web API on 127.0.0.1: the real wire format, recorded messages, faults on demand.

In a test: `with FakeSlack.running() as slack: SlackAdapter(slack.token, base_url=slack.url)`.
For a benchmark, as a process: `python -m tests.fakes.slack_server --port 0 --token xoxb-bench`
prints its base URL on the first line; `GET /_fake/stats` and `POST /_fake/reset` read and
clear its counters from another process.
"""

from __future__ import annotations

import argparse
import asyncio
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


class FakeSlack:
    """The Web API methods terugkoppel calls, with per-channel rate accounting.

    State is shared between the server's event loop thread and the test's thread, so every
    change and every snapshot happens under one lock."""

    def __init__(
        self, *, token: str = "xoxb-test", latency: float = 0.0, min_interval: float = 1.0
    ) -> None:
        self.token = token
        self.latency = latency  # seconds chat.postMessage waits before it answers
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
        }
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
        app.router.add_get("/_fake/stats", self._stats_endpoint)
        app.router.add_post("/_fake/reset", self._reset_endpoint)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}/api/"

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
            return {
                "first_to_last_seconds": round(last - first, 3),
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

    # -- the wire ------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        arrival = time.monotonic()
        fault = self._take_fault()
        if fault is not None:
            return fault
        arguments = await _arguments(request)
        problem = self._auth_problem(request, arguments)
        if problem:
            return web.json_response({"ok": False, "error": problem})  # HTTP 200, as Slack does
        method = self._methods.get(request.match_info["method"])
        if method is None:
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
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

    def _auth_problem(self, request: web.Request, arguments: Mapping[str, Any]) -> str | None:
        header = request.headers.get("Authorization", "")
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else arguments.get("token")
        if not token:
            return "not_authed"
        return None if token == self.token else "invalid_auth"

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

    def _next_ts(self) -> str:
        """Slack's ts: epoch seconds with six decimals, unique and increasing. Under the lock."""
        micros = max(time.time_ns() // 1000, self._last_micros + 1)
        self._last_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


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
