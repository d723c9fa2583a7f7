"""Plain rows for the reminder ladder: a tick reads and writes thousands of prompts, and
mapped objects (identity map, change tracking, a flush per object) cost it more than the
work itself. The ladder reads referrals through `ReferralView`, which the mapped `Referral`
satisfies as well."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# The columns of a prompt the ladder changes; `PromptRepository.save_rows` writes these.
LADDER_COLUMNS = ("state", "reminders_sent", "next_action_at", "sent_at", "closed_at")


@dataclass(slots=True)
class DuePrompt:
    """A prompt as the ladder works on it, locked by the transaction that read it."""

    id: int
    referral_id: int
    kind: str
    person_id: str | None
    state: str
    created_at: datetime
    next_action_at: datetime | None
    sent_at: datetime | None
    reminders_sent: int
    closed_at: datetime | None


class ReferralView(Protocol):
    """What a reminder needs to know of a referral (read only)."""

    @property
    def id(self) -> int | None: ...
    @property
    def team_id(self) -> str: ...
    @property
    def referrer_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def consent(self) -> str: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def first_feedback_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    """A referral read as a plain row, with its case reference."""

    id: int
    case_ref: str
    team_id: str
    referrer_id: str
    status: str
    consent: str
    received_at: datetime
    first_feedback_at: datetime | None


# The referral columns `ReferralFacts` is read from (in field order, after `case_ref`).
REFERRAL_FACT_COLUMNS = tuple(
    name for name in ReferralFacts.__dataclass_fields__ if name not in ("id", "case_ref")
)
