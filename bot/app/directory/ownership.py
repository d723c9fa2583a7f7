"""Ids are keys across the installation: a municipality's directory may not take an id
another municipality (tenant) uses already."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from bot.app.directory.schema import Directory
from bot.domain.errors import DirectoryInvalid
from bot.messages import Message
from store.uow import UnitOfWork


def refuse_ids_of_others(uow: UnitOfWork, directory: Directory) -> None:
    """DirectoryInvalid naming the first id of the file another tenant uses (where this
    store lets the importer see it: SQLite, or PostgreSQL without its policies)."""
    ids = {
        *(o.id for _, o in directory.organisations or ()),
        *(t.id for _, t in directory.teams or ()),
        *(p.id for _, p in directory.people or ()),
    }
    for taken in uow.directory.ids_elsewhere(ids=ids):
        problem = Message("tenant.id_in_use", {"id": taken})
        raise DirectoryInvalid(entry=taken, field="id", problem=problem)


@contextmanager
def ids_of_others_refused() -> Iterator[None]:
    """On PostgreSQL the policies hide other tenants' rows: there the key conflict of the
    insert tells it, without naming the id."""
    try:
        yield
    except IntegrityError as exc:
        problem = Message("tenant.ids_in_use")
        raise DirectoryInvalid(entry="-", field="id", problem=problem) from exc
