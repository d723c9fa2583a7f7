"""Control characters stop at the door: a NUL byte (or another C0 control, DEL, a lone
surrogate) in the address, the query or any string of a JSON body under /api/v1 is refused
before a route or the database sees it. PostgreSQL refuses NUL in text and the driver cannot
encode a lone surrogate, and neither is ever part of an honest value; a 400 (address) or
422 (body, naming the field) tells the client so, instead of a 5xx or an outage alarm.

Plain ASGI, like the Guard (adapters/http/guard.py): the body is read once, checked, and
handed on unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.domain.input_text import control_field, has_control


class InputGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        sentence: Callable[[], str],
        body_prefix: str = "/api/v1/",
    ) -> None:
        self.app = app
        self.sentence = sentence
        self.body_prefix = body_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        in_query = any(
            has_control(part) for pair in parse_qsl(query, keep_blank_values=True) for part in pair
        )
        if has_control(scope["path"]) or in_query:
            await _problem(send, 400, self.sentence(), None)
            return
        headers = Headers(scope=scope)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        is_json = content_type == "application/json" or content_type.endswith("+json")
        if not scope["path"].startswith(self.body_prefix) or not is_json:
            await self.app(scope, receive, send)
            return
        try:
            body = await _read(receive)
        except HTTPException as exc:  # the Guard's streamed body limit
            await _problem(send, exc.status_code, str(exc.detail), None)
            return
        try:
            document = json.loads(body)
        except ValueError:  # not JSON (or not UTF-8): the route answers it as it does
            document = None
        field = control_field(document)
        if field is not None:
            await _problem(send, 422, self.sentence(), field)
            return
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # a disconnect, if the client goes away

    return replay


async def _problem(send: Send, status: int, detail: str, field: str | None) -> None:
    """RFC 9457 problem details, with the field in `problems` as the 422s of the API have."""
    title = HTTPStatus(status).phrase
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if field is not None:
        body["problems"] = [{"field": field, "problem": detail, "type": "control_characters"}]
    content = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(content)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": content})
