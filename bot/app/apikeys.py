"""REST API keys: created, listed and revoked by name, stored hashed, checked in constant time.

A key reads `tk_<lookup>_<secret>`. The lookup part finds the row through an index; only a
SHA-256 hash of the secret is kept (the secret is 256 random bits, so a slow hash adds
nothing). Keys from TERUGKOPPEL_API_KEYS ("name:key,…") keep working beside them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import TerugkoppelError
from store.schema.audit import ApiKey
from store.uow import UnitOfWork

PREFIX = "tk"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class ApiKeyProblem(TerugkoppelError):
    """`key`: apikey.bad_name, apikey.exists, apikey.unknown or apikey.unknown_organisation."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key


@dataclass(frozen=True)
class Client:
    """Who called the REST API: the key's name and the organisation it is bound to."""

    name: str
    organisation: str | None = None


@dataclass(frozen=True)
class KeyInfo:
    name: str
    organisation: str | None
    created_at: datetime
    revoked_at: datetime | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split(token: str) -> tuple[str, str] | None:
    """(lookup, secret) of a `tk_…` key, None for anything else."""
    prefix, _, rest = token.partition("_")
    lookup, _, secret = rest.partition("_")
    if prefix != PREFIX or not lookup or not secret:
        return None
    return lookup, secret


def create_key(
    uow: UnitOfWork, *, name: str, now: datetime, organisation: str | None = None
) -> str:
    """Stores a new key and returns it: the only moment the key itself exists."""
    if not _NAME.match(name):
        raise ApiKeyProblem("apikey.bad_name", name=name)
    with uow:
        if uow.api_keys.by_name(name=name) is not None:
            raise ApiKeyProblem("apikey.exists", name=name)
        if organisation is not None and uow.directory.organisation(id=organisation) is None:
            raise ApiKeyProblem("apikey.unknown_organisation", organisation=organisation)
        lookup, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        uow.api_keys.add(
            ApiKey(
                name=name,
                lookup=lookup,
                secret_hash=_hash(secret),
                organisation_id=organisation,
                created_at=now,
            )
        )
        uow.commit()
    return f"{PREFIX}_{lookup}_{secret}"


def revoke_key(uow: UnitOfWork, *, name: str, now: datetime) -> bool:
    """Revokes the named key; False when it was revoked already."""
    with uow:
        key = uow.api_keys.by_name(name=name)
        if key is None:
            raise ApiKeyProblem("apikey.unknown", name=name)
        if key.revoked_at is not None:
            return False
        key.revoked_at = now
        uow.commit()
    return True


def list_keys(uow: UnitOfWork) -> list[KeyInfo]:
    with uow:
        return [
            KeyInfo(k.name, k.organisation_id, k.created_at, k.revoked_at)
            for k in uow.api_keys.all()
        ]


def parse_setting(raw: str) -> dict[str, str]:
    """TERUGKOPPEL_API_KEYS="name:key,name2:key2" → {name: key}."""
    keys: dict[str, str] = {}
    for item in raw.split(","):
        name, _, key = item.strip().partition(":")
        if name and key:
            keys[name] = key
    return keys


@dataclass(frozen=True)
class Verdict:
    client: Client | None
    # A stored key that was presented but refused (revoked, or the wrong secret): its name,
    # so the refusal can be audited. Unknown tokens are only counted by the rate limit.
    refused: str | None = None


def authenticate(uow: UnitOfWork, token: str, configured: dict[str, str]) -> Verdict:
    """The client a bearer token belongs to. Every comparison is constant-time; a key from
    the setting is compared against all configured keys, so timing tells nothing either."""
    parts = split(token)
    if parts is not None:
        lookup, secret = parts
        with uow:
            stored = uow.api_keys.by_lookup(lookup=lookup)
        if stored is not None:
            good = hmac.compare_digest(stored.secret_hash, _hash(secret))
            if good and stored.revoked_at is None:
                return Verdict(Client(stored.name, stored.organisation_id))
            return Verdict(None, refused=stored.name)
    match: str | None = None
    for name, key in configured.items():
        if hmac.compare_digest(key.encode(), token.encode()):
            match = name
    return Verdict(Client(match) if match is not None else None)
