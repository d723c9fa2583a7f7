"""Cluster-wide locks for one-per-cluster jobs: a PostgreSQL advisory lock per job name."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from store.tenancy import DEFAULT_TENANT, current_tenant

# First key of the two-key advisory lock space; the migration lock uses the one-key space.
NAMESPACE = 74202


def lock_key(name: str) -> int:
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


@contextmanager
def cluster_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Yields True for the one holder across all replicas, False for the others.

    The lock lives on its own connection for as long as the job runs; if the process dies,
    PostgreSQL drops the connection and the lock with it, so a crash never blocks the job.
    SQLite is the single-process embedded store: there the caller always holds it.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    tenant = current_tenant()  # each tenant's job runs once, tenants side by side
    name = name if tenant == DEFAULT_TENANT else f"{tenant}/{name}"
    with engine.connect() as connection:
        held = bool(
            connection.execute(
                text("SELECT pg_try_advisory_lock(:ns, :key)"),
                {"ns": NAMESPACE, "key": lock_key(name)},
            ).scalar()
        )
        connection.commit()
        try:
            yield held
        finally:
            if held:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:ns, :key)"),
                    {"ns": NAMESPACE, "key": lock_key(name)},
                )
                connection.commit()
