"""`audit verify`: walks the audit hash chain and names the first broken row."""

from __future__ import annotations

from store.audit_chain import Verdict, verify
from store.uow import UnitOfWork


def verify_chain(uow: UnitOfWork) -> Verdict:
    """Every audit row in id order, from where retention left the chain's start; the first
    row whose link or content does not hold, or none."""
    with uow:
        return verify(uow.audit.walk(), anchor=uow.audit.anchor())
