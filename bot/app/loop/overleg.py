"""The vaste overleg per team and partner organisation: set, list, remove, and the reminder
the working day before with the open case references (references only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.app import notify
from bot.domain.consent import PROCEDURAL
from bot.domain.errors import ConsultationInvalid, UnknownConsultation, UnknownTeam
from bot.domain.external_ref import shown as shown_external_ref
from bot.domain.rules import Rules
from bot.domain.schedules import meeting_moment, parse_at, plan_next
from bot.messages import text
from store.schema.directory import Person
from store.schema.loop import Consultation
from store.uow import UnitOfWork

MAX_WEEKS = 52


@dataclass(frozen=True)
class ConsultationView:
    team: str
    team_name: str
    partner: str
    partner_name: str
    starts_on: date
    at: str
    every_weeks: int
    next_on: date
    remind_at: datetime


def set_consultation(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str,
    partner: str,
    first: datetime,
    every_weeks: int,
    now: datetime,
) -> ConsultationView:
    """Creates or replaces the pair's overleg: the first meeting (an aware moment, read in
    the local zone) and then every `every_weeks` weeks on that weekday and time."""
    local = rules.calendar.local(first)
    if not 1 <= every_weeks <= MAX_WEEKS:
        raise ConsultationInvalid("every", every=str(every_weeks), most=str(MAX_WEEKS))
    if local.weekday() >= 5:
        raise ConsultationInvalid("weekend", date=rules.day_text(local.date()))
    with uow:
        if uow.directory.team(id=team) is None:
            raise UnknownTeam(team=team)
        if uow.directory.organisation(id=partner) is None:
            raise ConsultationInvalid("partner", partner=partner)
        at = local.time().replace(second=0, microsecond=0)
        plan = plan_next(
            rules.calendar, starts_on=local.date(), at=at, every_weeks=every_weeks, after=now
        )
        row = uow.loop.consultation(team=team, partner=partner)
        if row is None:
            row = Consultation(
                team_id=team,
                partner_id=partner,
                starts_on=local.date(),
                at=f"{at:%H:%M}",
                every_weeks=every_weeks,
                next_on=plan.meeting_on,
                remind_at=plan.remind_at,
                updated_at=now,
            )
            uow.loop.add_consultation(row)
        else:
            row.starts_on, row.at, row.every_weeks = local.date(), f"{at:%H:%M}", every_weeks
            row.next_on, row.remind_at, row.updated_at = plan.meeting_on, plan.remind_at, now
        uow.commit()
    [view] = [v for v in list_consultations(uow) if (v.team, v.partner) == (team, partner)]
    return view


def list_consultations(uow: UnitOfWork) -> list[ConsultationView]:
    with uow:
        teams = {t.id: t.name for t in uow.directory.teams()}
        partners = {o.id: o.name for o in uow.directory.organisations()}
        return [
            ConsultationView(
                team=c.team_id,
                team_name=teams.get(c.team_id, c.team_id),
                partner=c.partner_id,
                partner_name=partners.get(c.partner_id, c.partner_id),
                starts_on=c.starts_on,
                at=c.at,
                every_weeks=c.every_weeks,
                next_on=c.next_on,
                remind_at=c.remind_at,
            )
            for c in uow.loop.consultations()
        ]


def remove_consultation(uow: UnitOfWork, *, team: str, partner: str) -> None:
    with uow:
        row = uow.loop.consultation(team=team, partner=partner)
        if row is None:
            raise UnknownConsultation(team=team, partner=partner)
        uow.loop.remove_consultation(row)
        uow.commit()


def remind_consultation(
    uow: UnitOfWork, rules: Rules, consultation: Consultation, *, now: datetime
) -> int:
    """The due reminder: to the partner's referrers and the team's reachable contact person,
    the meeting and the open case references; on a holiday, that it does not take place.
    Then the next meeting is planned. Returns the messages queued."""
    at = parse_at(consultation.at)
    meeting_on = consultation.next_on
    begins = meeting_moment(rules.calendar, meeting_on, at)
    following = plan_next(
        rules.calendar,
        starts_on=consultation.starts_on,
        at=at,
        every_weeks=consultation.every_weeks,
        after=max(begins, now),
    )
    consultation.next_on, consultation.remind_at = following.meeting_on, following.remind_at
    if begins <= now:
        return 0  # no worker ran in time: a reminder after the meeting helps nobody
    team = uow.directory.team(id=consultation.team_id)
    partner = uow.directory.organisation(id=consultation.partner_id)
    if team is None or partner is None:
        return 0
    recipients = _recipients(uow, rules, consultation, now)
    holiday = not rules.calendar.is_working_day(meeting_on)
    cases = [] if holiday else uow.loop.open_case_refs(team=team.id, partner=partner.id)
    sent = 0
    for person in recipients:
        params = {
            "team": team.name,
            "partner": partner.name,
            "date": rules.day_text(meeting_on),
            "time": consultation.at,
        }
        if holiday:
            key = "overleg.cancelled"
            params["next"] = rules.day_text(following.meeting_on)
        elif cases:
            key = "overleg.reminder"
            params["cases"] = "\n".join(
                text(
                    "overleg.case_line",
                    person.language,
                    case_ref=ref,
                    external_ref=shown_external_ref(ext),
                )
                for ref, ext in cases
            )
        else:
            key = "overleg.reminder_none"
        sent += notify.to_person(
            uow,
            key=f"overleg:{consultation.id}:{meeting_on.isoformat()}:{person.id}",
            person=person,
            message_key=key,
            params=params,
            now=now,
            not_before=rules.calendar.next_send_moment(now),
            # To a partner these are procedural facts (which referrals are still open), no
            # content; the references are in the outbox row, the audit row has no single case.
            disclosure_basis=None if person.team_id == team.id else PROCEDURAL,
        )
    return sent


def _recipients(
    uow: UnitOfWork, rules: Rules, consultation: Consultation, now: datetime
) -> list[Person]:
    people = list(uow.directory.referrers_of(organisation=consultation.partner_id))
    pair = uow.directory.contact_for(team=consultation.team_id, partner=consultation.partner_id)
    if pair is not None:
        for person_id in (pair.primary_id, pair.backup_id):
            person = uow.directory.person(id=person_id or "")
            if notify.is_reachable(uow, rules, person, now):
                assert person is not None
                people.append(person)
                break
    return people
