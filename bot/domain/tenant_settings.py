"""A municipality's own settings (norms, office hours, retention, mail sender) and how they
change the installation's rules. Pure: the values come from `tenants.settings` (JSON); a key
that is missing falls back to the installation's setting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from bot.domain.clock import WorkCalendar
from bot.domain.rules import Rules


@dataclass(frozen=True)
class Knob:
    """One setting: its key in the JSON, the Rules field it sets, and its range."""

    key: str
    field: str
    low: int
    high: int


# The working-day norms (and the minutes of the re-page), with the ranges of Settings.
NORMS: tuple[Knob, ...] = (
    Knob("feedback_norm", "feedback_norm", 1, 60),
    Knob("prompt_after", "prompt_after", 0, 60),
    Knob("followup", "followup", 1, 120),
    Knob("snooze", "snooze", 1, 60),
    Knob("handover_norm", "handover_norm", 1, 60),
    Knob("snooze_cap", "snooze_cap", 1, 20),
    Knob("help_start", "help_start", 1, 120),
    Knob("stale", "stale", 1, 120),
    Knob("repage_minutes", "repage_minutes", 1, 240),
    Knob("referrer_reminder", "referrer_reminder", 1, 60),
    Knob("checkin", "checkin", 1, 120),
    Knob("retention_days", "retention_days", 30, 36500),
)
OFFICE_HOURS = "office_hours"  # "08:30-17:00"
MAIL_FROM = "mail_from"  # the From address of this municipality's e-mail
KEYS: tuple[str, ...] = (*(k.key for k in NORMS), OFFICE_HOURS, MAIL_FROM)

_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
_ADDRESS = re.compile(
    r"^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>)$"
)


class BadTenantSetting(ValueError):
    """A value a municipality's setting cannot take: `key` and the value as typed."""

    def __init__(self, key: str, value: object) -> None:
        super().__init__(f"{key}={value!r}")
        self.key = key
        self.value = value


def office_hours(value: str) -> tuple[time, time]:
    """'08:30-17:00' → (08:30, 17:00); BadTenantSetting unless the start is before the end."""
    found = _HOURS.fullmatch(value.strip())
    if found is None:
        raise BadTenantSetting(OFFICE_HOURS, value)
    start = time(int(found[1]), int(found[2]))
    end = time(int(found[3]), int(found[4]))
    if not start < end:
        raise BadTenantSetting(OFFICE_HOURS, value)
    return start, end


def checked(key: str, value: object) -> object:
    """The value as stored, or BadTenantSetting (an unknown key, a number out of range,
    office hours that are not 'HH:MM-HH:MM', a sender that is not an address)."""
    for knob in NORMS:
        if knob.key == key:
            if isinstance(value, bool) or not isinstance(value, int):
                raise BadTenantSetting(key, value)
            if not knob.low <= value <= knob.high:
                raise BadTenantSetting(key, value)
            return value
    if key == OFFICE_HOURS and isinstance(value, str):
        start, end = office_hours(value)
        return f"{start:%H:%M}-{end:%H:%M}"
    if key == MAIL_FROM and isinstance(value, str) and _ADDRESS.fullmatch(value.strip()):
        return value.strip()
    raise BadTenantSetting(key, value)


def merged(current: Mapping[str, Any], changes: Mapping[str, object]) -> dict[str, Any]:
    """The settings after `changes` (each checked); None as a value removes that key."""
    settings = dict(current)
    for key, value in changes.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = checked(key, value)
    return settings


def rules_with(rules: Rules, settings: Mapping[str, Any]) -> Rules:
    """The installation's rules with this municipality's own settings over them. A value
    that does not check (edited by hand in the database) is left out: the installation's
    setting holds for it."""
    changes: dict[str, Any] = {}
    for knob in NORMS:
        if knob.key in settings:
            try:
                changes[knob.field] = checked(knob.key, settings[knob.key])
            except BadTenantSetting:
                continue
    hours = settings.get(OFFICE_HOURS)
    if isinstance(hours, str):
        try:
            start, end = office_hours(hours)
        except BadTenantSetting:
            pass
        else:
            changes["calendar"] = WorkCalendar(
                timezone=rules.calendar.tz.key, office_start=start, office_end=end
            )
    return replace(rules, **changes) if changes else rules


def mail_from(settings: Mapping[str, Any]) -> str | None:
    sender = settings.get(MAIL_FROM)
    return sender if isinstance(sender, str) and sender else None
