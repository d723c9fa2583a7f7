"""The norms a team works by, with the working-day calendar they are counted in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.clock import WorkCalendar
from bot.domain.schedules import DigestSchedule


@dataclass(frozen=True)
class Rules:
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    feedback_norm: int = 5
    prompt_after: int = 2
    followup: int = 10
    snooze: int = 2
    ladder: tuple[int, int, int] = (1, 2, 3)  # reminder, reminder, escalation (working days)
    handover_norm: int = 3
    digest: DigestSchedule = field(default_factory=DigestSchedule)  # digests
    # the referrer's own loop (working days)
    referrer_reminder: int = 3  # between a request to a referrer and each reminder
    referrer_reminders: int = 2  # reminders before the professional is told
    checkin: int = 20  # from help started to "Merkt u verschil?"
    privacy_names: tuple[str, ...] = ()  # names the privacy guard refuses
    retention_days: int = 730  # closed cases are purged after this many days

    def today(self, now: datetime) -> date:
        return self.calendar.local(now).date()

    def day_text(self, moment: datetime | date) -> str:
        """Dates in what people read: local, numeric, the same in both languages."""
        if isinstance(moment, datetime):
            return self.calendar.local(moment).strftime("%d-%m-%Y")
        return moment.strftime("%d-%m-%Y")

    def moment_text(self, moment: datetime) -> str:
        return self.calendar.local(moment).strftime("%d-%m-%Y %H:%M")
