"""A command-line mistake in one sentence of the person's language: the parser's exceptions
carry what went wrong (the option, the value, pydantic's reason), never its English words."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from typer import _click
from typer._click import exceptions as click_errors

from adapters.cli.values import UnknownWord
from bot.messages import text

# Typer's own sentences about paths, recognised by their ending (Typer 0.29 `_param_types`).
_PATH_PROBLEMS = {
    "does not exist.": "usage.no_path",
    "is a directory.": "usage.path_is_folder",
    "is a file.": "usage.path_is_file",
    "is not readable.": "usage.path_unreadable",
    "is not writable.": "usage.path_unwritable",
}
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def problem_line(problem: click_errors.ClickException, language: str) -> str:
    """One sentence for any mistake the parser reports."""
    ctx = getattr(problem, "ctx", None)
    help_ = f"{ctx.command_path} --help" if ctx is not None else "terugkoppel --help"
    if isinstance(problem, click_errors.NoSuchOption):
        return text("usage.no_such_option", language, option=problem.option_name, help=help_)
    if isinstance(problem, click_errors.MissingParameter):
        return _missing(problem, language, help_)
    if isinstance(problem, click_errors.BadParameter):
        return _bad_value(problem, language, help_)
    if isinstance(problem, click_errors.BadOptionUsage):
        key = (
            "usage.option_takes_no_value"
            if "does not take a value" in problem.message
            else "usage.option_needs_value"
        )
        return text(key, language, option=problem.option_name)
    if isinstance(problem, click_errors.UsageError):
        return _usage(problem, language, help_)
    return text("usage.wrong", language, help=help_)


def _is_option(parameter: object) -> bool:
    return getattr(parameter, "param_type_name", "") == "option"


def _name(parameter: _click.core.Parameter | None) -> str:
    if parameter is None:
        return "?"
    if _is_option(parameter):
        return max(parameter.opts, key=len)
    return (parameter.metavar or parameter.name or "?").strip("[]")


def _missing(problem: click_errors.MissingParameter, language: str, help_: str) -> str:
    name = _name(problem.param)
    if _is_option(problem.param):
        return text("usage.missing_option", language, name=name, help=help_)
    return text("usage.missing_argument", language, name=name, help=help_)


def _bad_value(problem: click_errors.BadParameter, language: str, help_: str) -> str:
    name = _name(problem.param)
    cause = problem.__cause__
    if isinstance(cause, ValidationError) and cause.errors():
        error = cause.errors()[0]
        return _pydantic(error, name, language, help_)
    for ending, key in _PATH_PROBLEMS.items():
        if problem.message.endswith(ending):
            found = _QUOTED.search(problem.message)
            return text(key, language, path=found.group(0) if found else name)
    return text("usage.bad_value", language, name=name, value="?", help=help_)


def _pydantic(error: Any, name: str, language: str, help_: str) -> str:
    value = repr(error.get("input"))
    kind, context = error["type"], error.get("ctx") or {}
    reason = context.get("error")
    if isinstance(reason, UnknownWord):
        return text(
            "usage.bad_choice",
            language,
            name=name,
            value=value,
            choices=", ".join(reason.words_in(language)),
        )
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return text("usage.bad_number", language, name=name, value=value)
    if kind in ("greater_than_equal", "greater_than"):
        limit = context.get("ge", context.get("gt"))
        return text("usage.too_small", language, name=name, limit=limit, value=value)
    if kind in ("less_than_equal", "less_than"):
        limit = context.get("le", context.get("lt"))
        return text("usage.too_large", language, name=name, limit=limit, value=value)
    if kind in ("enum", "literal_error"):
        choices = str(context.get("expected", "")).replace("'", "")
        return text("usage.bad_choice", language, name=name, value=value, choices=choices)
    return text("usage.bad_value", language, name=name, value=value, help=help_)


def _usage(problem: click_errors.UsageError, language: str, help_: str) -> str:
    ctx = problem.ctx
    choices = ", ".join(sorted(getattr(ctx.command, "commands", {}))) if ctx else ""
    message = problem.message
    if message.startswith("No such command"):
        found = _QUOTED.search(message)
        return text(
            "usage.no_such_command",
            language,
            name=found.group(0) if found else "?",
            choices=choices,
        )
    if message.startswith("Missing command"):
        return text("usage.missing_command", language, choices=choices)
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition("(")[2].rstrip(")")
        return text("usage.extra_arguments", language, args=extra, help=help_)
    return text("usage.wrong", language, help=help_)
