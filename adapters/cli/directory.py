"""`terugkoppel import FILE`: organisations, teams, people and contact persons from a
directory file (YAML, CSV or a folder of CSV files)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.runtime import in_tenant, runtime
from bot.messages import text

out = Console(highlight=False)


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Directory file: YAML, CSV or a folder of CSV files.")
    ],
    tenant: Annotated[
        str | None, typer.Option(help="The municipality the directory belongs to.")
    ] = None,
) -> None:
    """Import organisations, teams, people and contact persons (idempotent)."""
    # lazy, for start-up cost: the importer loads the schema and the store
    from bot.app.directory.importer import import_directory, load_file

    ready = runtime(ctx).ready()
    data = load_file(file)
    with in_tenant(ready, tenant):
        report = import_directory(ready.data.uow(), data, now=datetime.now(UTC))
    out.print(
        text(
            "cli.import_done",
            runtime(ctx).language(),
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            left=report.left,
        )
    )
