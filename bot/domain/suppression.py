"""Small-number suppression for the municipal digest: no family can be singled out.

Pure rules, applied to every figure before any rendering (text, HTML, CSV, chart, outbox):

- a count of 1 to 4 is shown as "<5". Zero is shown: it singles out no one, and a
  category that does not appear already says zero;
- in a breakdown whose total is shown, a hidden cell could be recovered as the total
  minus the others, so when k cells are hidden the smallest other cell of at least 5 + k
  is hidden too, shown as "≥5" (large enough that the hidden cells keep more than one
  possible value each, even for a reader who knows this rule). Without such a cell the
  total is shown only as "≥5" (or "<5");
- a share is shown only when both what it counts and what it leaves out are 0 or at
  least 5 (otherwise "4 of 60 late" could be read from "93%");
- an average, median or percentile is shown only over at least 5 values, and the number
  of values only as "<5" or "≥5" where it overlaps other shown counts (the referrals with
  a first terugkoppeling are part of those measured against the norm).

A team's own digest goes to its coordinators, who see the cases anyway: `EXACT` shows
every figure as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = f"<{THRESHOLD}"
AT_LEAST = f"≥{THRESHOLD}"


@dataclass(frozen=True)
class Disclosure:
    """How figures are shown: exactly (a team's digest) or suppressed (the municipality's)."""

    suppress: bool

    def small(self, n: int) -> bool:
        return self.suppress and 0 < n < THRESHOLD

    def count(self, n: int) -> str:
        return HIDDEN if self.small(n) else str(n)

    def value(self, n: int) -> int | None:
        """A count as a number a chart may draw, or None when it must not be drawn."""
        return None if self.small(n) else n

    def coarse(self, n: int) -> str:
        """A count that other shown counts could be subtracted from: only its range."""
        if not self.suppress or n == 0:
            return str(n)
        return HIDDEN if n < THRESHOLD else AT_LEAST

    def breakdown(self, cells: Mapping[str, int]) -> tuple[str, dict[str, str]]:
        """The total and each cell, shown so that the total gives no hidden cell away."""
        total = sum(cells.values())
        shown = {name: self.count(n) for name, n in cells.items()}
        if not self.suppress:
            return str(total), shown
        hidden = [name for name, n in cells.items() if self.small(n)]
        if not hidden:
            return str(total), shown
        # The rule is public, so a reader knows a "≥5" cell is at least 5: it hides the
        # small ones only when it is large enough to leave each of them more than one value.
        enough = THRESHOLD + len(hidden)
        others = sorted((n, name) for name, n in cells.items() if n >= enough)
        if others:
            shown[others[0][1]] = AT_LEAST
            return str(total), shown
        # No cell can cover them: the total is not shown exactly.
        return (AT_LEAST if total >= THRESHOLD else HIDDEN), shown

    def share(self, part: int, whole: int) -> float | None:
        """part / whole, or None when it is not to be shown."""
        if whole == 0:
            return None
        if self.small(part) or self.small(whole - part):
            return None
        return part / whole

    def statistic(self, value: float | None, over: int) -> float | None:
        """An average, median or percentile over `over` values, or None when hidden."""
        if value is None or (self.suppress and over < THRESHOLD):
            return None
        return value


EXACT = Disclosure(suppress=False)
SUPPRESSED = Disclosure(suppress=True)
