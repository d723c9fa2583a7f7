"""The referrer's own reference (`external_ref`): a reference, never text.

One rule for every way in (REST, the Slack and Teams forms, import, the intake use case):
a letter or digit, then letters, digits and `. _ / -`, at most 64 characters, no spaces or
control characters, and nothing the privacy guard flags. What people read shows a stored
value only when it still passes the pattern (rows from before the rule may not).
"""

from __future__ import annotations

import re

from bot.domain import privacy_guard
from bot.domain.errors import BadExternalRef

PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
# What a message shows for a missing reference, or one that may not be shown.
NOT_SHOWN = "—"


def problem(value: str) -> BadExternalRef | None:
    """Why `value` is not a valid reference (the error to raise), or None."""
    # first: "seems to contain personal data" says more than "invalid"
    found = privacy_guard.check(value)
    if found:  # `kinds` lets a form say what it found (error.external_ref_found)
        return BadExternalRef(
            "error.external_ref_personal", kinds="+".join(privacy_guard.kinds(found))
        )
    if not PATTERN.fullmatch(value):
        return BadExternalRef("error.bad_external_ref")
    return None


def check(value: str | None) -> None:
    """Raises BadExternalRef when a given reference is not valid; None passes (optional)."""
    if value is not None:
        error = problem(value)
        if error is not None:
            raise error


def shown(value: str | None) -> str:
    """The reference as a message may show it: itself when valid, else NOT_SHOWN."""
    if value is None or not PATTERN.fullmatch(value):
        return NOT_SHOWN
    return value
