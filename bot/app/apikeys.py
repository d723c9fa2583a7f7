"""REST API keys: created, listed and revoked by name, stored hashed, checked in constant time.

A key reads `tk_<lookup>_<secret>`. The lookup part finds the row through an index; only a
SHA-256 hash of the secret is kept (the secret is 256 random bits, so a slow hash adds
nothing). Keys from TERUGKOPPEL_API_KEYS ("name:key,…") keep working beside them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.domain import api_key_setting
from bot.domain.errors import TerugkoppelError
from store.schema.audit import ApiKey
from store.tenancy import DEFAULT_TENANT
from store.uow import UnitOfWork

PREFIX = "tk"
_NAME = api_key_setting.NAME


class ApiKeyProblem(TerugkoppelError):
    """`key`: apikey.bad_name, apikey.exists, apikey.unknown or apikey.unknown_organisation."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key


@dataclass(frozen=True)
class Client:
    """Who called the REST API: the key's name and the organisation it is bound to. A key
    bound to an organisation refers for and reads the referrals of that organisation's
    referrers; a key bound to none reads only the referrals it submitted itself."""

    name: str
    organisation: str | None = None
    tenant: str = DEFAULT_TENANT  # the municipality whose data the key reaches


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
    if not _NAME.fullmatch(name):
        raise ApiKeyProblem("apikey.bad_name", name=name)
    with uow:
        if uow.api_keys.by_name(name=name, any_tenant=True) is not None:
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
    """TERUGKOPPEL_API_KEYS → {name: key}; a key without a name is a configuration error
    (bot/domain/api_key_setting.py)."""
    return api_key_setting.parse(raw)


@dataclass(frozen=True)
class Verdict:
    client: Client | None
    # A stored key that was presented but refused (revoked, or the wrong secret): its name,
    # so the attempt can be counted under it. Unknown tokens have none.
    refused: str | None = None


# Compared against when the lookup finds no row, so a known and an unknown lookup part
# cost the same hash and comparison.
_DUMMY_HASH = _hash(secrets.token_urlsafe(32))


class Authenticator:
    """Finds the client of a bearer token with the same work whatever the token: one
    indexed lookup, one hash comparison (against a dummy hash when no row was found), and a
    comparison with every configured key (as hashes, so lengths tell nothing)."""

    def __init__(self, configured: dict[str, str]) -> None:
        self._configured = [(name, _hash(key)) for name, key in configured.items()]

    def __call__(self, uow: UnitOfWork, token: str) -> Verdict:
        lookup, secret = split(token) or ("", token)
        with uow:
            name, organisation, secret_hash, revoked_at, tenant = uow.api_keys.lookup_row(
                lookup=lookup
            )
        good = hmac.compare_digest(secret_hash or _DUMMY_HASH, _hash(secret))
        presented = _hash(token)
        match: str | None = None
        for configured_name, hashed in self._configured:
            if hmac.compare_digest(hashed, presented):
                match = configured_name
        if name is not None:
            if good and revoked_at is None:
                return Verdict(Client(name, organisation, tenant or DEFAULT_TENANT))
            return Verdict(None, refused=name)
        return Verdict(Client(match) if match is not None else None)


def authenticate(uow: UnitOfWork, token: str, configured: dict[str, str]) -> Verdict:
    """The client a bearer token belongs to (see Authenticator)."""
    return Authenticator(configured)(uow, token)
