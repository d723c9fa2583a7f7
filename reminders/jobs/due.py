"""The tick's due work: due prompts (the next rung of the reminder ladder, decided pure, then
applied) and overdue handovers (remind the receiving team, then escalate to both sides)."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Engine

from bot.app import pages
from bot.app.handover_ladder import remind_or_escalate
from bot.app.prompts import escalate, remind, send_prompt
from bot.app.referrals.intake import intake_actions
from bot.domain.errors import TerugkoppelError, UnknownCase
from bot.domain.model import HandoverState, PromptKind, PromptState
from bot.domain.rules import Rules
from store.rows import DuePrompt, ReferralFacts
from store.schema.cases import Handover
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


class Step(StrEnum):
    SEND = "send"
    REMIND = "remind"
    ESCALATE = "escalate"
    REPAGE = "repage"  # an urgent page nobody answered (bot/app/pages.py)


def next_step(prompt: DuePrompt, rules: Rules, now: datetime) -> Step | None:
    """What a prompt needs at `now`; None when nothing is due."""
    if prompt.closed_at is not None or prompt.next_action_at is None:
        return None
    if prompt.next_action_at > now:
        return None
    if prompt.kind == PromptKind.PAGE:  # minutes, day or night
        active = prompt.state in (PromptState.OPEN, PromptState.REMINDED)
        return Step.REPAGE if active else None
    if prompt.state == PromptState.SNOOZED or (
        prompt.kind == PromptKind.FEEDBACK and prompt.sent_at is None
    ):
        return Step.SEND
    if prompt.state in (PromptState.OPEN, PromptState.REMINDED):
        reminders = len(rules.ladder) - 1
        return Step.REMIND if prompt.reminders_sent < reminders else Step.ESCALATE
    return None


def _repage(
    uow: UnitOfWork,
    rules: Rules,
    prompt: DuePrompt,
    referral: ReferralFacts,
    case_ref: str,
    *,
    now: datetime,
) -> None:
    pages.repage(uow, rules, prompt, referral, case_ref, now=now, actions=intake_actions(referral))


_APPLY = {
    Step.SEND: send_prompt,
    Step.REMIND: remind,
    Step.ESCALATE: escalate,
    Step.REPAGE: _repage,
}


def apply_due_prompt(engine: Engine, rules: Rules, prompt_id: int, *, now: datetime) -> bool:
    """One due prompt in its own transaction; False when there was nothing (left) to do."""
    with UnitOfWork(engine) as uow:
        prompt = uow.prompts.row(id=prompt_id)
        if prompt is None:
            return False
        try:
            applied = _apply_batch(uow, rules, [prompt], now=now)
        except TerugkoppelError:
            log.exception("prompt %s: its next step failed", prompt_id)
            return False
        if not applied:
            return False  # another worker got there first
        uow.commit()
        return True


def process_due_prompts(
    engine: Engine, rules: Rules, *, now: datetime, batch: int = 500, lanes: int = 2
) -> int:
    """Due prompts a batch per transaction: the batch's rows are locked (other workers and
    lanes skip them), read and written back as plain rows, the directory and referrals are
    read once, and the outbox rows go out in one INSERT. On PostgreSQL `lanes` threads take
    batches side by side, so the database works on one batch while Python prepares the
    next. If any prompt of a batch fails, the batch is rolled back and redone one prompt per
    transaction, so one bad row never stops the others."""
    if lanes <= 1 or engine.dialect.name != "postgresql":
        return _process_lane(engine, rules, now=now, batch=batch)
    with ThreadPoolExecutor(lanes, thread_name_prefix="due-prompts") as pool:
        # each lane in a copy of this context: a pool thread does not inherit it, and the
        # context holds the tenant whose prompts these are (store/tenancy.py)
        futures = [
            pool.submit(
                contextvars.copy_context().run, _process_lane, engine, rules, now=now, batch=batch
            )
            for _ in range(lanes)
        ]
        return sum(future.result() for future in futures)


def _process_lane(engine: Engine, rules: Rules, *, now: datetime, batch: int) -> int:
    done = 0
    failed: set[int] = set()
    while True:
        with UnitOfWork(engine) as uow:
            prompts = uow.prompts.due_rows(now=now, limit=batch, skip=failed)
            if not prompts:
                return done
            try:
                applied = _apply_batch(uow, rules, prompts, now=now)
                uow.commit()
                done += applied
            except TerugkoppelError:
                uow.rollback()
                applied = -1
        if applied < 0:
            for prompt in prompts:
                if apply_due_prompt(engine, rules, prompt.id, now=now):
                    done += 1
                else:
                    failed.add(prompt.id)
        if len(prompts) < batch:
            return done


def _apply_batch(
    uow: UnitOfWork, rules: Rules, prompts: Sequence[DuePrompt], *, now: datetime
) -> int:
    """The next step of each due prompt; the changed rows are written back."""
    if len(prompts) > 1:  # a batch reads the directory per row; one prompt, a few rows of it
        uow.directory.warm(day=rules.today(now))
    referrals = uow.referrals.facts(ids={p.referral_id for p in prompts})
    uow.outbox.collect()
    changed = []
    for prompt in prompts:
        step = next_step(prompt, rules, now)
        if step is None:
            continue
        referral = referrals.get(prompt.referral_id)
        if referral is None:
            raise UnknownCase(case_ref=str(prompt.referral_id))
        _APPLY[step](uow, rules, prompt, referral, referral.case_ref, now=now)
        changed.append(prompt)
    uow.prompts.save_rows(changed)
    return len(changed)


# -- overdue handovers ------------------------------------------------------------------


def handover_is_due(handover: Handover, now: datetime) -> bool:
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
            if handover is None or not handover_is_due(handover, now):
                continue
            try:
                remind_or_escalate(uow, rules, handover, now=now)
            except TerugkoppelError:
                log.exception("handover %s failed", handover_id)
                continue
            uow.commit()
            done += 1
    return done
