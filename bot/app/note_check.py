"""A note for the referrer through the privacy guard: the guard's own lists plus the names
the service knows (the configured list and the directory), and the plain hints for what it
found."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain import privacy_guard
from bot.domain.rules import Rules
from bot.messages import text
from store.uow import UnitOfWork


def note_findings(uow: UnitOfWork, rules: Rules, note: str) -> list[privacy_guard.Finding]:
    """The privacy guard over a note: the field's libraries, configured names and the
    directory's names."""
    return privacy_guard.check(note, patterns=guard_names(uow, rules))


def guard_names(uow: UnitOfWork, rules: Rules) -> list[re.Pattern[str]]:
    """The names the guard refuses beside its own lists: the configured list
    (TERUGKOPPEL_PRIVACY_NAMES_FILE) and the people of the directory."""
    names = [person.name for person in uow.directory.people()]
    return privacy_guard.name_patterns(rules.privacy_names, names)


def note_hint(found: Iterable[privacy_guard.Finding], language: str | None) -> str:
    """The plain hints for what the guard found, one per kind: "dit lijkt een telefoonnummer"."""
    return "; ".join(text(f"privacy.hint.{kind}", language) for kind in privacy_guard.kinds(found))
