"""A fake Bot Connector on 127.0.0.1 (the `serviceUrl` of the activities tests send): it
records activities posted and updated, checks the bearer token, and fails on demand."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes.threaded import serve_app


@dataclass(frozen=True)
class Activity:
    conversation: str
    id: str
    body: dict[str, Any]
    at: float
    updated: bool = False

    @property
    def tenant(self) -> str | None:
        """The Microsoft 365 tenant the activity names for its conversation."""
        conversation = self.body.get("conversation")
        found = conversation.get("tenantId") if isinstance(conversation, dict) else None
        return str(found) if found else None

    @property
    def card(self) -> dict[str, Any]:
        return dict(self.body["attachments"][0]["content"])

    @property
    def text(self) -> str:
        return "\n".join(
            block.get("text", "") for block in self.card["body"] if block["type"] == "TextBlock"
        )


class FakeConnector:
    def __init__(self, *, token: str) -> None:
        self.token = token
        self.url = ""
        self.activities: list[Activity] = []
        self.refused = 0
        # Every request as it arrived, answered or failed: (conversation, status, monotonic
        # time of receipt), to measure the pace the sender kept.
        self.received: list[tuple[str, int, float]] = []
        self._faults: list[tuple[int, dict[str, str], str | None]] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def fail_next(
        self, status: int, headers: dict[str, str] | None = None, *, code: str | None = None
    ) -> None:
        """The next request answers `status`; `code` is the Bot Connector's error code in
        the body (by default Throttled for 429, ServiceError otherwise)."""
        with self._lock:
            self._faults.append((status, headers or {}, code))

    def posted(self, conversation: str | None = None) -> list[Activity]:
        with self._lock:
            return [
                a
                for a in self.activities
                if not a.updated and (conversation is None or a.conversation == conversation)
            ]

    def updates(self) -> list[Activity]:
        with self._lock:
            return [a for a in self.activities if a.updated]

    @contextmanager
    def running(self) -> Iterator[FakeConnector]:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._put)
        with serve_app(app) as url:
            self.url = url + "/"
            yield self

    def _check(self, request: web.Request) -> web.Response | None:
        at = time.monotonic()
        refused = self._refuse(request)
        with self._lock:
            self.received.append(
                (request.match_info["conversation"], refused.status if refused else 200, at)
            )
        return refused

    def _refuse(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            with self._lock:
                self.refused += 1
            return web.json_response({"error": {"code": "Unauthorized"}}, status=401)
        with self._lock:
            if self._faults:
                status, headers, code = self._faults.pop(0)
                code = code or ("Throttled" if status == 429 else "ServiceError")
                return web.json_response(
                    {"error": {"code": code}},
                    status=status,
                    headers=headers,
                )
        return None

    async def _post(self, request: web.Request) -> web.Response:
        refused = self._check(request)
        if refused is not None:
            return refused
        body = await request.json()
        with self._lock:
            activity_id = f"1:{next(self._ids)}"
            self.activities.append(
                Activity(request.match_info["conversation"], activity_id, body, time.monotonic())
            )
        return web.json_response({"id": activity_id}, status=201)

    async def _put(self, request: web.Request) -> web.Response:
        refused = self._check(request)
        if refused is not None:
            return refused
        body = await request.json()
        activity_id = request.match_info["activity"]
        with self._lock:
            self.activities.append(
                Activity(
                    request.match_info["conversation"],
                    activity_id,
                    body,
                    time.monotonic(),
                    updated=True,
                )
            )
        return web.json_response({"id": activity_id})
