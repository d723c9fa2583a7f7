"""Who hears what: outbox rows for people and team channels, consent-filtered for referrers."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Any

from bot.domain.moves import is_link
from bot.domain.rules import Rules
from bot.messages import Action
from store.rows import ReferralView
from store.schema.audit import AuditEntry
from store.schema.directory import Person, Team
from store.uow import UnitOfWork


def to_person(
    uow: UnitOfWork,
    *,
    key: str,
    person: Person,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
    not_before: datetime,
    actions: tuple[Action, ...] = (),
    referral: ReferralView | None = None,
    case_ref: str | None = None,
    disclosure_basis: str | None = None,
) -> bool:
    if is_link(person.id):  # another municipality (bot/domain/moves.py): no address here
        return False
    return uow.outbox.enqueue(
        key=key,
        conversation=f"person:{person.id}",
        person_id=person.id,
        language=person.language,
        message_key=message_key,
        params=params,
        actions=[a.as_dict() for a in actions],
        referral_id=referral.id if referral else None,
        case_ref=case_ref,
        disclosure_basis=disclosure_basis,
        created_at=now,
        not_before=not_before,
    )


def to_team_intake(
    uow: UnitOfWork,
    *,
    key: str,
    team: Team,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
    not_before: datetime,
    actions: tuple[Action, ...] = (),
    referral: ReferralView | None = None,
    case_ref: str | None = None,
) -> None:
    """The team's intake channel, or its coordinators when the team has none."""
    if team.intake_platform and team.intake_address:
        uow.outbox.enqueue(
            key=key,
            conversation=f"{team.intake_platform}:{team.intake_address}",
            platform=team.intake_platform,
            address=team.intake_address,
            message_key=message_key,
            params=params,
            actions=[a.as_dict() for a in actions],
            referral_id=referral.id if referral else None,
            case_ref=case_ref,
            created_at=now,
            not_before=not_before,
        )
        return
    for coordinator in uow.directory.members(team=team.id, role="coordinator"):
        to_person(
            uow,
            key=f"{key}:{coordinator.id}",
            person=coordinator,
            message_key=message_key,
            params=params,
            now=now,
            not_before=not_before,
            actions=actions,
            referral=referral,
            case_ref=case_ref,
        )


def to_coordinators(
    uow: UnitOfWork,
    *,
    key: str,
    team_id: str,
    message_key: str,
    params: dict[str, Any],
    now: datetime,
    not_before: datetime,
    referral: ReferralView | None = None,
    case_ref: str | None = None,
    actions: tuple[Action, ...] = (),
) -> int:
    sent = 0
    for coordinator in uow.directory.members(team=team_id, role="coordinator"):
        sent += to_person(
            uow,
            key=f"{key}:{coordinator.id}",
            person=coordinator,
            message_key=message_key,
            params=params,
            now=now,
            not_before=not_before,
            actions=actions,
            referral=referral,
            case_ref=case_ref,
        )
    return sent


def is_reachable(uow: UnitOfWork, rules: Rules, person: Person | None, now: datetime) -> bool:
    if person is None or not person.active:
        return False
    return uow.directory.absence_on(person=person.id, day=rules.today(now)) is None


def substitute_for(
    uow: UnitOfWork, rules: Rules, *, person: Person, referral: ReferralView, now: datetime
) -> Person | None:
    """Whom a message for an absent or departed professional goes to: backup, else coordinator."""
    referrer = uow.directory.person(id=referral.referrer_id)
    if referrer is not None and referrer.organisation_id:
        pair = uow.directory.contact_for(team=referral.team_id, partner=referrer.organisation_id)
        if pair is not None:
            for candidate_id in (pair.primary_id, pair.backup_id):
                if candidate_id and candidate_id != person.id:
                    candidate = uow.directory.person(id=candidate_id)
                    if is_reachable(uow, rules, candidate, now):
                        return candidate
    for coordinator in uow.directory.members(team=referral.team_id, role="coordinator"):
        if coordinator.id != person.id and is_reachable(uow, rules, coordinator, now):
            return coordinator
    return None


def audit(
    uow: UnitOfWork,
    *,
    event: str,
    now: datetime,
    actor: str,
    case_ref: str | None = None,
    recipient: str | None = None,
    channel: str | None = None,
    basis: str | None = None,
    message_key: str | None = None,
    on_behalf_of: str | None = None,
) -> None:
    """Appends an audit row. `now` is the use case's moment, not the row's: the store stamps
    the row with its own clock and chains it (store/repos/audit.py), so no caller can date
    a row, and a failed write raises (it is never swallowed: no audit, no action)."""
    uow.audit.add(
        AuditEntry(
            event=event,
            case_ref=case_ref,
            actor=actor,
            on_behalf_of=on_behalf_of,
            recipient=recipient,
            channel=channel,
            basis=basis,
            message_key=message_key,
        )
    )


# The refusals audited for the request in progress (REST): the request's task sets a fresh
# list, and the worker threads its endpoint runs in share it (a copied context keeps the
# same list), so a 404 already audited with its reason is not audited twice.
_REFUSALS: ContextVar[list[str] | None] = ContextVar("refusals", default=None)


def track_refusals() -> list[str]:
    """From now on this request's audited refusals are collected in the returned list."""
    seen: list[str] = []
    _REFUSALS.set(seen)
    return seen


def refuse(
    uow: UnitOfWork,
    *,
    now: datetime,
    actor: str,
    case_ref: str | None,
    what: str,
    channel: str | None = None,
) -> None:
    """Audits a refused attempt in its own transaction: the attempt's changes are dropped."""
    seen = _REFUSALS.get()
    if seen is not None:
        seen.append(what)
    uow.rollback()
    audit(
        uow, event="refused", now=now, actor=actor, case_ref=case_ref, basis=what, channel=channel
    )
    uow.commit()
