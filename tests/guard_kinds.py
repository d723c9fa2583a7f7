"""The kinds the privacy guard finds in a note, for tests that ask only which kinds."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain import privacy_guard


def findings(
    note: str, names: Iterable[str] = (), *, patterns: Iterable[re.Pattern[str]] = ()
) -> list[str]:
    return privacy_guard.kinds(privacy_guard.check(note, names, patterns=patterns))
