"""Pure reading of the referrer-loop chat command (Slack `/verwijzer`, Teams `verwijzer`):
`<kenmerk> toestemming | informatie | klaar` (English words too)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import RequestKind

_KINDS = {
    "toestemming": RequestKind.CONSENT,
    "consent": RequestKind.CONSENT,
    "informatie": RequestKind.INFORMATION,
    "info": RequestKind.INFORMATION,
    "information": RequestKind.INFORMATION,
}
_DONE = frozenset({"klaar", "geregeld", "done"})


@dataclass(frozen=True)
class ReferrerCommand:
    case_ref: str
    kind: RequestKind | None  # None: the wait is over (klaar)


def referrer_command(typed: str) -> ReferrerCommand | None:
    """The command, or None when it cannot be read (the caller shows the usage)."""
    words = typed.split()
    if len(words) != 2:
        return None
    case_ref, word = words[0].upper(), words[1].lower()
    if word in _DONE:
        return ReferrerCommand(case_ref, None)
    kind = _KINDS.get(word)
    return ReferrerCommand(case_ref, kind) if kind is not None else None
