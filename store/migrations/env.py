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
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_unlock(74201)")
            connection.commit()
