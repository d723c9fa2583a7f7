"""`terugkoppel digest`: the coordinators' digest of a team and week as text, HTML or CSV,
and with `--png PATH` the trend chart as a file next to it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import UsageProblem, runtime
from bot.domain.errors import TerugkoppelError
from bot.messages import text

if TYPE_CHECKING:
    from bot.app.digest.figures import Digest

# The figures, renderers and chart (matplotlib) are imported inside the functions: lazy,
# for start-up cost (`--help` and the other verbs do not load them).

out = Console(highlight=False)


class UnwritableFile(TerugkoppelError):
    key = "cli.cannot_write"


class DigestFormat(StrEnum):
    text = "text"
    html = "html"
    csv = "csv"


def digest(
    ctx: typer.Context,
    team: Annotated[str | None, typer.Option(help="Team id; all teams when left out.")] = None,
    week: Annotated[
        str | None, typer.Option(help="ISO week, e.g. 2026-W48; default last week.")
    ] = None,
    format: Annotated[DigestFormat, typer.Option("--format")] = DigestFormat.text,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write the 12-week trend chart here.")
    ] = None,
    municipality: Annotated[
        bool,
        typer.Option(
            "--municipality", help="The municipality's digest: totals only, counts under 5 as <5."
        ),
    ] = False,
) -> None:
    """Print the coordinators' digest for a team and week."""
    from bot.app import exports
    from bot.app.digest import render
    from bot.app.digest.figures import parse_week

    ready = runtime(ctx).ready()
    language = runtime(ctx).language()
    now = datetime.now(UTC)
    if week is None:
        today = ready.rules.today(now)
        monday = today - timedelta(days=today.weekday() + 7)
    else:
        try:
            monday = parse_week(week)
        except ValueError as exc:
            raise UsageProblem(text("cli.bad_week", language, value=week)) from exc
    if municipality and team is not None:
        raise UsageProblem(text("cli.digest_municipality_team", language))
    figures = exports.digest(
        ready.data.uow(), ready.rules, team=team, monday=monday, now=now, municipal=municipality
    )
    if png is not None:
        write_png(figures, png, language)
    if format is DigestFormat.csv:
        sys.stdout.write(render.as_csv(figures))
    elif format is DigestFormat.html:
        image = png.name if png is not None else None
        sys.stdout.write(render.as_html(figures, language, image=image))
    else:
        out.print(render.as_text(figures, language), markup=False)


def write_png(digest: Digest, path: Path, language: str) -> None:
    """Writes the chart; a folder that does not exist or cannot be written is one sentence."""
    from bot.app.digest.chart import render_png
    from bot.app.digest.render import chart_spec

    data = render_png(chart_spec(digest, language))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UnwritableFile(path=str(path), problem=exc.strerror or type(exc).__name__) from exc
