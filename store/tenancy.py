"""Which municipality (tenant) a unit of work belongs to, and the scoping that follows from it.

Every table with tenant data carries `tenant_id` (store/schema/tenants.py, `TenantScoped`).
A session knows its tenant (`session.info["tenant"]`, set by the unit of work); then:

- every ORM query on a tenant table gets `tenant_id = <tenant>` (SQLAlchemy's
  `with_loader_criteria`, on SELECT, UPDATE and DELETE, joins included);
- every new row gets the session's tenant, whatever the caller set;
- on PostgreSQL each transaction starts with `set_config('terugkoppel.tenant', …, true)`,
  the setting the row-level security policies read (migration 0018): a query the
  application forgot to scope still sees only this tenant's rows, and a connection
  without the setting sees none.

Core statements on a table (`Model.__table__`) are not ORM queries: their repositories add
`tenant_filter(table)` themselves, and on PostgreSQL the policies hold them too.

The tenant comes from the request's credentials (API key, Slack workspace, Teams tenant,
link token), never from a field a client sends; a single municipality never names it: it is
`default` (DEFAULT_TENANT).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import ColumnElement, String, Table, column, event, text
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.orm.util import LoaderCriteriaOption

from store.schema.delivery import OutboxMessage
from store.schema.tenants import TenantScoped

DEFAULT_TENANT = "default"
SETTING = "terugkoppel.tenant"  # the PostgreSQL setting the policies read
TENANT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# The delivery of the outbox (reminders/delivery) claims due messages of every tenant: in its
# units of work the outbox, and only the outbox, is seen whole (on PostgreSQL by a policy of
# its own); everything else the delivery reads or writes runs as the message's tenant.
DELIVERY = "*"
# An execution option for the few reads that must cross tenants by design (an API key's
# lookup by its hash, which is how the tenant is found): `.execution_options(all_tenants=True)`.
ALL_TENANTS = "all_tenants"

_TENANT_COLUMN = column("tenant_id", String)

_current: ContextVar[str] = ContextVar("terugkoppel_tenant", default=DEFAULT_TENANT)


def current_tenant() -> str:
    """The tenant of the work in progress (a request, a CLI command, one tenant's tick)."""
    return _current.get()


@contextmanager
def tenant_scope(tenant: str) -> Iterator[str]:
    """Runs the block for `tenant`: every unit of work opened inside belongs to it."""
    token = _current.set(tenant)
    try:
        yield tenant
    finally:
        _current.reset(token)


def enter_tenant(tenant: str) -> None:
    """From now on this context works for `tenant` (a command line's --tenant)."""
    _current.set(tenant)


def session_tenant(session: Session) -> str:
    tenant = session.info.get("tenant")
    return tenant if isinstance(tenant, str) else current_tenant()


def tenant_filter(table: Table, session: Session) -> ColumnElement[bool]:
    """`table.tenant_id = <the session's tenant>`, for Core statements."""
    return table.c.tenant_id == session_tenant(session)


@event.listens_for(Session, "do_orm_execute")
def _scope_queries(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get(ALL_TENANTS):
        return
    if state.is_column_load or state.is_relationship_load:
        return  # the row itself was loaded scoped
    tenant = session_tenant(state.session)
    if tenant == DELIVERY and all(m.class_ is OutboxMessage for m in state.all_mappers):
        return
    state.statement = state.statement.options(_criteria(tenant))


@functools.lru_cache(maxsize=1024)
def _criteria(tenant: str) -> LoaderCriteriaOption:
    """The tenant's filter, made once per tenant (making it costs more than the query)."""
    return with_loader_criteria(
        TenantScoped,
        # (the base itself, which the lambda is first tried on, maps no column)
        lambda cls: getattr(cls, "tenant_id", _TENANT_COLUMN) == tenant,
        include_aliases=True,
        track_closure_variables=True,
    )


@event.listens_for(Session, "before_flush")
def _stamp_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    tenant = session_tenant(session)
    for row in session.new:
        if isinstance(row, TenantScoped):
            row.tenant_id = tenant


@event.listens_for(Session, "after_begin")
def _set_database_tenant(session: Session, _transaction: Any, connection: Any) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT set_config(:name, :tenant, true)"),
            {"name": SETTING, "tenant": session_tenant(session)},
        )
