"""Due work of the referrer's own loop: reminders of requests to referrers, check-ins and
the vaste overleg's reminder. Each item in its own transaction; whether any is due the
tick learns from its one statement of partial-index probes (store/repositories.DueKinds)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from bot.app.loop.checkins import ask_checkin
from bot.app.loop.overleg import remind_consultation
from bot.app.loop.referrer_requests import remind_request
from bot.domain.errors import TerugkoppelError
from bot.domain.rules import Rules
from store.repos.due import DueKinds
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
BATCH = 1000


def process_referrer_loop(engine: Engine, rules: Rules, *, now: datetime, due: DueKinds) -> int:
    """All due items of the three kinds `due` names; returns how many were applied."""
    done = 0
    if due.requests:
        done += _each(engine, "request", _due_requests, _request, rules, now)
    if due.checkins:
        done += _each(engine, "checkin", _due_checkins, _checkin, rules, now)
    if due.consultations:
        done += _each(engine, "consultation", _due_consultations, _consultation, rules, now)
    return done


def _due_requests(uow: UnitOfWork, now: datetime) -> Sequence[int]:
    return uow.loop.due_requests(now=now, limit=BATCH)


def _due_checkins(uow: UnitOfWork, now: datetime) -> Sequence[int]:
    return uow.loop.due_checkins(now=now, limit=BATCH)


def _due_consultations(uow: UnitOfWork, now: datetime) -> Sequence[int]:
    return uow.loop.due_consultations(now=now, limit=BATCH)


def _request(uow: UnitOfWork, rules: Rules, id_: int, now: datetime) -> bool:
    request = uow.loop.request(id=id_, lock=True)
    if (
        request is None
        or request.closed_at is not None
        or request.next_action_at is None
        or request.next_action_at > now
    ):
        return False  # answered meanwhile, or another worker got there first
    remind_request(uow, rules, request, now=now)
    return True


def _checkin(uow: UnitOfWork, rules: Rules, id_: int, now: datetime) -> bool:
    checkin = uow.loop.checkin(id=id_, lock=True)
    if (
        checkin is None
        or checkin.asked_at is not None
        or checkin.closed_at is not None
        or checkin.due_at > now
    ):
        return False
    ask_checkin(uow, rules, checkin, now=now)
    return True


def _consultation(uow: UnitOfWork, rules: Rules, id_: int, now: datetime) -> bool:
    consultation = uow.loop.consultation_by_id(id=id_, lock=True)
    if consultation is None or consultation.remind_at > now:
        return False
    remind_consultation(uow, rules, consultation, now=now)
    return True


def _each(
    engine: Engine,
    what: str,
    due: Callable[[UnitOfWork, datetime], Sequence[int]],
    apply: Callable[[UnitOfWork, Rules, int, datetime], bool],
    rules: Rules,
    now: datetime,
) -> int:
    done = 0
    with UnitOfWork(engine) as uow:
        ids = due(uow, now)
    for id_ in ids:
        with UnitOfWork(engine) as uow:
            try:
                applied = apply(uow, rules, id_, now)
            except TerugkoppelError:
                log.exception("%s %s failed", what, id_)
                continue
            if applied:
                uow.commit()
                done += 1
    return done
