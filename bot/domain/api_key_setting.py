"""TERUGKOPPEL_API_KEYS: `name:key[,name:key…]`, every key named (pure, so the settings can
check it at start-up without loading the store)."""

from __future__ import annotations

import re

from bot.domain.errors import TerugkoppelError

# A key's name, in the setting and for `terugkoppel apikey create NAME`.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class ApiKeySettingInvalid(TerugkoppelError):
    """`key`: apikey.bad_setting (position) or apikey.duplicate_setting (name). The
    message names the setting and never shows a key."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key


def parse(raw: str) -> dict[str, str]:
    """ "name:key,name2:key2" → {name: key}; "" → {}. An item without a name or a key, a
    malformed name, or a name given twice raises ApiKeySettingInvalid."""
    keys: dict[str, str] = {}
    if not raw.strip():
        return keys
    for position, item in enumerate(raw.split(","), start=1):
        name, _, key = item.strip().partition(":")
        name, key = name.strip(), key.strip()
        if not key or not NAME.fullmatch(name):
            raise ApiKeySettingInvalid("apikey.bad_setting", position=str(position))
        if name in keys:
            raise ApiKeySettingInvalid("apikey.duplicate_setting", name=name)
        keys[name] = key
    return keys
