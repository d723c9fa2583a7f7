"""Vaste contactpersonen: absences, the daily coverage check, and "wie is mijn contact"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.app import notify
from bot.domain.errors import UnknownPerson
from bot.domain.rules import Rules
from store.schema.cases import Escalation
from store.schema.directory import Absence, ContactAssignment, Person
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Contact:
    team: str
    partner: str
    primary: str | None
    backup: str | None
    reachable: str | None  # who to call today
    primary_id: str | None = None  # person ids, for what a chat platform knows of them
    backup_id: str | None = None


def record_absence(
    uow: UnitOfWork,
    rules: Rules,
    *,
    person: str,
    starts_on: date,
    ends_on: date,
    now: datetime,
    source: str = "chat",
) -> int:
    """Marks someone away; their partners and backup hear it at once via the coverage check."""
    if ends_on < starts_on:
        starts_on, ends_on = ends_on, starts_on
    with uow:
        if uow.directory.person(id=person) is None:
            raise UnknownPerson(person=person)
        uow.directory.add(
            Absence(
                person_id=person,
                starts_on=starts_on,
                ends_on=ends_on,
                source=source,
                created_at=now,
            )
        )
        uow.commit()
    return check_coverage(uow, rules, now=now)


def away_until(
    uow: UnitOfWork, rules: Rules, *, person: str, until: date, now: datetime, source: str
) -> bool:
    """Away from today up to `until` (a chat status); nothing new when already covered."""
    today = rules.today(now)
    with uow:
        current = uow.directory.absence_on(person=person, day=today)
        if current is not None and current.ends_on >= until:
            return False
    record_absence(
        uow, rules, person=person, starts_on=today, ends_on=until, now=now, source=source
    )
    return True


def back_from(uow: UnitOfWork, rules: Rules, *, person: str, now: datetime, source: str) -> bool:
    """Ends today's absence from `source` (the chat status was cleared): away until yesterday,
    or not at all when it began today. Absences recorded another way are left alone."""
    today = rules.today(now)
    with uow:
        absence = uow.directory.absence_on(person=person, day=today)
        if absence is None or absence.source != source:
            return False
        if absence.starts_on >= today:
            uow.directory.delete(absence)
        else:
            absence.ends_on = today - timedelta(days=1)
        uow.commit()
    return True


def check_coverage(uow: UnitOfWork, rules: Rules, *, now: datetime) -> int:
    """For every (team, partner) pair: route to the backup, tell the partner, or escalate."""
    actions = 0
    with uow:
        pairs = list(uow.directory.contact_assignments())
    for pair in pairs:
        with uow:
            actions += _check_pair(uow, rules, pair, now=now)
            uow.commit()
    return actions


def _check_pair(uow: UnitOfWork, rules: Rules, pair: ContactAssignment, *, now: datetime) -> int:
    today = rules.today(now)
    primary = uow.directory.person(id=pair.primary_id or "")
    backup = uow.directory.person(id=pair.backup_id or "")
    team = uow.directory.team(id=pair.team_id)
    partner = uow.directory.organisation(id=pair.partner_id)
    assert team is not None and partner is not None
    if notify.is_reachable(uow, rules, primary, now):
        return 0
    names = {"team": team.name, "partner": partner.name}
    if not notify.is_reachable(uow, rules, backup, now):
        period = f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
        key = f"coverage:gap:{pair.id}:{period}"
        if uow.outbox.exists(key=f"{key}:{_first_coordinator(uow, team.id)}"):
            return 0
        uow.escalations.add(
            Escalation(kind="coverage", team_id=team.id, partner_id=partner.id, created_at=now)
        )
        return notify.to_coordinators(
            uow,
            key=key,
            team_id=team.id,
            message_key="coverage.gap",
            params=names,
            now=now,
            not_before=rules.calendar.next_send_moment(now),
        )
    assert backup is not None
    if primary is None:
        return 0
    absence = uow.directory.absence_on(person=primary.id, day=today)
    reason = f"absence{absence.id}" if absence else "left"
    until = rules.day_text(absence.ends_on) if absence else ""
    sent = 0
    sent += notify.to_person(
        uow,
        key=f"coverage:{pair.id}:{reason}:backup",
        person=backup,
        message_key="coverage.backup_active",
        params={**names, "primary": primary.name, "until": until},
        now=now,
        not_before=rules.calendar.next_send_moment(now),
    )
    for referrer in uow.directory.referrers_of(organisation=partner.id):
        sent += notify.to_person(
            uow,
            key=f"coverage:{pair.id}:{reason}:{referrer.id}",
            person=referrer,
            message_key="referrer.backup_contact" if absence else "referrer.contact_left",
            params={
                "team": team.name,
                "primary": primary.name,
                "backup": backup.name,
                "until": until,
            },
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            disclosure_basis="contact_person",
        )
    return sent


def _first_coordinator(uow: UnitOfWork, team: str) -> str:
    coordinators = uow.directory.members(team=team, role="coordinator")
    return coordinators[0].id if coordinators else ""


def who_is(uow: UnitOfWork, rules: Rules, *, organisation: str, now: datetime) -> list[Contact]:
    """Answers "/wie <organisatie>": the contact person and backup of every team for it."""
    with uow:
        result: list[Contact] = []
        for pair in uow.directory.contacts_for_partner(partner=organisation):
            primary = uow.directory.person(id=pair.primary_id or "")
            backup = uow.directory.person(id=pair.backup_id or "")
            reachable: Person | None = None
            for candidate in (primary, backup):
                if notify.is_reachable(uow, rules, candidate, now):
                    reachable = candidate
                    break
            result.append(
                Contact(
                    team=pair.team_id,
                    partner=pair.partner_id,
                    primary=primary.name if primary else None,
                    backup=backup.name if backup else None,
                    reachable=reachable.name if reachable else None,
                    primary_id=primary.id if primary else None,
                    backup_id=backup.id if backup else None,
                )
            )
        return result
