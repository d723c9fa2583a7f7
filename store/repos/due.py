"""Which kinds of due work the tick has, from one statement."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Exists, and_, exists, or_
from sqlalchemy import select as sa_select
from sqlmodel import col

from store.repos.base import Repository
from store.repos.moves import to_apply, to_receive
from store.schema.cases import Handover, Prompt
from store.schema.loop import CheckIn, Consultation, ReferrerRequest
from store.schema.tenants import TenantMove
from store.tenancy import session_tenant


class DueKinds(NamedTuple):
    """Which kinds of due work there are; an idle tick learns it from one statement."""

    prompts: bool
    handovers: bool
    requests: bool  # the referrer's own loop: requests to referrers,
    checkins: bool  # check-ins after help started,
    consultations: bool  # and the vaste overleg's reminder
    moves: bool  # a move between tenants to receive, or its answer to take in

    def __bool__(self) -> bool:
        return any(self)


class DueRepository(Repository):
    def kinds(self, *, now: datetime) -> DueKinds:
        """An idle tick's only query: each EXISTS reads at most one entry of a partial
        index, whatever the tables' size."""
        probes = (
            exists().where(col(Prompt.closed_at).is_(None), col(Prompt.next_action_at) <= now),
            exists().where(col(Handover.closed_at).is_(None), col(Handover.next_action_at) <= now),
            exists().where(
                col(ReferrerRequest.closed_at).is_(None),
                col(ReferrerRequest.next_action_at) <= now,
            ),
            exists().where(
                col(CheckIn.asked_at).is_(None),
                col(CheckIn.closed_at).is_(None),
                col(CheckIn.due_at) <= now,
            ),
            exists().where(col(Consultation.remind_at) <= now),
            self._moves(),
        )
        row = self.session.execute(sa_select(*probes)).one()
        return DueKinds(*(bool(found) for found in row))

    def _moves(self) -> Exists:
        """Moves are not scoped by store/tenancy.py (both sides read them): the tenant is
        named here, on either side."""
        tenant = session_tenant(self.session)
        return exists(TenantMove).where(or_(and_(*to_receive(tenant)), and_(*to_apply(tenant))))
