"""Moves between tenants (a youth who moves): the one table both sides read. It is not
scoped by store/tenancy.py (a row belongs to two tenants), so every query here names the
side itself; on PostgreSQL the row's policy says the same."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, delete
from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.cases import Case, Referral
from store.schema.tenants import TenantMove
from store.tenancy import session_tenant

REQUESTED = "requested"  # bot/domain/moves.py MoveState (the store knows no domain)


def to_receive(tenant: str) -> tuple[ColumnElement[bool], ...]:
    """Moves to `tenant` whose referral is not made yet."""
    return (col(TenantMove.to_tenant_id) == tenant, col(TenantMove.to_referral_id).is_(None))


def to_apply(tenant: str) -> tuple[ColumnElement[bool], ...]:
    """Moves from `tenant` answered by the other side and not yet taken in."""
    return (
        col(TenantMove.from_tenant_id) == tenant,
        col(TenantMove.state) != REQUESTED,
        col(TenantMove.applied_at).is_(None),
    )


class MoveRepository(Repository):
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
                TenantMove.state == REQUESTED,
            )
        ).first()

    def to_receive(self) -> Sequence[TenantMove]:
        """Moves to this tenant whose referral is not made yet (in id order)."""
        return self.session.exec(
            select(TenantMove)
            .where(*to_receive(self._tenant()))
            .order_by(col(TenantMove.id))
            .with_for_update(skip_locked=True)
        ).all()

    def to_apply(self) -> Sequence[TenantMove]:
        """Moves from this tenant answered by the other side and not yet taken in."""
        return self.session.exec(
            select(TenantMove)
            .where(*to_apply(self._tenant()))
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

    def purge_ended(self) -> int:
        """Deletes the moves whose case this tenant no longer keeps (purged by the
        retention) once nothing more can come of them: given moves that were answered and
        taken in, received moves whose referral is gone. The other side's case is not asked:
        the row holds only what both sides may see."""
        tenant = self._tenant()
        kept_cases = select(Case.ref).where(col(Case.tenant_id) == tenant)
        kept_referrals = select(Referral.id).where(col(Referral.tenant_id) == tenant)
        given = delete(TenantMove).where(
            col(TenantMove.from_tenant_id) == tenant,
            col(TenantMove.applied_at).is_not(None),
            col(TenantMove.from_case_ref).not_in(kept_cases),
        )
        received = delete(TenantMove).where(
            col(TenantMove.to_tenant_id) == tenant,
            col(TenantMove.state) != REQUESTED,
            col(TenantMove.to_referral_id).is_not(None),
            col(TenantMove.to_referral_id).not_in(kept_referrals),
        )
        done = 0
        for stmt in (given, received):
            done += int(getattr(self.session.execute(stmt), "rowcount", 0) or 0)
        return done

    def _tenant(self) -> str:
        return session_tenant(self.session)
