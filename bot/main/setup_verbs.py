"""The verbs that set up and check a deployment: `db upgrade` and `check`."""

from __future__ import annotations

from typing import cast

import typer
from pydantic import ValidationError

from bot.main.runtime import CliRuntime, err, out
from bot.messages import text

db_app = typer.Typer(no_args_is_help=True, help="Database schema.")

# The wiring, the store and the probes are imported inside the verbs: lazy, for start-up
# cost (each verb loads only what it runs).


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply the database migrations (safe to repeat; replicas wait for each other)."""
    from bot.main.wiring import build
    from store.db import current_revision, upgrade

    runtime = cast(CliRuntime, ctx.obj)
    container = build(runtime.settings())
    upgrade(container.engine)
    revision = current_revision(container.engine)
    out.print(text("cli.db_upgraded", runtime.language(), revision=revision))


def check(ctx: typer.Context) -> None:
    """Check settings, database, schema, Slack, Teams, Graph and SMTP: one line each, exit 1
    when anything is wrong (2 when a setting is invalid)."""
    from bot.main.checks import Outcome, run_checks, setting_lines

    runtime = cast(CliRuntime, ctx.obj)
    try:
        settings = runtime.settings()
    except ValidationError as exc:
        for sentence in setting_lines(exc, runtime.language()):
            err.print(sentence, markup=False, soft_wrap=True)
        raise SystemExit(2) from None
    lines = run_checks(settings)
    for line in lines:
        console = err if line.outcome is Outcome.problem else out
        console.print(line.render(settings.language), markup=False, soft_wrap=True)
    problems = sum(line.outcome is Outcome.problem for line in lines)
    if problems:
        err.print(text("check.summary_problems", settings.language, count=problems), markup=False)
        raise SystemExit(1)
    out.print(text("check.summary_ok", settings.language), markup=False)
