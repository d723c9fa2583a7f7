"""The digest's trend chart as a PNG, drawn from the chart data the outbox stores.

matplotlib's object API on the Agg canvas: no pyplot, no global state, no display, so it
is safe in a worker thread and in a server without a screen.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

BAR = "#4C72B0"
LINE = "#DD8452"
MUTED = "#8C8C8C"


def render_png(spec: Mapping[str, Any]) -> bytes:
    """PNG bytes of the bars (new referrals) and the line (% within norm) per week.
    A suppressed week has no bar, only its label "<5"; a hidden share leaves a gap."""
    weeks: Sequence[str] = spec["weeks"]
    new: Sequence[int | None] = spec["new"]
    labels: Sequence[str] = spec["new_labels"]
    within: Sequence[float | None] = spec["within"]
    figure = Figure(figsize=(8, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(weeks)))
    heights = [value if value is not None else 0 for value in new]
    bars = axes.bar(positions, heights, color=BAR, width=0.6, label=spec["new_axis"])
    # Counts inside their bars, so the line drawn over them never hides one; a bar not
    # drawn (suppressed) gets its "<5" / "≥5" on the axis instead.
    inside = [label if value else "" for label, value in zip(labels, new, strict=True)]
    axes.bar_label(bars, labels=inside, label_type="center", fontsize=7, color="white")
    for position, label, value in zip(positions, labels, new, strict=True):
        if not value:
            axes.annotate(
                label,
                (position, 0),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=MUTED,
            )
    axes.set_xticks(positions, list(weeks), fontsize=7, rotation=45)
    axes.set_ylabel(spec["new_axis"], fontsize=8, color=BAR)
    axes.set_ylim(0, max([*heights, 5]) * 1.15)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="y", labelsize=7)
    share = axes.twinx()
    points = [value if value is not None else float("nan") for value in within]
    share.plot(positions, points, color=LINE, marker="o", linewidth=2, label=spec["within_axis"])
    share.set_ylim(0, 105)
    share.set_ylabel(spec["within_axis"], fontsize=8, color=LINE)
    share.tick_params(axis="y", labelsize=7)
    axes.set_title(spec["title"], fontsize=10)
    if spec.get("note"):
        figure.text(0.01, 0.01, spec["note"], fontsize=7, color=MUTED)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
