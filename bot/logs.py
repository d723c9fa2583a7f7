"""Logging: structlog over the standard library, one JSON object a line in production, with
correlation ids and personal data scrubbed from every line as a last line of defence."""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

import structlog
from structlog.types import EventDict, Processor, WrappedLogger

# What must never reach a log line, even when a message or an exception carries it. The
# code logs ids of rows, not of people; these patterns catch what slips through (a Slack
# error naming a user, a database error quoting a row).
_SCRUB: tuple[tuple[re.Pattern[str], str], ...] = (
    # Slack users, bots, workspaces, enterprise users (U…, W…, B…, T…, E…) and DM channels (D…)
    (re.compile(r"\b[UWBTED](?=[A-Z0-9]*\d)[A-Z0-9]{5,}\b"), "[chat-id]"),
    # Teams: conversation ids (19:…@thread…), user ids (29:…, 8:orgid:…), AAD object ids
    (re.compile(r"\b19:[\w.-]+@thread[\w.]*"), "[chat-id]"),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\b(?:29|28|a):[\w-]{10,}|\b8:orgid:[\w-]+"), "[chat-id]"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I), "[id]"),
    # Dutch phone numbers and nine-digit numbers (a BSN looks like one)
    (re.compile(r"(?<![\w])(\+31|0031|0)[\s-]?(6|[1-9]\d{1,2})([\s-]?\d){6,8}(?!\d)"), "[phone]"),
    (re.compile(r"(?<!\d)\d{9}(?!\d)"), "[number]"),
    # secrets that look like tokens, should one end up in an error text
    (re.compile(r"\bxox[abposr]-[\w-]+"), "[secret]"),
    (re.compile(r"\bxapp-[\w-]+"), "[secret]"),
    (re.compile(r"(://[^:/@\s]+:)[^@\s]+@"), r"\1[secret]@"),
)
# Fields whose value is what a person wrote or is called: chat text, notes, names, titles.
# The SDKs' DEBUG lines dump whole payloads (the Teams SDK logs each activity as a repr,
# Bolt an unhandled request as a dict, slack_sdk a request's body); whatever the shape
# (`name='…'`, `'text': '…'`, `"email": "…"`), the value of such a field is replaced.
PERSONAL_KEYS = (
    "text",
    "note",
    "notes",
    "name",
    "real_name",
    "display_name",
    "displayName",
    "real_name_normalized",
    "display_name_normalized",
    "first_name",
    "last_name",
    "given_name",
    "givenName",
    "surname",
    "username",
    "user_name",
    "full_name",
    "email",
    "mail",
    "userPrincipalName",
    "title",
    "fallback",
    "pretext",
    "summary",
    "speak",
    "value",
    "label",
    "placeholder",
    "initial_value",
    "status_text",
    "reason",
    "description",
)
_QUOTED = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_KEYS = "|".join(sorted(PERSONAL_KEYS, key=len, reverse=True))
_PERSONAL_VALUE = re.compile(
    # name='…' (a repr's keyword), 'name': '…' / "name": "…" (a dict or JSON), name: '…'
    rf"""(?P<key>(?<![\w])(?:['"]?)(?:{_KEYS})(?:['"]?)\s*[=:]\s*)(?P<quoted>{_QUOTED})"""
)
REDACTED = "[redacted]"
# Third-party loggers that dump whole payloads at DEBUG; held at INFO unless
# TERUGKOPPEL_LOG_SDK_DEBUG is set (the redaction above applies to them either way).
PAYLOAD_LOGGERS = (
    "microsoft_teams",
    "slack_bolt",
    "slack_sdk",
    "adapters.slack.sdk",  # the logger our Slack adapter hands slack_sdk
    "msal",
    "msgraph",
    "kiota_http",
    "httpx",
    "httpcore",
    "aiohttp",
    "aiosmtplib",
    "urllib3",
)

# Fields the service itself sets with values it made; scrubbing them would garble them.
_OWN_FIELDS = frozenset({"timestamp", "level", "logger", "request_id", "outbox", "outbox_kind"})


def _redact(match: re.Match[str]) -> str:
    quote = match["quoted"][0]
    return f"{match['key']}{quote}{REDACTED}{quote}"


def scrub_text(value: str) -> str:
    value = _PERSONAL_VALUE.sub(_redact, value)
    for pattern, replacement in _SCRUB:
        value = pattern.sub(replacement, value)
    return value


def scrub(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    """A structlog processor: personal data and secrets out of every string field."""
    for key, value in list(event.items()):
        if key in _OWN_FIELDS:
            continue
        if key in PERSONAL_KEYS and value is not None:  # log.info(..., text=…) of our own
            event[key] = REDACTED
        elif isinstance(value, str):
            event[key] = scrub_text(value)
        elif value is not None and not isinstance(value, int | float | bool):
            event[key] = scrub_text(repr(value))
    return event


def configure(
    *,
    format: str = "console",
    level: str = "WARNING",
    stream: TextIO | None = None,
    sdk_debug: bool = False,
) -> None:
    """Routes the standard library's records (ours, uvicorn's, APScheduler's, the SDKs') and
    structlog's own through one handler, every line scrubbed. Safe to call again (tests, a
    CLI verb after the settings). `sdk_debug`: let the SDKs that dump payloads (PAYLOAD_LOGGERS)
    log at DEBUG too; by default they stay at INFO whatever `level` says."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Processor = (
        structlog.processors.JSONRenderer()
        if format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.ExtraAdder()],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _stringify_event,
            scrub,
            renderer,
        ],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    sdk_level = logging.getLevelName(level) if sdk_debug else max(logging.INFO, root.level)
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(sdk_level)
    logging.captureWarnings(True)  # Python's warnings as log lines too, not bare text
    # uvicorn installs its own handlers unless told otherwise; ours carry the request id.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    structlog.configure(
        # filter first: a disabled level (the access line at WARNING) costs almost nothing
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )


def _stringify_event(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    event["event"] = str(event.get("event", ""))
    event.pop("color_message", None)  # uvicorn's copy of the message with terminal colours
    return event


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger


bind = structlog.contextvars.bind_contextvars
bound = structlog.contextvars.bound_contextvars
clear = structlog.contextvars.clear_contextvars

__all__ = ["bind", "bound", "clear", "configure", "get_logger", "scrub", "scrub_text"]
