"""A referral made in a chat form: the choices the form offers this person (teams, and
referrers for a professional), and the submitted form made a referral."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood
from bot.app.data import Data
from bot.app.referrals import intake
from bot.domain import external_ref as external_ref_rule
from bot.domain.model import Consent, Role
from bot.domain.rules import Rules
from bot.messages import Message, text

Choice = tuple[str, str]  # value, label


@dataclass(frozen=True)
class Choices:
    teams: list[Choice]
    referrers: list[Choice]  # empty for a referrer, who refers for themselves
    self_label: str | None  # a referrer: who they refer as


def choices(data: Data, person: Actor) -> Choices:
    with data.uow() as uow:
        teams = [(t.id, t.name) for t in uow.directory.teams()]
        organisations = {o.id: o.name for o in uow.directory.organisations()}
        if person.has_role(Role.REFERRER) and not person.team:
            organisation = organisations.get(person.organisation or "", person.name)
            label = text(
                "slack.referrer_self", person.language, name=person.name, organisation=organisation
            )
            return Choices(teams, [], label)
        referrers = sorted(
            (
                (p.id, f"{p.name} ({organisations.get(p.organisation_id or '', '—')})")
                for p in uow.directory.people()
                if p.active and p.has_role(Role.REFERRER)
            ),
            key=lambda item: item[1].lower(),
        )
    return Choices(teams, referrers, None)


def matching(found: list[Choice], query: str) -> list[Choice]:
    """The choices whose label holds every word typed (case as typed is ignored)."""
    words = query.casefold().split()
    return [(value, label) for value, label in found if all(w in label.casefold() for w in words)]


@dataclass(frozen=True)
class ReferralForm:
    team: str
    referrer: str | None  # None: the person submitting is the referrer
    external_ref: str | None
    consent: Consent
    urgent: bool


async def submit(
    data: Data, rules: Rules, person: Actor, form: ReferralForm, now: datetime, source: str
) -> Message:
    """The referral made (or found: the same referral submitted twice), named for the person."""
    referrer = form.referrer or person.id
    if form.referrer is None and not person.has_role(Role.REFERRER):
        raise NotUnderstood("slack.choose")
    if form.referrer is not None and not (
        person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)
    ):
        raise NotUnderstood("error.not_allowed", case_ref="—")
    result = await asyncio.to_thread(
        intake.submit_referral,
        data.uow(),
        rules,
        team=form.team,
        referrer=referrer,
        external_ref=form.external_ref,
        consent=form.consent,
        urgent=form.urgent,
        now=now,
        source=source,
    )
    team, name = await asyncio.to_thread(_names, data, form.team, referrer)
    key = "slack.referral_created" if result.created else "slack.referral_exists"
    params = {"case_ref": result.case_ref, "team": team, "referrer": name}
    return Message(key, params, language=person.language)


def _names(data: Data, team: str, person: str) -> tuple[str, str]:
    with data.uow() as uow:
        the_team = uow.directory.team(id=team)
        the_person = uow.directory.person(id=person)
    return (the_team.name if the_team else team, the_person.name if the_person else person)


Problems = dict[str, tuple[str, dict[str, str]]]  # field -> catalogue key and parameters


def read(
    *,
    team: str | None,
    referrer: str | None,
    external_ref: str | None,
    consent: str | None,
    urgent: bool,
) -> tuple[ReferralForm | None, Problems]:
    """A form's fields as any chat sends them: the referral, or the problems per field
    ("team", "external_ref", "consent"). The reference is checked as the API checks it."""
    problems: Problems = {}
    team = (team or "").strip() or None
    external_ref = " ".join((external_ref or "").split()) or None
    if team is None:
        problems["team"] = ("slack.choose", {})
    error = external_ref_rule.problem(external_ref) if external_ref is not None else None
    if error is not None:
        params = {k: str(v) for k, v in error.params.items()}
        key = "error.external_ref_found" if "kinds" in params else error.key
        problems["external_ref"] = (key, params)
    if consent not in {c.value for c in Consent}:
        problems["consent"] = ("slack.choose", {})
    if problems or team is None or consent is None:
        return None, problems
    chosen = (referrer or "").strip() or None
    return ReferralForm(team, chosen, external_ref, Consent(consent), urgent), {}
