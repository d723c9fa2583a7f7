"""The regisseur of a case ("1 gezin, 1 plan, 1 regisseur"): set or changed, and everyone
involved told: the previous and the new regisseur, the professional on the case and (with
consent) the referrer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.app.cases import referral_by_case_ref
from bot.domain.consent import disclosure_basis, may_share_status
from bot.domain.errors import LeadRefused, NotAllowed, UnknownPerson
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.model import Role
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork

OPERATOR = "operator"  # the command line without --by: the operator acts


@dataclass(frozen=True)
class LeadSet:
    case_ref: str
    name: str
    changed: bool


def lead_of(uow: UnitOfWork, case_ref: str, language: str | None) -> str:
    """The regisseur's name as people read it ("nog niemand" when there is none)."""
    case = uow.cases.by_ref(ref=case_ref)
    lead = uow.directory.person(id=case.lead_id or "") if case else None
    return lead.name if lead is not None else text("lead.none", language)


def may_lead(person: Person | None) -> bool:
    return (
        person is not None
        and person.active
        and (person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR))
    )


def set_lead(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    person: str,
    by: str,
    now: datetime,
    channel: str | None = None,
) -> LeadSet:
    """`by` (the regisseur now, the professional on the case, or a coordinator of the
    referral's team; the operator on the command line) makes `person` the regisseur."""
    with uow:
        referral, case = referral_by_case_ref(uow, case_ref, lock=True)
        if by != OPERATOR:
            _may_change(uow, referral, case, by=by, now=now, channel=channel)
        lead = uow.directory.person(id=person)
        if lead is None or not may_lead(lead):
            raise LeadRefused(case_ref=case.ref, name=lead.name if lead else person)
        if case.lead_id == lead.id:
            return LeadSet(case.ref, lead.name, changed=False)
        previous = uow.directory.person(id=case.lead_id or "")
        case.lead_id = lead.id
        notify.audit(
            uow,
            event="lead_changed",
            now=now,
            actor=by,
            case_ref=case.ref,
            recipient=lead.id,
            channel=channel or "chat",
        )
        _tell(uow, rules, referral, case, lead, previous, by=by, now=now)
        uow.commit()
        return LeadSet(case.ref, lead.name, changed=True)


def _may_change(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    *,
    by: str,
    now: datetime,
    channel: str | None,
) -> None:
    actor = uow.directory.person(id=by)
    if actor is None or not actor.active:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="lead", channel=channel)
        raise UnknownPerson(person=by)
    allowed = actor.id in (case.lead_id, referral.assignee_id) or (
        actor.team_id == referral.team_id and actor.has_role(Role.COORDINATOR)
    )
    if not allowed:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="lead", channel=channel)
        raise NotAllowed(case_ref=case.ref)


def _tell(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    lead: Person,
    previous: Person | None,
    *,
    by: str,
    now: datetime,
) -> None:
    """The previous and new regisseur and the professional on the case (not twice, and
    not the one who made the change); the referrer only with consent."""
    involved: dict[str, Person] = {}
    for someone in (previous, lead, uow.directory.person(id=referral.assignee_id or "")):
        if someone is not None and someone.active and someone.id != by:
            involved.setdefault(someone.id, someone)
    for someone in involved.values():
        was = previous.name if previous else text("lead.none", someone.language)
        notify.to_person(
            uow,
            key=f"lead:{case.id}:{lead.id}:{someone.id}:{now.isoformat()}",
            person=someone,
            message_key="lead.changed_you" if someone.id == lead.id else "lead.changed",
            params={"case_ref": case.ref, "name": lead.name, "previous": was},
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            referral=referral,
            case_ref=case.ref,
        )
    referrer = uow.directory.person(id=referral.referrer_id)
    if referrer is None or not may_share_status(referral.consent):
        return
    team = uow.directory.team(id=lead.team_id or "")
    notify.to_person(
        uow,
        key=f"referrer:{referral.id}:lead:{now.isoformat()}",
        person=referrer,
        message_key="referrer.lead_changed",
        params={
            "case_ref": case.ref,
            "external_ref": shown_external_ref(referral.external_ref),
            "name": lead.name,
            "team": team.name if team else "",
        },
        now=now,
        not_before=now,
        referral=referral,
        case_ref=case.ref,
        disclosure_basis=disclosure_basis(referral.consent),
    )


@dataclass(frozen=True)
class CaseLead:
    case_ref: str
    lead: str | None
    contact: str | None
    team: str


def who_leads(uow: UnitOfWork, *, case_ref: str, asker: str) -> CaseLead | None:
    """`/wie CASE_REF`: the regisseur and contact person, for the regisseur, the
    professional on the case and the people of the case's team; None for anyone else, as
    for a reference that does not exist (existence is not told)."""
    with uow:
        case = uow.cases.by_ref(ref=case_ref.strip().upper())
        referral = uow.loop.referral_of_case(case_id=case.id or 0) if case else None
        person = uow.directory.person(id=asker)
        if case is None or referral is None or person is None or not person.active:
            return None
        involved = person.id in (case.lead_id, referral.assignee_id) or (
            person.team_id == referral.team_id and may_lead(person)
        )
        if not involved:
            return None
        lead = uow.directory.person(id=case.lead_id or "")
        contact = uow.directory.person(id=referral.assignee_id or "")
        team = uow.directory.team(id=referral.team_id)
        return CaseLead(
            case.ref,
            lead.name if lead else None,
            contact.name if contact else None,
            team.name if team else referral.team_id,
        )
