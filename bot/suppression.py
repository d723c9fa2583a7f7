"""Small-number suppression for the municipal digest: no family can be singled out.

Pure rules, applied to every figure before any rendering (text, HTML, CSV, chart, outbox):

- a count under `THRESHOLD` (0 included) is shown as "<5";
- in a breakdown whose total is shown, a hidden cell could be recovered as the total
  minus the others, so when any cell is hidden the smallest other cell is hidden too,
  shown as "≥5" (true, but not exact);
- a share is shown only when both what it counts and what it leaves out are at least
  `THRESHOLD` (otherwise "4 of 60 late" could be read from "93%");
- an average, median or percentile is shown only over at least `THRESHOLD` values.

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

    def count(self, n: int) -> str:
        if self.suppress and n < THRESHOLD:
            return HIDDEN
        return str(n)

    def value(self, n: int) -> int | None:
        """A count as a number a chart may draw, or None when it must not be drawn."""
        return None if self.suppress and n < THRESHOLD else n

    def breakdown(self, cells: Mapping[str, int]) -> tuple[str, dict[str, str]]:
        """The total and each cell, shown so that the total does not give a hidden cell
        away: when any cell is hidden the smallest shown cell is hidden too ("≥5"), and a
        total that only fits hidden cells all at the maximum (k cells, total 4k) becomes "≥5"."""
        total = sum(cells.values())
        shown = {name: self.count(n) for name, n in cells.items()}
        if not self.suppress:
            return str(total), shown
        hidden = [name for name, text in shown.items() if text == HIDDEN]
        others = sorted((n, name) for name, n in cells.items() if name not in hidden)
        if hidden and others:
            shown[others[0][1]] = AT_LEAST
        total_text = self.count(total)
        if hidden and not others and total == (THRESHOLD - 1) * len(hidden):
            total_text = AT_LEAST if total >= THRESHOLD else HIDDEN
        return total_text, shown

    def share(self, part: int, whole: int) -> float | None:
        """part / whole, or None when it is not to be shown."""
        if whole == 0:
            return None
        if self.suppress and (part < THRESHOLD or whole - part < THRESHOLD):
            return None
        return part / whole

    def statistic(self, value: float | None, over: int) -> float | None:
        """An average, median or percentile over `over` values, or None when hidden."""
        if value is None or (self.suppress and over < THRESHOLD):
            return None
        return value


EXACT = Disclosure(suppress=False)
SUPPRESSED = Disclosure(suppress=True)
