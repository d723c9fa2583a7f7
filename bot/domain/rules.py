"""The norms a team works by, with the working-day calendar they are counted in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from bot.domain.clock import WorkCalendar
from bot.domain.schedules import DigestSchedule


class TeamNorms(Protocol):
    """A team's own norms as the directory sets them (None: the default)."""

    @property
    def feedback_norm(self) -> int | None: ...
    @property
    def snooze_cap(self) -> int | None: ...
    @property
    def help_start_days(self) -> int | None: ...
    @property
    def stale_days(self) -> int | None: ...
    @property
    def repage_minutes(self) -> int | None: ...


@dataclass(frozen=True)
class Norms:
    """The norms one team works by."""

    feedback: int  # working days to the first terugkoppeling
    snooze_cap: int
    help_start: int
    stale: int
    repage_minutes: int


@dataclass(frozen=True)
class Rules:
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    feedback_norm: int = 5
    prompt_after: int = 2
    followup: int = 10
    snooze: int = 2
    ladder: tuple[int, int, int] = (1, 2, 3)  # reminder, reminder, escalation (working days)
    handover_norm: int = 3
    # stalled care: the defaults; a team's own (directory file) go first, see `norms`
    snooze_cap: int = 3  # "not yet" answers in a row before the coordinator is asked
    help_start: int = 10  # working days from intake planned to help started
    stale: int = 15  # working days without a status change (before help started)
    repage_minutes: int = 15  # an urgent page not taken within this many minutes goes on
    digest: DigestSchedule = field(default_factory=DigestSchedule)  # digests
    # the referrer's own loop (working days)
    referrer_reminder: int = 3  # between a request to a referrer and each reminder
    referrer_reminders: int = 2  # reminders before the professional is told
    checkin: int = 20  # from help started to "Merkt u verschil?"
    privacy_names: tuple[str, ...] = ()  # names the privacy guard refuses
    retention_days: int = 730  # closed cases are purged after this many days

    def norms(self, team: TeamNorms | None) -> Norms:
        """The team's norms: its own where the directory file sets them, else these."""

        def pick(own: int | None, default: int) -> int:
            return default if own is None else own

        if team is None:
            return Norms(
                self.feedback_norm,
                self.snooze_cap,
                self.help_start,
                self.stale,
                self.repage_minutes,
            )
        return Norms(
            feedback=pick(team.feedback_norm, self.feedback_norm),
            snooze_cap=pick(team.snooze_cap, self.snooze_cap),
            help_start=pick(team.help_start_days, self.help_start),
            stale=pick(team.stale_days, self.stale),
            repage_minutes=pick(team.repage_minutes, self.repage_minutes),
        )

    def today(self, now: datetime) -> date:
        return self.calendar.local(now).date()

    def day_text(self, moment: datetime | date) -> str:
        """Dates in what people read: local, numeric, the same in both languages."""
        if isinstance(moment, datetime):
            return self.calendar.local(moment).strftime("%d-%m-%Y")
        return moment.strftime("%d-%m-%Y")

    def moment_text(self, moment: datetime) -> str:
        return self.calendar.local(moment).strftime("%d-%m-%Y %H:%M")
