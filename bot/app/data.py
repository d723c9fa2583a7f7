"""The one handle the ways in hold on the data: each use case opens its own unit of work.

Adapters (Slack, Teams, HTTP, CLI) receive a `Data` from the composition root instead of a
database engine, and pass `data.uow()` to a use case; they never read a repository or a row
themselves (the import contract `adapters-via-app` in pyproject.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from store.uow import UnitOfWork


@dataclass(frozen=True)
class Data:
    engine: Engine

    def uow(self, tenant: str | None = None) -> UnitOfWork:
        """A unit of work of `tenant`; None: the tenant of the work in progress (the
        request's, found from its credentials; `default` for a single municipality)."""
        return UnitOfWork(self.engine, tenant=tenant)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name
