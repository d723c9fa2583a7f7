"""`terugkoppel check`: settings, database, schema and every configured platform, one line
each; a platform that is not configured is skipped with a line saying which variables."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from adapters.email.probe import parse_smtp_url, smtp_relay
from adapters.slack.probe import slack_probe, slack_workspace_probe
from adapters.slack.token import TokenSource
from adapters.teams.probe import graph_users, teams_token, tenant_graph
from bot.main.settings import Settings
from bot.main.wiring import slack_tokens
from bot.messages import text
from bot.ports import Probe
from store.db import current_revision, head_revision, make_engine


class Outcome(StrEnum):
    ok = "ok"
    problem = "problem"
    skipped = "skipped"


@dataclass(frozen=True)
class Line:
    name: str  # check.name.<name>
    outcome: Outcome
    # the sentence: the problem's key; when ok, check.detail.<name> unless a key is given
    key: str = ""
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, language: str) -> str:
        params = dict(self.params)
        name = text(f"check.name.{self.name}", language, **params)
        if self.outcome is Outcome.skipped:
            return text("check.skipped", language, name=name, variables=params["variables"])
        if self.outcome is Outcome.ok:
            if self.name == "smtp":
                logged_in = params.get("login")
                params["login"] = text("check.detail.smtp_login", language) if logged_in else ""
            detail = text(self.key or f"check.detail.{self.name}", language, **params)
            return text("check.ok", language, name=name, detail=detail)
        problem = text(self.key, language, **params)
        return text("check.problem", language, name=name, problem=problem)


def setting_lines(error: ValidationError, language: str) -> list[str]:
    """One line per invalid setting, naming its environment variable."""
    from bot.main.setting_errors import setting_sentences

    return setting_sentences(error, ("check.setting", "check.settings"), language)


def database_lines(settings: Settings) -> list[Line]:
    engine = make_engine(settings.database_url)
    url = engine.url.render_as_string(hide_password=True)
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return [
            Line("database", Outcome.problem, "check.database_unreachable", (("error", first),))
        ]
    finally:
        engine.dispose()
    lines = [Line("database", Outcome.ok, params=(("url", url),))]
    head = head_revision()
    if current != head:
        params = (("current", current or "-"), ("head", head or "-"))
        if engine.dialect.name == "sqlite":  # the embedded default upgrades itself on first use
            lines.append(Line("schema", Outcome.ok, "check.schema_embedded", params))
        else:
            lines.append(Line("schema", Outcome.problem, "check.schema_old", params))
    else:
        lines.append(Line("schema", Outcome.ok, params=(("revision", current or "-"),)))
    return lines


def _skipped(name: str, *variables: str) -> Line:
    return Line(name, Outcome.skipped, params=(("variables", ", ".join(variables)),))


async def platform_lines(settings: Settings) -> list[Line]:
    """Every configured platform, probed at the same time (each under its own time limit)."""
    timeout = settings.check_timeout_seconds
    jobs: list[tuple[str, Callable[[], Awaitable[Probe]] | None, tuple[str, ...]]] = []
    named: dict[int, dict[str, str]] = {}  # job number -> what its line's name says

    if settings.slack_bot_configured:
        secret = settings.slack_bot_token
        slack_token = secret.get_secret_value() if secret else None
        slack_file, slack_url = settings.slack_bot_token_file, settings.slack_api_url
        jobs.append(
            (
                "slack",
                lambda: slack_probe(
                    slack_token, token_file=slack_file, api_url=slack_url, seconds=timeout
                ),
                (),
            )
        )
        for workspace, source in sorted(slack_tokens(settings).workspaces().items()):
            named[len(jobs)] = {"workspace": workspace}
            jobs.append(("slack_workspace", _workspace_probe(workspace, source, settings), ()))
    else:
        jobs.append(("slack", None, ("SLACK_BOT_TOKEN", "TERUGKOPPEL_SLACK_BOT_TOKEN_FILE")))

    teams_vars = ("TERUGKOPPEL_TEAMS_APP_ID", "TERUGKOPPEL_TEAMS_APP_PASSWORD")
    app_id, password = settings.teams_app_id, settings.teams_app_password
    if app_id and password is not None:
        credentials: dict[str, Any] = {
            "login_url": settings.teams_login_url,
            "tenant": settings.teams_tenant_id,
            "app_id": app_id,
            "password": password.get_secret_value(),
            "seconds": timeout,
        }
        jobs.append(("teams", lambda: teams_token(**credentials), ()))
        graph_url = settings.graph_url
        jobs.append(("graph", lambda: graph_users(graph_url=graph_url, **credentials), ()))
    else:
        jobs.append(("teams", None, teams_vars))
        jobs.append(("graph", None, teams_vars))

    if settings.smtp_url is not None:
        target = parse_smtp_url(settings.smtp_url.get_secret_value())
        if target is None:
            jobs.append(("smtp", None, ()))
        else:
            ca_file = settings.smtp_ca_file
            jobs.append(("smtp", lambda: smtp_relay(target, seconds=timeout, ca_file=ca_file), ()))
    else:
        jobs.append(("smtp", None, ("TERUGKOPPEL_SMTP_URL",)))

    async def run(name: str, probe: Callable[[], Awaitable[Probe]], label: dict[str, str]) -> Line:
        try:
            result = await asyncio.wait_for(probe(), timeout=timeout + 2)
        except TimeoutError:
            result = Probe(
                False,
                "check.unreachable",
                {"host": name, "error": f"> {timeout:g} s", "variable": _variable(name)},
            )
        params = tuple({**result.params, **label}.items())
        if result.ok:
            return Line(name, Outcome.ok, params=params)
        return Line(name, Outcome.problem, result.key, params)

    lines: list[Line | Awaitable[Line]] = []
    for number, (name, probe, variables) in enumerate(jobs):
        if probe is not None:
            lines.append(asyncio.ensure_future(run(name, probe, named.get(number, {}))))
        elif name == "smtp" and not variables:
            lines.append(Line("smtp", Outcome.problem, "check.smtp_url"))
        else:
            lines.append(_skipped(name, *variables))
    return [line if isinstance(line, Line) else await line for line in lines]


def _workspace_probe(
    workspace: str, source: TokenSource, settings: Settings
) -> Callable[[], Awaitable[Probe]]:
    """`auth.test` with one workspace's own token (adapters/slack/probe.py)."""
    url, seconds = settings.slack_api_url, settings.check_timeout_seconds
    return lambda: slack_workspace_probe(workspace, source, api_url=url, seconds=seconds)


def _variable(name: str) -> str:
    return {
        "slack": "TERUGKOPPEL_SLACK_API_URL",
        "slack_workspace": "TERUGKOPPEL_SLACK_API_URL",
        "teams": "TERUGKOPPEL_TEAMS_LOGIN_URL",
        "graph": "TERUGKOPPEL_GRAPH_URL",
        "smtp": "TERUGKOPPEL_SMTP_URL",
    }[name]


def own_m365_tenants(settings: Settings) -> list[tuple[str, str]]:
    """(municipality, Microsoft 365 tenant) for each municipality's own tenant other than
    the app's (TERUGKOPPEL_TEAMS_TENANT_ID, probed on the Teams and Graph lines); none when
    the database cannot tell."""
    from bot.app.tenants import list_tenants
    from store.uow import UnitOfWork

    engine = make_engine(settings.database_url)
    try:
        tenants = list_tenants(UnitOfWork(engine))
    except SQLAlchemyError:  # unreachable or not upgraded: its own line says so
        return []
    finally:
        engine.dispose()
    own = settings.teams_tenant_id
    return [(t.id, m365) for t in tenants for m365 in t.teams if m365 != own]


async def municipality_lines(settings: Settings, tenants: list[tuple[str, str]]) -> list[Line]:
    """One line per municipality's own Microsoft 365 tenant: does it give the app a Graph
    token, and may the app read users there (both need an administrator's consent)."""
    app_id, password = settings.teams_app_id, settings.teams_app_password
    if not app_id or password is None or not tenants:
        return []
    timeout = settings.check_timeout_seconds

    async def probe(municipality: str, m365: str) -> Line:
        named = (("tenant", municipality), ("m365", m365))
        try:
            result = await asyncio.wait_for(
                tenant_graph(
                    login_url=settings.teams_login_url,
                    tenant=m365,
                    app_id=str(app_id),
                    password=password.get_secret_value(),
                    graph_url=settings.graph_url,
                    seconds=timeout,
                ),
                timeout=timeout + 2,
            )
        except TimeoutError:
            result = Probe.problem(
                "check.unreachable",
                host="login",
                error=f"> {timeout:g} s",
                variable=_variable("teams"),
            )
        params = (*named, *result.params.items())
        if result.ok:
            return Line("m365", Outcome.ok, "check.detail.m365", params)
        return Line("m365", Outcome.problem, result.key, params)

    return list(await asyncio.gather(*(probe(t, m365) for t, m365 in tenants)))


def run_checks(settings: Settings) -> list[Line]:
    lines = [Line("settings", Outcome.ok)]
    lines += database_lines(settings)
    lines += asyncio.run(platform_lines(settings))
    if settings.teams_app_id and settings.teams_app_password is not None:
        tenants = own_m365_tenants(settings)
        lines += asyncio.run(municipality_lines(settings, tenants))
    return lines
