"""The receiving side's answer to a move between tenants (bot/app/moves.py), written on
the move from `tell_referrer`: the referrer of a moved referral is the giving municipality,
which hears the procedural fact (taken on, or declined with a reason code) and nothing else."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.domain.model import ReferralStatus
from bot.domain.moves import MoveState
from store.schema.cases import Referral
from store.uow import UnitOfWork

CHANNEL = "tenant"  # how the other side is reached: inside the installation
# Statuses by which the receiving team has taken the referral on.
TAKEN_ON = frozenset(
    {
        ReferralStatus.ASSIGNED,
        ReferralStatus.CONTACT_MADE,
        ReferralStatus.INTAKE_PLANNED,
        ReferralStatus.HELP_STARTED,
        ReferralStatus.HANDED_OVER,
        ReferralStatus.CLOSED,
    }
)


def record(uow: UnitOfWork, referral: Referral, status: ReferralStatus, *, now: datetime) -> None:
    """The receiving side's referral moved: taken on, or declined (with its reason code).
    Later statuses stay on this side: the giving side's loop ended with the answer."""
    move = uow.moves.received_as(referral_id=referral.id or 0)
    if move is None or move.state != MoveState.REQUESTED:
        return
    if status in TAKEN_ON:
        move.state = MoveState.ACCEPTED
    elif status is ReferralStatus.DECLINED:
        move.state, move.reason = MoveState.REFUSED, referral.decline_reason
    else:
        return
    move.decided_at = now
    case = uow.cases.get(id=referral.case_id)
    notify.audit(
        uow,
        now=now,
        event=f"move_{move.state}",
        actor=referral.assignee_id or "system",
        case_ref=case.ref if case else None,
        recipient=f"tenant:{move.from_tenant_id}",
        channel=CHANNEL,
        basis="procedural",
    )
