"""Two municipalities in one store: Oosterwaard (the demo directory, tenant `default`) and
a copy of it as tenant `rivierdal`, every id prefixed (ids are keys across the
installation) but the same case prefixes, so both number their cases JT-NRD-2026-0001."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml
from sqlalchemy import Engine

from bot.app.directory.importer import import_directory
from bot.app.tenants import create_tenant, tenant_scope
from store.uow import UnitOfWork
from tests.world import DIRECTORY, local

OTHER = "rivierdal"
PREFIX = "rv-"


def prefixed(data: dict[str, Any], prefix: str = PREFIX) -> dict[str, Any]:
    """The directory with every id and every reference to one prefixed."""

    def p(value: Any) -> Any:
        return f"{prefix}{value}" if isinstance(value, str) else value

    refs = {"id", "team", "organisation", "partner", "primary", "backup", "person"}

    def copied(section: str, row: dict[str, Any]) -> dict[str, Any]:
        row = {k: p(v) if k in refs else v for k, v in row.items()}
        if section in ("organisations", "teams"):  # names tell the copy apart in answers
            row["name"] = f"{row['name']} (Rivierdal)"
        return row

    return {section: [copied(section, row) for row in rows] for section, rows in data.items()}


def make_two(engine: Engine, *, now: datetime | None = None) -> None:
    moment = now or local(2026, 4, 20)
    data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    import_directory(UnitOfWork(engine), data, now=moment)
    create_tenant(UnitOfWork(engine), id=OTHER, name="Rivierdal", now=moment, slack=("T0RIVIER",))
    with tenant_scope(OTHER):
        import_directory(UnitOfWork(engine), prefixed(data), now=moment)
