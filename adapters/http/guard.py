"""What every HTTP request passes through: a correlation id, security headers, body limits,
a rate limit per client address (the one per key name is applied once the key is known,
adapters/http/api.py), the latency metric and one access log line.

Plain ASGI rather than BaseHTTPMiddleware, for the reason given at `BodyLimit` in
bot/main/asgi.py: Slack's acknowledgement path must stay cheap."""

from __future__ import annotations

import json
import math
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from http import HTTPStatus

from prometheus_client import Histogram
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.logs import bound, get_logger

log = get_logger("terugkoppel.http")

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

HTTP_LATENCY = Histogram(
    "terugkoppel_http_request_duration_seconds",
    "Time from receiving a request to the end of its response, by route and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,
)

# The app answers JSON only and is never framed or cached; HSTS tells browsers that come
# through the TLS proxy in front of it to keep using TLS.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"interest-cohort=()"),
    (b"cache-control", b"no-store"),
)


class TokenBuckets:
    """One token bucket per client identity, `rate` tokens a second up to `burst`. Bounded:
    the least recently seen identities are forgotten first (a flood of made-up keys cannot
    grow it without end). Thread-safe: sync routes run in a thread pool."""

    def __init__(
        self,
        *,
        per_minute: int,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        size: int = 10_000,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.size = size
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def waiting(self, identity: str) -> float:
        """The seconds until `identity` may go again, without taking a token (0: now)."""
        now = self.clock()
        with self._lock:
            found = self._buckets.get(identity)
        if found is None:
            return 0.0
        tokens = min(self.burst, found[0] + (now - found[1]) * self.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def take(self, identity: str) -> float:
        """0 when the request may go; otherwise the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(identity, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate
            self._buckets[identity] = (tokens, now)
            while len(self._buckets) > self.size:
                self._buckets.popitem(last=False)
        return wait


def client_address(scope: Scope) -> str:
    """The client's address as the ASGI server gives it: behind a reverse proxy uvicorn
    takes it from X-Forwarded-For when the proxy is in FORWARDED_ALLOW_IPS (see the
    operator guide), so a presented key (made up or not) never chooses its own bucket."""
    client = scope.get("client")
    return str(client[0]) if client else "?"


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        limits: TokenBuckets,
        limited_prefix: str = "/api/v1/",
        body_limit: Callable[[str], int],
        rate_limited_text: Callable[[int], str],
        internal_error_text: str,
    ) -> None:
        self.app = app
        self.limits = limits
        self.limited_prefix = limited_prefix
        self.body_limit = body_limit
        self.rate_limited_text = rate_limited_text
        self.internal_error_text = internal_error_text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = Headers(scope=scope)
        given = headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                out = MutableHeaders(scope=message)
                out.append(REQUEST_ID_HEADER, request_id)
                for name, value in SECURITY_HEADERS:
                    if name.decode() not in out:
                        out.append(name.decode(), value.decode())
            await send(message)

        with bound(request_id=request_id):
            try:
                wait = 0.0
                if scope["path"].startswith(self.limited_prefix):
                    wait = self.limits.take("addr:" + client_address(scope))
                if wait > 0:
                    seconds = max(1, math.ceil(wait))
                    body = _problem(429, self.rate_limited_text(seconds), retry_after=seconds)
                    await _json(send_with_headers, 429, body, retry_after=seconds)
                else:
                    limit = self.body_limit(scope["path"])
                    await self.app(scope, _limited(receive, limit), send_with_headers)
            except Exception:
                # A bug answers 500 with the request id to quote, never a traceback; the
                # traceback goes to the log under the same id.
                log.exception("unhandled error")
                if status:
                    raise
                body = _problem(500, self.internal_error_text, request_id=request_id)
                await _json(send_with_headers, 500, body)
            finally:
                route = getattr(scope.get("route"), "path", None) or "unmatched"
                status = status or 500
                elapsed = time.perf_counter() - started
                HTTP_LATENCY.labels(scope["method"], route, str(status)).observe(elapsed)
                log.info(
                    "http request",
                    method=scope["method"],
                    route=route,
                    status=status,
                    duration_ms=round(elapsed * 1000, 1),
                )


def _problem(status: int, detail: str, **extensions: object) -> dict[str, object]:
    """RFC 9457 problem details (adapters/http/problems.py), with extension members."""
    title = HTTPStatus(status).phrase
    return {"type": "about:blank", "title": title, "status": status, "detail": detail} | extensions


async def _json(send: Send, status: int, body: object, *, retry_after: int | None = None) -> None:
    content = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(content)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def _limited(receive: Receive, limit: int) -> Receive:
    """Counts the body as it streams in: a chunked upload without Content-Length is held to
    the same limit as a declared one (which `BodyLimit` refuses before reading)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, "request body too large")
        return message

    return wrapped
