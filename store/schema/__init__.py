"""The schema: SQLModel tables by topic, one class a table (changes go through Alembic).

`metadata` holds every table of every topic: Alembic's autogenerate (store/migrations/env.py)
and the purge of a person's data compare against it, so a topic missing here would be missed
by both.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from store.schema import (
    audit,
    cases,
    delivery,
    directory,
    idempotency,
    loop,
    reports,
    tenants,
    webhooks,
)

TOPICS = (tenants, directory, cases, loop, delivery, idempotency, audit, reports, webhooks)
metadata: MetaData = SQLModel.metadata
