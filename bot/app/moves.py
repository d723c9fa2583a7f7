"""A youth who moves to another municipality: the referral is handed over to a team of
another tenant (issue 22, point 4).

Only procedural facts cross, on one row both tenants see (`tenant_moves`): the giving case
reference, the receiving team, the consent level and urgency; back come the receiving case
reference, taken on or declined, and a decline reason code. No person, note or name
crosses. Each side writes its own audit rows, in its own tenant.

1. `start_move` (giving tenant): the contact person or a coordinator asks; the move is
   stored; then the receiving side is done at once (`receive_moves`), and again by every
   tick until it is: a crash in between loses nothing.
2. `receive_moves` (receiving tenant): a referral of its own, from the giving municipality
   as referrer (bot/domain/moves.py), with the giving case reference as the referrer's
   reference; the team's intake question follows as for any referral.
3. `move_answers.record` (receiving tenant, from `tell_referrer`): taken on or declined.
4. `apply_answers` (giving tenant, every tick): the handover ends, the referrer hears where
   help goes on (as the consent allows), the contact person hears the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.app.cases import referral_by_case_ref
from bot.app.data import Data
from bot.app.handovers import may_hand_over
from bot.app.move_answers import CHANNEL
from bot.app.referrals.flow import Told, apply_status, tell_referrer
from bot.app.referrals.intake import submit_referral
from bot.app.tenant_rules import rules_for
from bot.domain.consent import disclosure_basis, may_share_status
from bot.domain.errors import UnknownCase, UnknownPlace
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import TERMINAL, Consent, PromptState, ReferralStatus, Role
from bot.domain.moves import MoveState, link_id
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Referral
from store.schema.directory import Organisation, Person
from store.schema.tenants import TenantMove
from store.tenancy import current_tenant, tenant_scope
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Moved:
    case_ref: str  # the giving side's
    to: str  # the receiving team, as "Jeugdteam Rivier (Rivierdal)"
    to_case_ref: str | None  # the receiving side's, once its referral is made


def start_move(
    data: Data,
    rules: Rules,
    *,
    case_ref: str,
    to_tenant: str,
    to_team: str,
    by: str,
    now: datetime,
    warm: bool = False,
    channel: str | None = None,
) -> Moved:
    """The giving side (the tenant of the work in progress) asks `to_team` of `to_tenant`
    to take the case over."""
    tenant = current_tenant()
    place = _receiving_team(data, tenant=tenant, to_tenant=to_tenant, to_team=to_team)
    with data.uow(tenant) as uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        may_hand_over(uow, referral, case, by=by, now=now, channel=channel)
        uow.moves.add(
            TenantMove(
                from_tenant_id=tenant,
                from_case_ref=case.ref,
                to_tenant_id=to_tenant,
                to_team_id=to_team,
                consent=referral.consent,
                urgent=referral.urgent,
                warm=warm,
                state=MoveState.REQUESTED,
                requested_at=now,
            )
        )
        notify.audit(
            uow,
            now=now,
            event="move_requested",
            actor=by,
            case_ref=case.ref,
            recipient=f"{to_tenant}:{to_team}",
            channel=channel or "cli",
            basis="procedural",
        )
        uow.commit()
        ref = case.ref
    made = receive_moves(data, rules, tenant=to_tenant, now=now)
    return Moved(ref, place, made.get((tenant, ref)))


def _receiving_team(data: Data, *, tenant: str, to_tenant: str, to_team: str) -> str:
    """The receiving team's name with its municipality's, or UnknownPlace (also for the
    own tenant, where a handover is the way, and for a tenant that does not exist)."""
    with data.uow(to_tenant) as uow:
        other = uow.tenants.get(id=to_tenant)
        team = uow.directory.team(id=to_team) if other is not None else None
        if other is None or team is None or to_tenant == tenant:
            raise UnknownPlace(place=f"{to_tenant}:{to_team}")
        return f"{team.name} ({other.name})"


def receive_moves(
    data: Data, rules: Rules, *, tenant: str, now: datetime
) -> dict[tuple[str, str], str]:
    """The receiving side makes a referral of each move to it that has none yet; returns
    {(giving tenant, giving case reference): receiving case reference}."""
    made: dict[tuple[str, str], str] = {}
    own = rules_for(rules, tenant)
    with tenant_scope(tenant):
        with data.uow(tenant) as uow:  # what each move says, and its referrer here
            waiting = [
                (m.id or 0, m.from_tenant_id, m.from_case_ref, m.to_team_id, m.consent, m.urgent)
                for m in uow.moves.to_receive()
            ]
            referrers = {
                giving: _stand_in(uow, giving=giving, receiving=tenant)
                for giving in {w[1] for w in waiting}
            }
            uow.commit()
        for move_id, giving, from_ref, team, consent, urgent in waiting:
            submitted = submit_referral(
                data.uow(tenant),
                own,
                team=team,
                referrer=referrers[giving],
                external_ref=from_ref,  # a resubmission finds the referral made before
                consent=Consent(consent),
                now=now,
                urgent=urgent,
                source="move",
            )
            with data.uow(tenant) as uow:
                move = uow.session.get(TenantMove, move_id)
                assert move is not None
                move.to_case_ref, move.to_referral_id = submitted.case_ref, submitted.id
                move.received_at = now
                notify.audit(
                    uow,
                    now=now,
                    event="move_received",
                    actor=f"tenant:{giving}",
                    case_ref=submitted.case_ref,
                    recipient=team,
                    channel=CHANNEL,
                    basis="procedural",
                )
                uow.commit()
            made[(giving, from_ref)] = submitted.case_ref
    return made


def _stand_in(uow: UnitOfWork, *, giving: str, receiving: str) -> str:
    """The giving municipality in the receiving tenant's directory: an organisation of kind
    municipality and a referrer of it, with no address (never sent anything)."""
    ident = link_id(giving, receiving)
    tenant = uow.tenants.get(id=giving)
    name = tenant.name if tenant is not None else giving
    if uow.directory.organisation(id=ident) is None:
        uow.session.add(Organisation(id=ident, name=name, kind="municipality"))
    person = uow.directory.person(id=ident)
    if person is None:
        uow.session.add(
            Person(id=ident, name=name, organisation_id=ident, roles=str(Role.REFERRER))
        )
    elif not person.active:
        person.active, person.left_at = True, None
    uow.session.flush()
    return ident


def apply_answers(data: Data, rules: Rules, *, tenant: str, now: datetime) -> int:
    """The giving side takes in each answer: the case is handed over (the referrer hears
    where help goes on, as the consent allows) or stays (the contact person hears why)."""
    own = rules_for(rules, tenant)
    done = 0
    with tenant_scope(tenant), data.uow(tenant) as uow:
        for move in uow.moves.to_apply():
            _apply(uow, own, move, now=now)
            move.applied_at = now
            done += 1
        uow.commit()
    return done


def _apply(uow: UnitOfWork, rules: Rules, move: TenantMove, *, now: datetime) -> None:
    try:
        referral, case = referral_by_case_ref(uow, move.from_case_ref, lock=True)
    except UnknownCase:  # purged meanwhile: nothing here to hand over
        return
    other = uow.tenants.get(id=move.to_tenant_id)
    where = other.name if other is not None else move.to_tenant_id
    # Taken on there, but ended here meanwhile (withdrawn by the referrer, closed): the
    # contact person still hears the answer; the referral stays as it ended.
    accepted = move.state == MoveState.ACCEPTED and referral.status not in TERMINAL
    if accepted:
        for prompt in uow.prompts.open_for(referral=referral.id or 0):
            prompt.state, prompt.closed_at = PromptState.CANCELLED, now  # help goes on there
        told = None
        if may_share_status(referral.consent):
            told = Told(
                "referrer.moved",
                {
                    "case_ref": case.ref,
                    "external_ref": shown_external_ref(referral.external_ref),
                    "municipality": where,
                },
                disclosure_basis(referral.consent),
            )
        if referral.status == ReferralStatus.HANDED_OVER:
            tell_referrer(uow, rules, referral, ReferralStatus.HANDED_OVER, now=now, told=told)
        else:
            apply_status(
                uow, rules, referral, case, ReferralStatus.HANDED_OVER, by=None, now=now, told=told
            )
        case.closed_at = now  # nothing more happens here: the retention's clock starts
    uow.escalations.resolve_for(referral=referral.id or 0, now=now)
    _tell_giving_side(uow, rules, referral, move, where=where, now=now)
    notify.audit(
        uow,
        now=now,
        event=f"move_{move.state}",
        actor=f"tenant:{move.to_tenant_id}",
        case_ref=case.ref,
        recipient=None,
        channel=CHANNEL,
        basis="procedural",
    )


def _tell_giving_side(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    move: TenantMove,
    *,
    where: str,
    now: datetime,
) -> None:
    """The contact person hears the answer; without one, the team's coordinators."""
    contact = uow.directory.person(id=referral.assignee_id or "")
    people = (
        [contact]
        if contact is not None and contact.active
        else uow.directory.members(team=referral.team_id, role=Role.COORDINATOR)
    )
    accepted = move.state == MoveState.ACCEPTED
    for person in people:
        params = {
            "case_ref": move.from_case_ref,
            "municipality": where,
            "their_ref": move.to_case_ref or "—",
        }
        if not accepted:
            params["reason"] = text(f"reason.{move.reason or 'other'}", person.language)
        notify.to_person(
            uow,
            key=f"move:{move.id}:{move.state}:{person.id}",
            person=person,
            message_key="move.accepted" if accepted else "move.refused",
            params=params,
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            referral=referral,
            case_ref=move.from_case_ref,
        )
