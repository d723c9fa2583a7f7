"""The command line in the person's language: `--lang` or TERUGKOPPEL_LANGUAGE picks it, the
help of every verb and option comes from the catalogue (help.<verb path>[.<parameter>]), and
the parser's own words ("Usage", "Options", "[required]") are the catalogue's too."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import typer
import typer.main
from rich.markup import escape
from typer import _click, rich_utils
from typer._click import formatting

from adapters.cli.runtime import UsageProblem
from bot.main import cli_labels
from bot.messages import CATALOGUES, text

LANGUAGES = ("nl", "en")


def split_language(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """`--lang en` or `--lang=en` anywhere on the line: the language, and the line without it
    (so it may follow the verb as well as precede it)."""
    rest: list[str] = []
    chosen: str | None = None
    items = iter(args)
    for item in items:
        if item == "--":
            rest.append(item)
            rest.extend(items)
            break
        if item == "--lang":
            chosen = next(items, "")
        elif item.startswith("--lang="):
            chosen = item.removeprefix("--lang=")
        else:
            rest.append(item)
    if chosen is not None and chosen not in LANGUAGES:
        raise UsageProblem(text("usage.bad_language", "nl", value=chosen or "''"))
    return chosen, rest


def commands(
    command: _click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], _click.Command]]:
    """Every verb under `command` with its path, the root first."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


def help_key(path: tuple[str, ...], parameter: str | None = None) -> str:
    """help.consent_set, help.consent_set.given_by; the root is help.root."""
    key = "help." + ("_".join(path) or "root")
    return f"{key}.{parameter}" if parameter else key


def localised(app: typer.Typer, language: str) -> _click.Command:
    """The Click command tree of `app` with its help in `language`."""
    root = typer.main.get_command(app)
    for path, command in commands(root):
        command.help = text(help_key(path), language)
        command.short_help = None
        command.options_metavar = text("usage.options_metavar", language)
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = text("usage.commands_metavar", language)
        helper = command.get_help_option(_click.Context(command))
        if helper is not None:
            helper.help = text("help.help", language)
            helper.metavar = ""  # a flag: no value, no label
        for parameter in command.params:
            key = help_key(path, parameter.name or "")
            if parameter.name and key in CATALOGUES["nl"]:
                parameter.help = text(key, language)  # type: ignore[attr-defined]
            _label(path, parameter, language)
    _parser_words(language)
    return root


def _label(path: tuple[str, ...], parameter: _click.Parameter, language: str) -> None:
    """The catalogue's label beside a parameter instead of Typer's type (cli_labels.py)."""
    if parameter.param_type_name == "argument":
        name = f"name.{parameter.name}"
        if name in CATALOGUES["nl"]:
            parameter.metavar = text(name, language)
        words = cli_labels.choice_words(parameter, language)
        # Typer shows an argument's type whatever its metavar: only its words, if any
        setattr(parameter, "display_type_rich", lambda ctx: words)  # noqa: B010
    else:
        shown = "" if cli_labels.is_flag(parameter) else cli_labels.label(path, parameter, language)
        parameter.metavar = shown
    default = cli_labels.default_word(parameter, language)
    if default is not None:  # Typer would show the enum's English value
        parameter.show_default = False  # type: ignore[attr-defined]
        shown_default = escape(text("usage.default", language, value=default))  # Rich markup
        parameter.help = f"{parameter.help or ''} {shown_default}".strip()  # type: ignore[attr-defined]


def _parser_words(language: str) -> None:
    """Typer's own words on a help page, from the catalogue (module-level names it reads at
    render time; "{}" is where Typer puts the value)."""
    rich_utils.ARGUMENTS_PANEL_TITLE = text("usage.arguments", language)
    rich_utils.OPTIONS_PANEL_TITLE = text("usage.options", language)
    rich_utils.COMMANDS_PANEL_TITLE = text("usage.commands", language)
    rich_utils.DEFAULT_STRING = text("usage.default", language, value="{}")
    rich_utils.ENVVAR_STRING = text("usage.envvar", language, value="{}")
    rich_utils.REQUIRED_LONG_STRING = text("usage.required", language)
    rich_utils.DEPRECATED_STRING = text("usage.deprecated", language)
    rich_utils.RANGE_STRING = ""  # the limits are in the label (cli_labels.py)
    label = text("usage.prefix", language)
    write_usage = _original_write_usage

    def usage(
        self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, label if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]


_original_write_usage = formatting.HelpFormatter.write_usage
