"""The `terugkoppel` command line; one error boundary turns failures into a plain sentence."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from pydantic import ValidationError
from pydantic_settings.exceptions import SettingsError
from rich.console import Console
from sqlalchemy.exc import OperationalError

from adapters.cli.loop import overleg_app, referrer_app
from adapters.cli.privacy import apikey_app, audit_app, consent_app, person_app, retention_app
from adapters.teams.cli import teams_app
from bot.app.data import Data
from bot.domain.errors import TerugkoppelError
from bot.main.settings import Settings, env_name
from bot.messages import text

if TYPE_CHECKING:
    from bot.main.wiring import Container

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="terugkoppel: closes the feedback loops around referrals in youth care.",
)
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
app.add_typer(db_app, name="db")
slack_app = typer.Typer(no_args_is_help=True, help="Slack.")
app.add_typer(slack_app, name="slack")
app.add_typer(teams_app, name="teams")
app.add_typer(referrer_app, name="referrer")  # the referrer's own loop
app.add_typer(overleg_app, name="overleg")  # the vaste overleg
# privacy verbs (adapters/cli/privacy.py)
app.add_typer(apikey_app, name="apikey")
app.add_typer(consent_app, name="consent")
app.add_typer(audit_app, name="audit")
app.add_typer(retention_app, name="retention")
app.add_typer(person_app, name="person")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class UsageProblem(Exception):
    """A usage or validation error; exit code 2."""


def _settings() -> Settings:
    return Settings()


def _language() -> str:
    try:
        return Settings().language
    except (ValidationError, SettingsError):
        return "nl"


def _ready_container(*, upgrade_sqlite: bool = True):  # type: ignore[no-untyped-def]
    from bot.main.wiring import build
    from store.db import schema_is_current, upgrade

    container = build(_settings(), console=out)
    if not schema_is_current(container.engine):
        if upgrade_sqlite and container.engine.dialect.name == "sqlite":
            upgrade(container.engine)  # the embedded default sets itself up
        else:
            raise UsageProblem(text("error.schema", _language()))
    return container


def _parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(text("cli.bad_time", _language(), value=value)) from exc
    if moment.tzinfo is None:
        raise UsageProblem(text("cli.bad_time", _language(), value=value))
    return moment.astimezone(UTC)


@app.command()
def demo(
    days: Annotated[int, typer.Option(min=14, max=60, help="Calendar days to simulate.")] = 15,
) -> None:
    """Simulate a municipality for two weeks on a temporary SQLite database (no network)."""
    from bot.main.demo import run_demo

    run_demo(out, days=days, language=_language())


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    no_scheduler: Annotated[bool, typer.Option("--no-scheduler", help="Web only.")] = False,
    socket_mode: Annotated[
        bool,
        typer.Option(
            "--socket-mode", help="Also take Slack events over Socket Mode (SLACK_APP_TOKEN)."
        ),
    ] = False,
) -> None:
    """Run the HTTP app (and, unless --no-scheduler, the reminder scheduler)."""
    import uvicorn

    from bot.main.asgi import create_app

    settings = _settings()
    if socket_mode and (settings.slack_app_token is None or not settings.slack_bot_configured):
        raise UsageProblem(text("cli.socket_mode_needs_token", settings.language))
    container = _ready_container()
    out.print(text("cli.serving", _language(), host=host, port=port))
    app_ = create_app(container, scheduler=not no_scheduler, socket_mode=socket_mode)
    # Our own access log line carries the request id; SIGTERM lets requests in flight finish.
    uvicorn.run(
        app_,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )


@app.command()
def worker() -> None:
    """Run the scheduler and the outbox dispatcher only (SIGTERM: finish or release, then exit)."""
    from reminders.scheduler import run_worker

    container = _ready_container()
    if container.settings.metrics_port is not None:
        from bot.main.worker_http import serve_worker_http
        from reminders.metrics import registry_for

        registry = registry_for(container.engine)
        serve_worker_http(container.engine, registry, port=container.settings.metrics_port)

    async def main() -> None:
        stop = asyncio.Event()

        def on_signal() -> None:
            container.dispatcher.stop()
            stop.set()

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, on_signal)
        upkeep = _slack_upkeep(container, stop)
        try:
            await run_worker(
                container.engine,
                container.rules,
                container.dispatcher,
                every_seconds=container.settings.tick_seconds,
                stop=stop,
            )
        finally:
            stop.set()
            await asyncio.gather(*upkeep)
            await container.close()

    asyncio.run(main())


def _slack_upkeep(container: Container, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    """The daily Slack upkeep (linking people by e-mail) runs wherever the scheduler does."""
    from bot.main.asgi import slack_upkeep, teams_upkeep

    return slack_upkeep(container, stop) + teams_upkeep(container, stop)


@app.command()
def tick(
    now: Annotated[
        str | None, typer.Option(help="ISO 8601 moment, e.g. 2026-11-23T09:00+01:00")
    ] = None,
) -> None:
    """One pass of all due work (prompts, reminders, handovers, coverage, outbox), then exit."""
    from reminders.scheduler import TickReport, run_tick

    moment = _parse_now(now)
    container = _ready_container()
    if container.console is not None:
        container.console.now = container.rules.calendar.local(moment)

    async def once() -> TickReport:
        try:
            return await run_tick(
                container.engine, container.rules, container.dispatcher, now=moment
            )
        finally:
            await container.close()

    report = asyncio.run(once())
    out.print(text("cli.tick_done", _language(), actions=report.actions, sent=report.sent))


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="Directory file: YAML, CSV or a folder of CSV files.")
    ],
) -> None:
    """Import organisations, teams, people and contact persons (idempotent)."""
    from bot.app.directory.importer import import_directory, load_file
    from store.uow import UnitOfWork

    container = _ready_container()
    data = load_file(file)
    report = import_directory(UnitOfWork(container.engine), data, now=datetime.now(UTC))
    out.print(
        text(
            "cli.import_done",
            _language(),
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            left=report.left,
        )
    )


class DigestFormat(StrEnum):
    text = "text"
    html = "html"
    csv = "csv"


@app.command()
def digest(
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
    from datetime import timedelta

    from bot.app.digest import figures as digests
    from bot.domain.errors import UnknownTeam
    from store.uow import UnitOfWork

    container = _ready_container()
    now = datetime.now(UTC)
    if week is None:
        today = container.rules.today(now)
        monday = today - timedelta(days=today.weekday() + 7)
    else:
        try:
            monday = digests.parse_week(week)
        except ValueError as exc:
            raise UsageProblem(text("cli.bad_week", _language(), value=week)) from exc
    if municipality and team is not None:
        raise UsageProblem(text("cli.digest_municipality_team", _language()))
    if team is not None:
        with UnitOfWork(container.engine) as uow:
            if uow.directory.team(id=team) is None:
                raise UnknownTeam(team=team)
    figures = digests.compute(
        UnitOfWork(container.engine),
        container.rules,
        team=team,
        monday=monday,
        now=now,
        municipal=municipality,
    )
    if png is not None:
        from adapters.cli.digest import write_png

        write_png(figures, png, _language())
    if format is DigestFormat.csv:
        sys.stdout.write(digests.as_csv(figures))
    elif format is DigestFormat.html:
        image = png.name if png is not None else None
        sys.stdout.write(digests.as_html(figures, _language(), image=image))
    else:
        out.print(digests.as_text(figures, _language()), markup=False)


@slack_app.command("link")
def slack_link() -> None:
    """Find people without a Slack id by their e-mail address (users.lookupByEmail)."""
    from adapters.slack import SlackAdapter
    from adapters.slack.people import link_by_email
    from bot.domain.model import Platform

    container = _ready_container()
    adapter = container.adapters.get(Platform.SLACK)
    if not isinstance(adapter, SlackAdapter):
        raise UsageProblem(text("cli.slack_not_configured", _language()))

    async def run() -> tuple[int, int]:
        try:
            report = await link_by_email(Data(container.engine), adapter)
        finally:
            await container.close()
        return report.linked, report.missing

    linked, missing = asyncio.run(run())
    out.print(text("cli.slack_linked", _language(), linked=linked, missing=missing))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations (safe to repeat; replicas wait for each other)."""
    from bot.main.wiring import build
    from store.db import current_revision, upgrade

    container = build(_settings())
    upgrade(container.engine)
    out.print(text("cli.db_upgraded", _language(), revision=current_revision(container.engine)))


@app.command()
def check() -> None:
    """Check settings, database, schema, Slack, Teams, Graph and SMTP: one line each, exit 1
    when anything is wrong (2 when a setting is invalid)."""
    from bot.main.checks import Outcome, run_checks, setting_lines

    try:
        settings = _settings()
    except ValidationError as exc:
        for sentence in setting_lines(exc, _language()):
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


def _configure_logging() -> None:
    """JSON or console lines at the configured level; invalid settings are reported later
    by the error boundary, so logging falls back to the defaults here."""
    from bot.logs import configure

    try:
        settings = Settings()
    except (ValidationError, SettingsError):
        configure()
        return
    configure(format=settings.log_format, level=settings.log_level)


def _fail(message: str, code: int) -> NoReturn:
    err.print(message, markup=False)
    raise SystemExit(code)


def main() -> None:
    """Entry point: runs the CLI inside the error boundary."""
    _configure_logging()
    try:
        app(standalone_mode=True)
    except UsageProblem as exc:
        _fail(str(exc), 2)
    except TerugkoppelError as exc:
        _fail(text(exc.key, _language(), **exc.params), 2)
    except ValidationError as exc:
        problem = exc.errors()[0]
        message = problem["msg"].removeprefix("Value error, ")
        if not problem["loc"]:  # a rule across settings: its message names the variables
            _fail(text("error.settings", _language(), problem=message), 2)
        name = env_name(str(problem["loc"][0]))
        _fail(text("error.setting", _language(), name=name, problem=message), 2)
    except SettingsError as exc:
        _fail(text("error.setting", "nl", name="?", problem=str(exc)), 2)
    except OperationalError as exc:
        _fail(
            text(
                "error.database",
                _language(),
                problem=str(exc.orig).splitlines()[0] if exc.orig else "?",
                name="TERUGKOPPEL_DATABASE_URL",
            ),
            1,
        )
