"""A referral with its case, found by id or case reference, and who may act on it: the
lookups and guards the referral, prompt, handover and referrer-loop use cases share."""

from __future__ import annotations

from datetime import datetime

from bot.app import notify
from bot.domain.errors import NotAllowed, UnknownCase, UnknownPerson
from bot.domain.model import Role
from store.rows import ReferralView
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork


def referrer_organisation_name(uow: UnitOfWork, referral: ReferralView) -> str:
    referrer = uow.directory.person(id=referral.referrer_id)
    organisation = (
        uow.directory.organisation(id=referrer.organisation_id or "") if referrer else None
    )
    if organisation is not None:
        return organisation.name
    return referrer.name if referrer else "?"


def load_referral(
    uow: UnitOfWork, referral_id: int, *, lock: bool = False
) -> tuple[Referral, Case]:
    referral = uow.referrals.get(id=referral_id, lock=lock)
    case = uow.cases.get(id=referral.case_id) if referral else None
    if referral is None or case is None:
        raise UnknownCase(case_ref=str(referral_id))
    return referral, case


def referral_by_case_ref(
    uow: UnitOfWork, case_ref: str, *, lock: bool = False
) -> tuple[Referral, Case]:
    case = uow.cases.by_ref(ref=case_ref.strip().upper())
    referral = uow.loop.referral_of_case(case_id=case.id or 0) if case else None
    if case is None or referral is None:
        raise UnknownCase(case_ref=case_ref)
    if lock:
        locked = uow.referrals.get(id=referral.id or 0, lock=True)
        assert locked is not None
        referral = locked
    return referral, case


def member_or_refuse(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    *,
    by: str,
    now: datetime,
    what: str,
    channel: str | None = None,
) -> Person:
    """A professional or coordinator of the referral's team; anyone else is refused and
    the attempt audited."""
    person = uow.directory.person(id=by)
    if person is None or not person.active:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what=what, channel=channel)
        raise UnknownPerson(person=by)
    works_here = person.team_id == referral.team_id and (
        person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)
    )
    if not works_here:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what=what, channel=channel)
        raise NotAllowed(case_ref=case.ref)
    return person


def referrer_or_refuse(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    *,
    by: str,
    now: datetime,
    what: str,
    channel: str | None,
) -> Person:
    """Only the referral's referrer answers a question put to them."""
    person = uow.directory.person(id=by)
    if person is None or not person.active or person.id != referral.referrer_id:
        notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what=what, channel=channel)
        if person is None or not person.active:
            raise UnknownPerson(person=by)
        raise NotAllowed(case_ref=case.ref)
    return person
