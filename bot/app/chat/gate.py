"""The gate every chat request passes: its key claimed once (a retry or a double click
changes state once), an unknown person's attempt refused and audited, and what went
wrong turned into the person's sentence."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from bot.app import notify
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.data import Data
from bot.domain.errors import DeliveryFailed, TerugkoppelError
from bot.messages import DEFAULT_LANGUAGE, Language, Message

log = logging.getLogger(__name__)
R = TypeVar("R")


def first_time(data: Data, key: str, now: datetime) -> bool:
    """True the first time `key` is seen; False for a retry of the same request."""
    with data.uow() as uow:
        fresh = uow.inbound.first_time(key=key, now=now)
        uow.commit()
    return fresh


def forget(data: Data, key: str) -> None:
    """The request failed on our side: a retry of it may try again."""
    with data.uow() as uow:
        uow.inbound.forget(key=key)
        uow.commit()


def refuse_unknown(data: Data, *, actor: str, what: str, now: datetime, channel: str) -> None:
    """Audits an attempt by someone who is not (or no longer) in the directory."""
    uow = data.uow()
    with uow:
        notify.refuse(uow, now=now, actor=actor, case_ref=None, what=what, channel=channel)


@dataclass(frozen=True)
class Request:
    """One chat request as the gate sees it: `key` repeats in a retry (None: no state
    changes); `caller` is how the audit names someone not in the directory."""

    chat: str  # slack, teams: the audit's channel and the logs' prefix
    what: str  # command:/wie, click:take, message … for the audit and the logs
    key: str | None
    caller: str


async def guarded(
    data: Data,
    request: Request,
    *,
    person: Callable[[], Awaitable[Actor | None]],
    work: Callable[[Actor, datetime], Awaitable[R]],
    reply: Callable[[Message], Awaitable[R]],
    nothing: R,
) -> R:
    """The one error boundary of chat inbound: claims the request's key, finds the person
    (or refuses and audits), runs `work`, and turns what went wrong into the person's
    sentence through `reply`. `nothing` is the result when there is nothing to say."""
    now = datetime.now(UTC)
    chat = request.chat.capitalize()
    key = request.key
    if key is not None and not await asyncio.to_thread(first_time, data, key, now):
        log.info("%s %s %s already handled (retry or double click)", chat, request.what, key)
        return nothing
    language: Language = DEFAULT_LANGUAGE
    try:
        found = await person()
        if found is None:
            await asyncio.to_thread(
                refuse_unknown,
                data,
                actor=request.caller,
                what=request.what,
                now=now,
                channel=request.chat,
            )
            return await reply(Message("error.unknown_person", language=DEFAULT_LANGUAGE))
        language = found.language
        return await work(found, now)
    except NotUnderstood as exc:
        return await reply(Message(exc.key, exc.params, language=language))
    except DeliveryFailed as exc:
        log.warning("%s %s: a reply could not be delivered: %s", chat, request.what, exc)
        return nothing
    except TerugkoppelError as exc:
        return await reply(Message(exc.key, exc.params, language=language))
    except Exception:
        # Not the person's doing (store or provider down, a bug): let a retry try again.
        correlation = uuid.uuid4().hex[:12]
        log.exception("%s %s failed (correlation id %s)", chat, request.what, correlation)
        if key is not None:
            await asyncio.to_thread(forget, data, key)
        try:
            return await reply(Message("error.generic", language=language))
        except DeliveryFailed:
            return nothing
