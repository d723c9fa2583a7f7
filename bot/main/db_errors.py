"""What a database error means for the HTTP answer: only a database that cannot be reached
is a 503 "try again" (and the warning an operator is paged on); a value the database refuses
(a NUL byte, an integer out of range, a string too long) is the client's fault, a 422; a
clash with a stored row a 409; anything else a bug, a 500 without traceback."""

from __future__ import annotations

import sqlite3
from enum import Enum

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError

from bot.logs import get_logger
from bot.messages import text

log = get_logger("terugkoppel.http")

# SQLSTATE classes of PostgreSQL that mean the connection or the server is away:
# 08 connection exception, 57P operator intervention (shutdown, cannot connect now),
# 53 insufficient resources (too many connections, disk full).
_UNREACHABLE_STATES = ("08", "57P", "53")
_SQLITE_BUSY = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED"})


class Verdict(Enum):
    UNREACHABLE = "unreachable"  # 503, Retry-After, warning: the database is down
    BUSY = "busy"  # 503, Retry-After, no warning: a lock, a timeout, a serialisation clash
    BAD_VALUE = "bad_value"  # 422: the database refused a value the client sent
    CONFLICT = "conflict"  # 409: a unique or foreign key the request clashes with
    BUG = "bug"  # 500: our SQL is wrong


def classify(exc: DBAPIError) -> Verdict:
    """The kind of a database error, from SQLAlchemy's wrapper and the driver's SQLSTATE."""
    if exc.connection_invalidated or isinstance(exc, InterfaceError):
        return Verdict.UNREACHABLE
    if isinstance(exc, DataError):
        return Verdict.BAD_VALUE
    if isinstance(exc, IntegrityError):
        return Verdict.CONFLICT
    if isinstance(exc, OperationalError):
        orig = exc.orig
        if isinstance(orig, sqlite3.Error):
            busy = getattr(orig, "sqlite_errorname", "") in _SQLITE_BUSY
            return Verdict.BUSY if busy else Verdict.UNREACHABLE
        state = getattr(orig, "sqlstate", None)
        if not state or str(state).startswith(_UNREACHABLE_STATES):
            return Verdict.UNREACHABLE  # psycopg raises a connection failure without a state
        return Verdict.BUSY
    return Verdict.BUG


def install(app: FastAPI) -> None:
    """The one handler of database errors for the whole app."""

    @app.exception_handler(DBAPIError)
    async def _database_error(_: Request, exc: DBAPIError) -> JSONResponse:
        verdict = classify(exc)
        error = type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__
        if verdict in (Verdict.UNREACHABLE, Verdict.BUSY):
            if verdict is Verdict.UNREACHABLE:
                log.warning("database unavailable", error=error)
            else:
                log.info("database busy", error=error)
            detail = text("api.database_unavailable", "en")
            return JSONResponse({"detail": detail}, 503, headers={"Retry-After": "5"})
        if verdict is Verdict.BAD_VALUE:
            # No value in the log line: it is what the client sent, and may be personal.
            log.info("database refused a value", error=error)
            return JSONResponse({"detail": text("api.invalid_value", "en")}, 422)
        if verdict is Verdict.CONFLICT:
            log.info("database refused a conflicting row", error=error)
            return JSONResponse({"detail": text("api.conflict", "en")}, 409)
        log.error("database error", error=error, exc_info=exc)
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        body = {"detail": text("api.internal_error", "en"), "request_id": request_id}
        return JSONResponse(body, 500)

    @app.exception_handler(UnicodeEncodeError)
    async def _unencodable(_: Request, exc: UnicodeEncodeError) -> JSONResponse:
        # A lone surrogate ("\ud800" in JSON) that reached the driver: the client's value.
        if "surrogates not allowed" not in str(exc):
            raise exc
        log.info("database driver refused a value", error="UnicodeEncodeError")
        return JSONResponse({"detail": text("api.invalid_value", "en")}, 422)
