"""Why a setting is refused, in the reader's language: our own rules carry a catalogue key
(`SettingProblem`), pydantic's built-in checks its error type and limits; never pydantic's
English sentence."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bot.main.settings import SettingProblem, env_name
from bot.messages import text

_KINDS = {
    "int_parsing": "setting.not_a_number",
    "int_from_float": "setting.not_a_number",
    "float_parsing": "setting.not_a_number",
    "greater_than_equal": "setting.too_small",
    "greater_than": "setting.too_small",
    "less_than_equal": "setting.too_large",
    "less_than": "setting.too_large",
    "literal_error": "setting.choice",
    "enum": "setting.choice",
    "bool_parsing": "setting.not_yes_no",
    "time_parsing": "setting.not_a_time",
    "time_type": "setting.not_a_time",
    "url_parsing": "setting.not_a_url",
    "missing": "setting.missing",
}


def problem_phrase(error: Any, language: str) -> str:
    """The part after "Instelling X is ongeldig:"."""
    context = error.get("ctx") or {}
    reason = context.get("error")
    if isinstance(reason, SettingProblem):
        return text(reason.key, language, **reason.params)
    key = _KINDS.get(error["type"], "setting.other")
    limit = next((context[name] for name in ("ge", "gt", "le", "lt") if name in context), "")
    choices = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
    return text(key, language, limit=limit, choices=choices)


def setting_sentences(problem: ValidationError, keys: tuple[str, str], language: str) -> list[str]:
    """One sentence per refused setting: keys[0] names the variable ({name}/{variable},
    {problem}), keys[1] is for a rule across settings ({problem})."""
    lines = []
    for error in problem.errors():
        phrase = problem_phrase(error, language)
        if not error["loc"]:
            lines.append(text(keys[1], language, problem=phrase))
            continue
        name = env_name(str(error["loc"][0]))
        lines.append(text(keys[0], language, name=name, variable=name, problem=phrase))
    return lines
