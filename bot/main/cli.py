"""The `terugkoppel` command line: the root app mounts the verbs of each way in, and one
error boundary turns failures into a plain sentence."""

from __future__ import annotations

import os
import re
import sys
from importlib import metadata
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from pydantic_settings.exceptions import SettingsError
from sqlalchemy.exc import OperationalError
from typer._click import exceptions as click_errors

from adapters.cli import digest, directory
from adapters.cli.handover import handover_app, referral_app
from adapters.cli.loop import overleg_app, referrer_app
from adapters.cli.privacy import (
    apikey_app,
    audit_app,
    consent_app,
    person_app,
    privacy_app,
    retention_app,
)
from adapters.cli.runtime import Runtime, UsageProblem
from adapters.cli.tenants import tenant_app
from adapters.cli.webhooks import webhook_app
from adapters.teams import cli as teams_cli
from bot.domain.errors import TerugkoppelError
from bot.logs import configure, get_logger
from bot.main import run_verbs, setup_verbs
from bot.main.cli_errors import problem_line
from bot.main.cli_language import localised, split_language
from bot.main.runtime import CliRuntime, configured_language, err, out
from bot.main.setting_errors import setting_sentences
from bot.main.settings import Settings, env_name
from bot.main.slack_verbs import slack_app
from bot.messages import text

log = get_logger("terugkoppel.cli")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, pwsh)
    help="terugkoppel: closes the feedback loops around referrals in youth care.",
)


def _version(wanted: bool) -> None:
    if wanted:
        out.print(f"terugkoppel {metadata.version('terugkoppel')}", markup=False)
        raise typer.Exit()


@app.callback()
def _runtime(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="nl|en", help="Language of the command line."),
    ] = None,  # read (and removed from the line) by main(), before the parser runs
    tenant: Annotated[
        str | None,
        typer.Option(
            "--tenant",
            envvar="TERUGKOPPEL_TENANT",
            help="The municipality this command is about (without: default).",
        ),
    ] = None,
) -> None:
    runtime = CliRuntime(tenant=tenant)
    # One runtime serves the verbs of every way in; mypy checks it against each one's needs.
    serves: tuple[Runtime, teams_cli.Runtime] = (runtime, runtime)
    ctx.obj = serves[0]


# The verbs in the order `terugkoppel --help` lists them.
app.command()(run_verbs.demo)
app.command()(run_verbs.serve)
app.command()(run_verbs.worker)
app.command()(run_verbs.tick)
app.command("import")(directory.import_)  # adapters/cli/directory.py
app.command()(digest.digest)  # adapters/cli/digest.py
app.command()(setup_verbs.check)
app.add_typer(setup_verbs.db_app, name="db")
app.add_typer(slack_app, name="slack")
app.add_typer(teams_cli.teams_app, name="teams")
app.add_typer(referrer_app, name="referrer")  # the referrer's own loop
app.add_typer(overleg_app, name="overleg")  # the vaste overleg
app.add_typer(handover_app, name="handover")  # overdracht (adapters/cli/handover.py)
app.add_typer(referral_app, name="referral")  # decline a referral, set the regisseur
# privacy verbs (adapters/cli/privacy.py)
app.add_typer(apikey_app, name="apikey")
app.add_typer(webhook_app, name="webhook")  # status webhooks per organisation
app.add_typer(tenant_app, name="tenant")  # municipalities of one installation
app.add_typer(consent_app, name="consent")
app.add_typer(audit_app, name="audit")
app.add_typer(retention_app, name="retention")
app.add_typer(person_app, name="person")
app.add_typer(privacy_app, name="privacy")  # privacy check: the guard, for the privacy officer


def _configure_logging() -> None:
    """JSON or console lines at the configured level; invalid settings are reported later
    by the error boundary, so logging falls back to the defaults here."""
    try:
        settings = Settings()
    except (ValidationError, SettingsError):
        configure()
        return
    configure(
        format=settings.log_format, level=settings.log_level, sdk_debug=settings.log_sdk_debug
    )


def _fail(message: str, code: int) -> NoReturn:
    err.print(message, markup=False, soft_wrap=True)
    raise SystemExit(code)


def main() -> None:
    """Entry point: runs the CLI inside the error boundary: every failure ends in one
    sentence of the person's language and an exit code, never a traceback."""
    _configure_logging()
    language = "nl"
    try:
        chosen, args = split_language(sys.argv[1:])
        if chosen is not None:  # --lang wins over TERUGKOPPEL_LANGUAGE, for every verb
            os.environ["TERUGKOPPEL_LANGUAGE"] = chosen
        language = configured_language()
        command = localised(app, language)
        code = command.main(args=args, prog_name="terugkoppel", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # a group without its verb: its help
        out.print(exc.ctx.get_help(), markup=False, end="")
        raise SystemExit(2) from None
    except click_errors.ClickException as exc:
        _fail(problem_line(exc, language), 2)
    except typer.Abort:
        _fail(text("usage.aborted", language), 1)
    except UsageProblem as exc:
        _fail(str(exc), 2)
    except TerugkoppelError as exc:
        _fail(text(exc.key, configured_language(), **exc.params), 2)
    except ValidationError as exc:
        keys = ("error.setting", "error.settings")
        _fail(setting_sentences(exc, keys, configured_language())[0], 2)
    except SettingsError as exc:  # a value pydantic-settings cannot even decode (JSON)
        found = re.search(r'field "(\w+)"', str(exc))
        name = env_name(found.group(1)) if found else "?"
        problem = text("setting.other", configured_language())
        _fail(text("error.setting", configured_language(), name=name, problem=problem), 2)
    except OperationalError as exc:
        _fail(
            text(
                "error.database",
                configured_language(),
                problem=str(exc.orig).splitlines()[0] if exc.orig else "?",
                name="TERUGKOPPEL_DATABASE_URL",
            ),
            1,
        )
    except Exception as exc:  # a bug: one sentence here, the traceback in the debug log
        log.debug("cli_crashed", exc_info=True)
        _fail(text("usage.unexpected", language, problem=type(exc).__name__), 1)
    raise SystemExit(code if isinstance(code, int) else 0)
