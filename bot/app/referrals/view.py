"""What a referrer may see of a referral, by the consent that holds now (REST GET)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.app import notify
from bot.domain.consent import may_share_status
from bot.domain.model import ReferralStatus
from bot.domain.rules import Rules
from store.schema.cases import Referral
from store.uow import UnitOfWork

_RECEIVED = (ReferralStatus.RECEIVED, ReferralStatus.ASSIGNED)
_ENDED = (ReferralStatus.CLOSED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)


@dataclass(frozen=True)
class Contact:
    name: str
    team: str
    email: str | None


@dataclass(frozen=True)
class ReferrerView:
    id: int
    case_ref: str
    external_ref: str | None
    team: str
    consent: str
    phase: str  # received | in_progress | ended: the procedural facts, always
    status: str | None  # one of the status codes, when consent allows it
    contact: Contact | None  # the case's contact person, only with consent
    public_id: str = ""  # the id the REST API shows
    # the working day by which the referrer hears from the team at the latest (a procedural
    # fact, as in the receipt: told at every consent level)
    expected_by: date | None = None


def phase_of(status: str) -> str:
    current = ReferralStatus(status)
    if current in _RECEIVED:
        return "received"
    return "ended" if current in _ENDED else "in_progress"


def visible_status(status: str, consent: str) -> str | None:
    """Without consent only the receipt is a status the referrer knows; with consent every
    milestone (the same rule as the messages, bot/app/notify.py)."""
    if status == ReferralStatus.WITHDRAWN:
        return status  # the referrer's own act
    if not may_share_status(consent):
        return ReferralStatus.RECEIVED.value if phase_of(status) == "received" else None
    return status


def referrer_view(
    uow: UnitOfWork, rules: Rules, referral: Referral, *, now: datetime
) -> ReferrerView:
    """Within an open unit of work. The contact is the assignee, or their stand-in while
    they are away, as in the status messages."""
    case = uow.cases.get(id=referral.case_id)
    team = uow.directory.team(id=referral.team_id)
    assert case is not None and team is not None
    contact: Contact | None = None
    if may_share_status(referral.consent) and referral.assignee_id:
        person = uow.directory.person(id=referral.assignee_id)
        if person is not None and not notify.is_reachable(uow, rules, person, now):
            person = notify.substitute_for(uow, rules, person=person, referral=referral, now=now)
        if person is not None:
            contact = Contact(person.name, team.name, person.email)
    return ReferrerView(
        id=referral.id or 0,
        case_ref=case.ref,
        external_ref=referral.external_ref,
        team=team.name,
        consent=referral.consent,
        phase=phase_of(referral.status),
        status=visible_status(referral.status, referral.consent),
        contact=contact,
        public_id=referral.public_id,
        expected_by=rules.calendar.local(referral.feedback_due_at).date(),
    )
