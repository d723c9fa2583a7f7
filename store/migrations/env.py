"""Alembic environment: runs against the engine handed over in config.attributes."""

from __future__ import annotations

from alembic import context

from store.db import make_engine
from store.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///terugkoppel.db")

with engine.connect() as connection:
    if connection.dialect.name == "postgresql":
        # Several replicas may start at once; one migrates, the others wait.
        connection.exec_driver_sql("SELECT pg_advisory_lock(74201)")
        connection.commit()
    else:
        # A batch migration copies a table and drops the old one; with foreign keys on,
        # SQLite refuses to drop a table other rows point at. Off outside the transaction
        # (inside one SQLite ignores the pragma), checked again below before they are on.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if connection.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} broken references")
        connection.commit()
    finally:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_unlock(74201)")
            connection.commit()
