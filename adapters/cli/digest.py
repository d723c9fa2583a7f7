"""`terugkoppel digest --png PATH`: the trend chart as a file, next to the printed digest."""

from __future__ import annotations

from pathlib import Path

from bot.app.digest.chart import render_png
from bot.app.digest.figures import Digest
from bot.app.digest.render import chart_spec
from bot.domain.errors import TerugkoppelError


class UnwritableFile(TerugkoppelError):
    key = "cli.cannot_write"


def write_png(digest: Digest, path: Path, language: str) -> None:
    """Writes the chart; a folder that does not exist or cannot be written is one sentence."""
    data = render_png(chart_spec(digest, language))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UnwritableFile(path=str(path), problem=exc.strerror or type(exc).__name__) from exc
