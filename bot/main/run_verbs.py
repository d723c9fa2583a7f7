"""The verbs that run the service: `serve`, `worker`, `tick` and the offline `demo`."""

from __future__ import annotations

import asyncio
import errno
import gc
import signal
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from adapters.cli.runtime import UsageProblem
from bot.main.runtime import CliRuntime, out
from bot.messages import text

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.main.wiring import Container
    from reminders.scheduler import TickReport

# The web app, the scheduler and the demo are imported inside the verbs: lazy, for start-up
# cost (each verb loads only what it runs).


def _runtime(ctx: typer.Context) -> CliRuntime:
    return cast(CliRuntime, ctx.obj)


def demo(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(min=14, max=60, help="Calendar days to simulate.")] = 15,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--folder",
            help="Keep the database, digests and charts here (default: a new temporary folder).",
        ),
    ] = None,
) -> None:
    """Simulate a municipality for two weeks on its own SQLite database (no network)."""
    from bot.main.demo import run_demo

    language = _runtime(ctx).language()
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = exc.strerror or type(exc).__name__
            raise UsageProblem(
                text("demo.folder_problem", language, folder=folder, problem=problem)
            ) from exc
    run_demo(out, days=days, language=language, folder=folder)


def serve(
    ctx: typer.Context,
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

    runtime = _runtime(ctx)
    settings = runtime.settings()
    if socket_mode and (settings.slack_app_token is None or not settings.slack_bot_configured):
        raise UsageProblem(text("cli.socket_mode_needs_token", settings.language))
    listening = _listen(host, port, runtime.language())
    container = runtime.ready()
    out.print(text("cli.serving", runtime.language(), host=host, port=port))
    app_ = create_app(container, scheduler=not no_scheduler, socket_mode=socket_mode)
    # Our own access log line carries the request id; SIGTERM lets requests in flight finish.
    config = uvicorn.Config(
        app_,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )
    _settle_heap()
    uvicorn.Server(config).run(sockets=[listening])


def _settle_heap() -> None:
    """What is loaded by now (modules, the app, the catalogue) lives as long as the process:
    out of the garbage collector's sight (`gc.freeze`), so a full collection walks only what
    requests made; and collections less often. Under load the collector's pauses were the
    longest stalls of the event loop, and so of Slack's acks (docs/capacity.md)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


# Why a port cannot be listened on, in words (the system's own reason is English).
_BIND_PROBLEMS = {
    errno.EADDRINUSE: "cli.port_in_use",
    errno.EACCES: "cli.port_not_allowed",
    errno.EADDRNOTAVAIL: "cli.host_not_here",
}


def _listen(host: str, port: int, language: str) -> socket.socket:
    """The listening socket, bound before anything starts, so a port out of range or in use
    ends `serve` with one Dutch sentence (exit 2) instead of a traceback."""
    if not 1 <= port <= 65535:
        raise UsageProblem(text("cli.port_invalid", language, port=port))
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        raise UsageProblem(text("cli.host_unknown", language, host=host)) from None
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        key = _BIND_PROBLEMS.get(exc.errno or 0, "cli.port_unavailable")
        raise UsageProblem(text(key, language, host=host, port=port)) from None
    listening.set_inheritable(True)
    return listening


def worker(ctx: typer.Context) -> None:
    """Run the scheduler and the outbox dispatcher only (SIGTERM: finish or release, then exit)."""
    from reminders.scheduler import run_worker

    runtime = _runtime(ctx)
    container = runtime.ready()
    seconds = container.settings.tick_seconds
    out.print(text("cli.worker_started", runtime.language(), seconds=seconds), markup=False)
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
        upkeep = _upkeep(container, stop)
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


def _upkeep(container: Container, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    """The daily Slack and Teams upkeep (linking people by e-mail) runs wherever the
    scheduler does."""
    from bot.main.asgi import slack_upkeep, teams_upkeep

    return slack_upkeep(container, stop) + teams_upkeep(container, stop)


def tick(
    ctx: typer.Context,
    now: Annotated[
        str | None, typer.Option(help="ISO 8601 moment, e.g. 2026-11-23T09:00+01:00")
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List what would be sent; send nothing, change nothing."),
    ] = False,
) -> None:
    """One pass of all due work (prompts, reminders, handovers, coverage, outbox), then exit."""
    from reminders.scheduler import run_tick

    runtime = _runtime(ctx)
    language = runtime.language()
    moment = _parse_now(now, language)
    container = runtime.ready()
    if dry_run:
        _dry_tick(container, moment, language)
        return
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
    out.print(text("cli.tick_done", runtime.language(), actions=report.actions, sent=report.sent))


def _dry_tick(container: Container, moment: datetime, language: str) -> None:
    """The real pass without the dispatcher, undone afterwards; the outbox as it would go."""
    from bot.main.dry_run import would_send
    from reminders.scheduler import run_tick

    def run(engine: Engine) -> TickReport:
        async def once() -> TickReport:
            return await run_tick(
                engine, container.rules, container.dispatcher, now=moment, dispatch=False
            )

        return asyncio.run(once())

    try:
        report, messages = would_send(container.engine, now=moment, run=run)
    finally:
        asyncio.run(container.close())
    out.print(text("cli.tick_dry_header", language), markup=False)
    for message in messages:
        channel = message.channel or text("cli.tick_dry_person_channel", language)
        out.print(
            text("cli.tick_dry_line", language, to=message.to, channel=channel, text=message.text),
            markup=False,
        )
    out.print(
        text("cli.tick_dry_done", language, actions=report.actions, count=len(messages)),
        markup=False,
    )


def _parse_now(value: str | None, language: str) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(text("cli.bad_time", language, value=value)) from exc
    if moment.tzinfo is None:
        raise UsageProblem(text("cli.bad_time", language, value=value))
    return moment.astimezone(UTC)
