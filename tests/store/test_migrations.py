from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from store.db import schema_is_current
from store.schema import metadata


def test_migrations_create_every_table_and_match_the_models(engine: Engine) -> None:
    assert schema_is_current(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, metadata) == []
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())


def test_scheduler_scans_have_partial_indexes(engine: Engine) -> None:
    names = {
        index["name"]
        for table in ("prompts", "handovers", "outbox")
        for index in inspect(engine).get_indexes(table)
    }
    assert {"ix_prompts_due", "ix_handovers_due", "ix_outbox_pending"} <= names
