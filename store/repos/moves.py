"""Moves between tenants (a youth who moves): the one table both sides read. It is not
scoped by store/tenancy.py (a row belongs to two tenants), so every query here names the
side itself; on PostgreSQL the row's policy says the same."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.tenants import TenantMove
from store.tenancy import session_tenant


class MoveRepository(Repository):
    REQUESTED = "requested"  # bot/domain/moves.py MoveState (the store knows no domain)

    def add(self, move: TenantMove) -> TenantMove:
        move.from_tenant_id = self._tenant()
        self.session.add(move)
        self.session.flush()
        return move

    def open_from(self, *, case_ref: str) -> TenantMove | None:
        """The giving side's move of a case that is still waiting for an answer."""
        return self.session.exec(
            select(TenantMove).where(
                TenantMove.from_tenant_id == self._tenant(),
                TenantMove.from_case_ref == case_ref,
                TenantMove.state == self.REQUESTED,
            )
        ).first()

    def to_receive(self) -> Sequence[TenantMove]:
        """Moves to this tenant whose referral is not made yet (in id order)."""
        return self.session.exec(
            select(TenantMove)
            .where(
                TenantMove.to_tenant_id == self._tenant(),
                col(TenantMove.to_referral_id).is_(None),
            )
            .order_by(col(TenantMove.id))
            .with_for_update(skip_locked=True)
        ).all()

    def to_apply(self) -> Sequence[TenantMove]:
        """Moves from this tenant answered by the other side and not yet taken in."""
        return self.session.exec(
            select(TenantMove)
            .where(
                TenantMove.from_tenant_id == self._tenant(),
                TenantMove.state != self.REQUESTED,
                col(TenantMove.applied_at).is_(None),
            )
            .order_by(col(TenantMove.id))
            .with_for_update(skip_locked=True)
        ).all()

    def received_as(self, *, referral_id: int) -> TenantMove | None:
        """The move that made this tenant's referral, if one did."""
        return self.session.exec(
            select(TenantMove).where(
                TenantMove.to_tenant_id == self._tenant(),
                TenantMove.to_referral_id == referral_id,
            )
        ).first()

    def _tenant(self) -> str:
        return session_tenant(self.session)
