"""The demo's digests as the files a coordinator gets."""

from __future__ import annotations

from pathlib import Path

from bot.app.digest import figures as digests
from bot.app.digest import render


def keep(folder: Path, language: str, figures: digests.Digest, *, name: str) -> None:
    """The digest as the files a coordinator gets: text, HTML with its chart, CSV for Excel."""
    from bot.app.digest import page, sheet
    from bot.app.digest.chart import render_png

    base = folder / f"overzicht-{name}"
    chart = base.with_suffix(".png")
    chart.write_bytes(render_png(render.chart_spec(figures, language)))
    base.with_suffix(".txt").write_text(render.as_text(figures, language) + "\n", "utf-8")
    html = page.as_html(figures, language, image=chart.name)
    base.with_suffix(".html").write_text(html, "utf-8")
    base.with_suffix(".csv").write_bytes(sheet.as_csv(figures, language).encode("utf-8"))
