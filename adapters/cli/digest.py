"""`terugkoppel digest`: the coordinators' digest of a team and week as text, HTML or CSV,
and with `--png PATH` the trend chart as a file next to it."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from adapters.cli.files import reason
from adapters.cli.runtime import Ready, UsageProblem, runtime
from adapters.cli.values import completions, words
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
    format: Annotated[
        DigestFormat,
        typer.Option(
            "--format",
            parser=words(DigestFormat, "format"),
            autocompletion=completions(DigestFormat, "format"),
        ),
    ] = DigestFormat.text,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write the 12-week trend chart here.")
    ] = None,
    cid: Annotated[
        bool,
        typer.Option(
            "--cid",
            help="In the HTML, refer to the chart as cid:NAME (for a mail with the PNG inline).",
        ),
    ] = False,
    municipality: Annotated[
        bool,
        typer.Option(
            "--municipality", help="The municipality's digest: totals only, counts under 5 as <5."
        ),
    ] = False,
    regio: Annotated[
        bool,
        typer.Option(
            "--regio", help="The regional digest: every municipality and their sum, suppressed."
        ),
    ] = False,
) -> None:
    """Print the coordinators' digest for a team and week."""
    from bot.app import exports
    from bot.app.digest import page, render, sheet
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
    if regio:
        if team is not None or municipality or png is not None or format is not DigestFormat.text:
            raise UsageProblem(text("cli.digest_regio_alone", language))
        out.print(regional_text(ready, monday, now, language), markup=False)
        return
    figures = exports.digest(
        ready.data.uow(), ready.rules, team=team, monday=monday, now=now, municipal=municipality
    )
    if png is not None:
        write_png(figures, png, language)
    if cid and png is None:
        raise UsageProblem(text("cli.digest_cid_needs_png", language))
    if format is DigestFormat.csv:
        # bytes, so the BOM and the line ends reach the file as Excel expects them
        sys.stdout.flush()
        sys.stdout.buffer.write(sheet.as_csv(figures, language).encode("utf-8"))
        sys.stdout.buffer.flush()
    elif format is DigestFormat.html:
        image = None if png is None else (f"cid:{png.name}" if cid else png.name)
        sys.stdout.write(page.as_html(figures, language, image=image))
    else:
        out.print(render.as_text(figures, language), markup=False)


def regional_text(ready: Ready, monday: date, now: datetime, language: str) -> str:
    """Every municipality's figures and the region's, read tenant by tenant."""
    from bot.app.digest import regional
    from bot.app.tenants import list_tenants

    tenants = list_tenants(ready.data.uow())
    figures = regional.compute(ready.data.uow, ready.rules, tenants=tenants, monday=monday, now=now)
    return regional.as_text(figures, language)


def write_png(digest: Digest, path: Path, language: str) -> None:
    """Writes the chart; a folder that does not exist or cannot be written is one sentence."""
    from bot.app.digest.chart import render_png
    from bot.app.digest.render import chart_spec

    data = render_png(chart_spec(digest, language))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UnwritableFile(path=str(path), problem=reason(exc, language)) from exc
