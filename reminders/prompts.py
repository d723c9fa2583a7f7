"""Due prompts: decide the next rung of the reminder ladder (pure), then apply it."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Engine

from bot.domain import PromptKind, PromptState
from bot.errors import TerugkoppelError
from bot.rules import Rules
from bot.services.prompts import escalate, remind, send_prompt
from store.tables import Prompt
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


class Step(StrEnum):
    SEND = "send"
    REMIND = "remind"
    ESCALATE = "escalate"


def next_step(prompt: Prompt, rules: Rules, now: datetime) -> Step | None:
    """What a prompt needs at `now`; None when nothing is due."""
    if prompt.closed_at is not None or prompt.next_action_at is None:
        return None
    if prompt.next_action_at > now:
        return None
    if prompt.state == PromptState.SNOOZED or (
        prompt.kind == PromptKind.FEEDBACK and prompt.sent_at is None
    ):
        return Step.SEND
    if prompt.state in (PromptState.OPEN, PromptState.REMINDED):
        reminders = len(rules.ladder) - 1
        return Step.REMIND if prompt.reminders_sent < reminders else Step.ESCALATE
    return None


_APPLY = {Step.SEND: send_prompt, Step.REMIND: remind, Step.ESCALATE: escalate}


def process_due_prompts(engine: Engine, rules: Rules, *, now: datetime, batch: int = 500) -> int:
    """Each due prompt in its own transaction, so one bad row never stops the others."""
    done = 0
    while True:
        with UnitOfWork(engine) as uow:
            ids = [p.id for p in uow.prompts.due(now=now, limit=batch) if p.id is not None]
        for prompt_id in ids:
            with UnitOfWork(engine) as uow:
                prompt = uow.prompts.get(id=prompt_id, lock=True)
                step = next_step(prompt, rules, now) if prompt else None
                if prompt is None or step is None:
                    continue  # another worker got there first
                try:
                    _APPLY[step](uow, rules, prompt, now=now)
                except TerugkoppelError:
                    log.exception("prompt %s: step %s failed", prompt_id, step)
                    continue
                uow.commit()
                done += 1
        if len(ids) < batch:
            return done
