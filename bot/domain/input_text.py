"""Which characters an inbound value may hold: no NUL, no other C0 control but tab, line
feed and carriage return, no DEL, no lone UTF-16 surrogate. No honest client sends them,
PostgreSQL refuses NUL in text and the driver cannot encode a surrogate; every way in
refuses them at its boundary (REST, Slack, Teams) with a 4xx."""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def control_field(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (key or value) of a parsed JSON document that
    holds a control character ("" for the document itself); None when it is clean."""
    if isinstance(value, str):
        return path if has_control(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if has_control(str(key)):
                return path or "(key)"
            found = control_field(item, where)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = control_field(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None
