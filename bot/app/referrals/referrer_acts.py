"""The referrer acts on their own referral: withdraw it, add information, ask its status.

The same use cases serve chat (`/verwijzing status|intrekken|aanvullen REF`), the e-mail
link's page and REST. A referrer may act on their own referrals and on those of their
organisation (a school's care coordinator stands in for a colleague); anyone else is
refused and the attempt audited. Added information passes the privacy guard like a
professional's note, goes to the professionals and is not kept; the status answer is the
referrer's view under the consent that holds now, audited as a disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.app.cases import load_referral
from bot.app.note_check import note_findings, note_hint
from bot.app.referrals.flow import apply_status
from bot.app.referrals.view import ReferrerView, referrer_view
from bot.domain import privacy_guard
from bot.domain.consent import disclosure_basis
from bot.domain.errors import NoteRefused, ReferralEnded, UnknownCase
from bot.domain.model import TERMINAL, ReferralStatus, Role
from bot.domain.rules import Rules
from bot.messages import Language, Message, text
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork

INFO_LIMIT = 1000  # characters, as a note


@dataclass(frozen=True)
class Withdrawn:
    case_ref: str
    already: bool  # withdrawn before: nothing changed


def may_act(uow: UnitOfWork, person: Person, referral: Referral) -> bool:
    """The referral's referrer, or a referrer of the same organisation."""
    if not person.active:
        return False
    if person.id == referral.referrer_id:
        return True
    if not person.has_role(Role.REFERRER) or not person.organisation_id:
        return False
    referrer = uow.directory.person(id=referral.referrer_id)
    return referrer is not None and referrer.organisation_id == person.organisation_id


def find(
    uow: UnitOfWork, person: Person, reference: str, *, now: datetime, channel: str
) -> tuple[Referral, Case]:
    """The referral named by its case reference or by the referrer's own reference; one the
    person may not act on is refused (audited) like one that does not exist."""
    reference = reference.strip()
    case = uow.cases.by_ref(ref=reference.upper())
    referral = uow.loop.referral_of_case(case_id=case.id or 0) if case else None
    if referral is None:
        referral = uow.referrals.by_external_ref(referrer=person.id, external_ref=reference)
        case = uow.cases.get(id=referral.case_id) if referral else None
    if referral is None or case is None:
        raise UnknownCase(case_ref=reference[:40])
    if not may_act(uow, person, referral):
        notify.refuse(
            uow,
            now=now,
            actor=person.id,
            case_ref=case.ref,
            what="referrer:not_theirs",
            channel=channel,
        )
        raise UnknownCase(case_ref=reference[:40])
    return referral, case


def withdraw(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    *,
    by: str,
    channel: str,
    now: datetime,
) -> Withdrawn:
    """Within an open unit of work (the caller commits). The referral ends as withdrawn:
    open prompts, handovers, requests to the referrer and check-ins stop; the referrer is
    told (procedural); the professionals on it hear it. Again: nothing changes."""
    if referral.status == ReferralStatus.WITHDRAWN:
        return Withdrawn(case.ref, already=True)
    if ReferralStatus(referral.status) in TERMINAL:
        raise ReferralEnded(case_ref=case.ref)
    apply_status(uow, rules, referral, case, ReferralStatus.WITHDRAWN, by=None, now=now)
    for handover in uow.handovers.open_for(referral=referral.id or 0):
        handover.closed_at = now
        handover.next_action_at = None
    for request in uow.loop.open_requests(referral=referral.id or 0):
        request.closed_at = now
        request.next_action_at = None
        request.outcome = "withdrawn"
    checkin = uow.loop.checkin_for(referral=referral.id or 0)
    if checkin is not None and checkin.closed_at is None:
        checkin.closed_at = now
    _tell_professionals(
        uow,
        rules,
        referral,
        case,
        key=f"withdrawn:{referral.id}",
        message_key="acts.team.withdrawn",
        params={"case_ref": case.ref},
        now=now,
    )
    notify.audit(
        uow,
        event="withdrawn",
        now=now,
        actor=by,
        case_ref=case.ref,
        channel=channel,
        on_behalf_of=referral.referrer_id,
    )
    return Withdrawn(case.ref, already=False)


def add_information(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    *,
    information: str,
    by: str,
    language: str | None,
    channel: str,
    now: datetime,
) -> str:
    """Within an open unit of work (the caller commits). The text through the privacy guard
    (refused: NoteRefused, audited with the kinds found, nothing kept or sent), then to the
    professionals on the case. Returns the case reference."""
    information = information.strip()
    if ReferralStatus(referral.status) in TERMINAL:
        raise ReferralEnded(case_ref=case.ref)
    found = note_findings(uow, rules, information)
    if found:
        notify.refuse(
            uow,
            now=now,
            actor=by,
            case_ref=case.ref,
            what="note:" + "+".join(privacy_guard.kinds(found)),
            channel=channel,
        )
        raise NoteRefused(findings=tuple(found), found=note_hint(found, language))
    _tell_professionals(
        uow,
        rules,
        referral,
        case,
        key=f"information:{referral.id}:{now.isoformat()}",
        message_key="acts.team.information",
        params={"case_ref": case.ref, "information": information},
        now=now,
    )
    notify.audit(
        uow,
        event="information_added",
        now=now,
        actor=by,
        case_ref=case.ref,
        channel=channel,
        on_behalf_of=referral.referrer_id,
    )
    return case.ref


def status(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    *,
    recipient: str,
    channel: str,
    now: datetime,
) -> ReferrerView:
    """Within an open unit of work (the caller commits): the referral as its referrer may
    see it now, audited as a disclosure to `recipient`."""
    view = referrer_view(uow, rules, referral, now=now)
    notify.audit(
        uow,
        event="disclosed",
        now=now,
        actor="terugkoppel",
        case_ref=view.case_ref,
        on_behalf_of=referral.referrer_id,
        recipient=recipient,
        channel=channel,
        basis=disclosure_basis(view.consent),
        message_key=status_message(view, "nl").key,
    )
    return view


def _tell_professionals(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    case: Case,
    *,
    key: str,
    message_key: str,
    params: dict[str, str],
    now: datetime,
) -> None:
    """The assigned professional and the regisseur (in office hours); with neither, the
    team's intake channel."""
    when = rules.calendar.next_send_moment(now)
    told: set[str] = set()
    for person_id in (referral.assignee_id, case.lead_id):
        person = uow.directory.person(id=person_id or "")
        if person is None or person.id in told or not person.active:
            continue
        if not notify.is_reachable(uow, rules, person, now):
            person = notify.substitute_for(uow, rules, person=person, referral=referral, now=now)
            if person is None or person.id in told:
                continue
        told.add(person.id)
        notify.to_person(
            uow,
            key=f"{key}:{person.id}",
            person=person,
            message_key=message_key,
            params=params,
            now=now,
            not_before=when,
            referral=referral,
            case_ref=case.ref,
        )
    if not told:
        team = uow.directory.team(id=referral.team_id)
        if team is not None:
            notify.to_team_intake(
                uow,
                key=key,
                team=team,
                message_key=message_key,
                params=params,
                now=now,
                not_before=when,
                referral=referral,
                case_ref=case.ref,
            )


def referral_for_link(uow: UnitOfWork, referral_id: int) -> tuple[Referral, Case]:
    return load_referral(uow, referral_id, lock=True)


def status_message(view: ReferrerView, language: Language) -> Message:
    """The status as its referrer may know it: a phase without consent, else the status
    and the contact person."""
    params = {"case_ref": view.case_ref, "team": view.team}
    if view.status is None:
        return Message(f"acts.status.{view.phase}", params, language=language)
    params["status"] = text(f"status.{view.status}", language)
    if view.contact is not None:
        params["contact"] = view.contact.name
        return Message("acts.status.with_contact", params, language=language)
    return Message("acts.status.known", params, language=language)
