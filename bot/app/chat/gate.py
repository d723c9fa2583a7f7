"""The gate every chat request passes: its key claimed once (a retry or a double click
changes state once), and an unknown person's attempt refused and audited."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.app.data import Data


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
