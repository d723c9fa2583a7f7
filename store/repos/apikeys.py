"""The REST API keys' repository (only lookups and hashes are stored, never a key)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.audit import ApiKey


class ApiKeyRepository(Repository):
    def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        self.session.flush()
        return key

    def by_name(self, *, name: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.name == name)).first()

    def by_lookup(self, *, lookup: str) -> ApiKey | None:
        return self.session.exec(select(ApiKey).where(ApiKey.lookup == lookup)).first()

    def all(self) -> Sequence[ApiKey]:
        return self.session.exec(select(ApiKey).order_by(col(ApiKey.name))).all()
