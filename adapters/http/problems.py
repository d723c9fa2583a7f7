"""Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`,
`status`, `detail` (a plain Dutch sentence) and, for a body that does not validate,
`problems`: one entry per field, named by its path in the JSON (`external_ref`,
`contact.email`, `items[0]`). A body that is no JSON at all is named as the body (`""`),
never by the byte offset the parser stopped at.

The OpenAPI document says the same: every error response is a `Problem` under
`application/problem+json` (`problem_openapi`), so a client can check a 422 against it.
"""

# No `from __future__ import annotations`: FastAPI and pydantic read these annotations.

from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.messages import text

MEDIA_TYPE = "application/problem+json"


class FieldProblem(BaseModel):
    field: str = Field(description="Path of the field in the JSON body; empty: the body itself.")
    problem: str = Field(description="What is wrong with it, in a plain sentence.")
    type: str = Field(description="A stable name of the kind of problem (pydantic's).")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Unprocessable Content",
                    "status": 422,
                    "detail": "De gegevens kloppen niet. Kijk bij de velden hieronder.",
                    "problems": [
                        {
                            "field": "consent",
                            "problem": "Kies uit: 'none', 'status' of 'notes'.",
                            "type": "literal_error",
                        }
                    ],
                }
            ]
        }
    )
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    problems: list[FieldProblem] | None = None


def problem(
    status: int,
    detail: str,
    *,
    problems: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if problems is not None:
        body["problems"] = problems
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


def field_path(location: tuple[Any, ...]) -> str:
    """('body', 'contact', 'email') → 'contact.email'; ('body', 'items', 0) → 'items[0]'."""
    path = ""
    for part in location[1:]:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def field_problems(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    found = []
    for error in errors:
        kind = str(error.get("type", ""))
        location = tuple(error.get("loc", ()))
        if kind == "json_invalid":  # loc is ('body', <byte offset>): the body as a whole
            found.append(
                {"field": "", "problem": text("api.problem.json_invalid", "nl"), "type": kind}
            )
            continue
        found.append({"field": field_path(location), "problem": _said(error), "type": kind})
    return found


_PLAIN = {  # pydantic's error types with a plain Dutch sentence of ours
    "missing",
    "extra_forbidden",
    "string_too_long",
    "string_too_short",
    "string_pattern_mismatch",
    "string_type",
    "literal_error",
    "bool_parsing",
    "bool_type",
    "model_type",
    "model_attributes_type",
    "dict_type",
}


def _said(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _PLAIN:
        params = {
            "max_length": context.get("max_length", ""),
            "min_length": context.get("min_length", ""),
            "expected": str(context.get("expected", "")).replace(" or ", " of "),
        }
        return text(f"api.problem.{kind}", "nl", **params)
    message = str(error.get("msg", ""))
    return message.removeprefix("Value error, ")  # our validators say it in Dutch already


def install(
    app: FastAPI, *, on_not_found: Callable[[Request], Awaitable[None]] | None = None
) -> None:
    """Validation errors and every HTTPException as problem details; `on_not_found` hears
    of each 404 (the API audits a key asking for what is not its own)."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(
            422,
            text("api.problem.invalid_body", "nl"),
            problems=field_problems(list(exc.errors())),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404 and on_not_found is not None:
            await on_not_found(request)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem(exc.status_code, detail, headers=dict(exc.headers or {}))


def problem_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    """Every 4xx and 5xx answer of the API as a Problem under application/problem+json, and
    the framework's own 422 schema (HTTPValidationError) replaced by it."""
    reference = {"$ref": "#/components/schemas/Problem"}
    for route, path in schema.get("paths", {}).items():
        if not route.startswith("/api/"):  # /readyz's 503 says {"ready": false}
            continue
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                if str(status)[:1] not in ("4", "5"):
                    continue
                content = response.setdefault("content", {})
                content.pop("application/json", None)
                content[MEDIA_TYPE] = {"schema": reference}
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema
