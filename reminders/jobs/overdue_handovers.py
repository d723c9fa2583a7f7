"""Overdue handovers: remind the receiving team, then escalate to both sides."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine

from bot.app.handovers import remind_or_escalate
from bot.domain.errors import TerugkoppelError
from bot.domain.model import HandoverState
from bot.domain.rules import Rules
from store.schema.cases import Handover
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


def is_due(handover: Handover, now: datetime) -> bool:
    return (
        handover.closed_at is None
        and handover.next_action_at is not None
        and handover.next_action_at <= now
        and handover.state in (HandoverState.REQUESTED, HandoverState.OVERDUE)
    )


def process_overdue_handovers(engine: Engine, rules: Rules, *, now: datetime) -> int:
    done = 0
    with UnitOfWork(engine) as uow:
        ids = [h.id for h in uow.handovers.due(now=now, limit=1000) if h.id is not None]
    for handover_id in ids:
        with UnitOfWork(engine) as uow:
            handover = uow.handovers.get(id=handover_id, lock=True)
            if handover is None or not is_due(handover, now):
                continue
            try:
                remind_or_escalate(uow, rules, handover, now=now)
            except TerugkoppelError:
                log.exception("handover %s failed", handover_id)
                continue
            uow.commit()
            done += 1
    return done
