"""A referral comes in: case and referral created, the referrer's receipt, the team's intake
question; then taken, assigned by a coordinator, or declined."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy.exc import IntegrityError

from bot.app import notify, pages
from bot.app.cases import load_referral, member_or_refuse, referrer_organisation_name
from bot.app.referrals.flow import schedule_feedback_prompt, tell_referrer
from bot.app.waits import stamp_milestone
from bot.domain import external_ref as external_ref_rule
from bot.domain.consent import Party, check_party, rule_for
from bot.domain.errors import (
    AlreadyAnswered,
    ConsentRefused,
    IdempotencyConflict,
    NotAllowed,
    UnknownPerson,
    UnknownReferrer,
    UnknownTeam,
)
from bot.domain.model import (
    Consent,
    PromptKind,
    PromptState,
    ReferralStatus,
    Role,
    check_referral_transition,
)
from bot.domain.rules import Rules
from bot.messages import Action, text
from store.rows import ReferralView
from store.schema.cases import Case, Prompt, Referral
from store.schema.directory import Person, Team
from store.schema.idempotency import ApiIdempotency
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Submitted:
    id: int
    case_ref: str
    status: str
    created: bool
    public_id: str = ""


@dataclass(frozen=True)
class Idempotency:
    """A REST client's `Idempotency-Key`: scoped per client (the key's name), with the hash
    of the canonical request body it was first used with."""

    client: str
    key: str
    body_hash: str


def submit_referral(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str,
    referrer: str,
    external_ref: str | None,
    consent: Consent,
    now: datetime,
    urgent: bool = False,
    source: str = "api",
    consent_given_by: Party | None = None,
    birth_month: str | None = None,
    submitted_by: str | None = None,
    idempotency: Idempotency | None = None,
) -> Submitted:
    """Creates case and referral, the referrer's receipt and the team's intake question.
    Who gave the consent is recorded; with a birth month the Jeugdwet rule is
    applied (a consent given by the wrong party is refused and the attempt audited).
    `external_ref` must be a reference (bot/domain/external_ref.py), whichever way it came.
    With `idempotency` the same key and body give the same referral (created False), the
    same key with another body raises IdempotencyConflict; two requests racing with one key
    make one referral (the loser rereads)."""
    external_ref_rule.check(external_ref)
    attempt = partial(
        _submit,
        uow,
        rules,
        team=team,
        referrer=referrer,
        external_ref=external_ref,
        consent=consent,
        now=now,
        urgent=urgent,
        source=source,
        consent_given_by=consent_given_by,
        birth_month=birth_month,
        submitted_by=submitted_by,
        idempotency=idempotency,
    )
    try:
        return attempt()
    except IntegrityError:
        if idempotency is None:
            raise
        # Another request with the same Idempotency-Key committed first: ours rolled back
        # (its case number stays unused); the second pass finds theirs.
        return attempt()


def _submit(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str,
    referrer: str,
    external_ref: str | None,
    consent: Consent,
    now: datetime,
    urgent: bool,
    source: str,
    consent_given_by: Party | None,
    birth_month: str | None,
    submitted_by: str | None,
    idempotency: Idempotency | None,
) -> Submitted:
    with uow:
        if idempotency is not None:
            seen = uow.api_idempotency.get(client=idempotency.client, key=idempotency.key)
            if seen is not None:
                if seen.body_hash != idempotency.body_hash:
                    raise IdempotencyConflict()
                return _existing(uow, seen.referral_id)
        the_team = uow.directory.team(id=team)
        if the_team is None:
            raise UnknownTeam(team=team)
        sender = uow.directory.person(id=referrer)
        if sender is None or not sender.active or not sender.has_role(Role.REFERRER):
            raise UnknownReferrer(referrer=referrer)
        if consent_given_by is not None or birth_month is not None:
            try:
                check_party(
                    rule_for(birth_month, rules.today(now)),
                    consent_given_by,
                    case_ref=external_ref or "—",
                    wanted=consent,
                    current=Consent.NONE,
                )
            except ConsentRefused as exc:
                what = f"consent:{exc.reason}"
                notify.refuse(uow, now=now, actor=f"{source}:{referrer}", case_ref=None, what=what)
                raise
        if external_ref:
            earlier = uow.referrals.by_external_ref(referrer=referrer, external_ref=external_ref)
            if earlier is not None:  # a resubmission (retry, second import) changes nothing
                assert earlier.id is not None
                if idempotency is not None:
                    _remember(uow, idempotency, earlier.id, now=now)
                    uow.commit()
                return _existing(uow, earlier.id)
        case = _new_case(uow, the_team, year=rules.calendar.local(now).year, now=now)
        uow.outbox.collect()  # the receipt and the team's question: one INSERT at commit
        case.birth_month = birth_month
        referral = uow.referrals.add(
            Referral(
                case_id=case.id or 0,
                team_id=team,
                intake_team_id=team,
                referrer_id=referrer,
                external_ref=external_ref,
                consent=consent,
                consent_given_by=consent_given_by.value if consent_given_by else None,
                consent_changed_at=now,
                urgent=urgent,
                source=source,
                submitted_by=submitted_by,
                received_at=now,
                status_changed_at=now,
                feedback_due_at=rules.calendar.add_working_days(
                    now, rules.norms(the_team).feedback
                ),
            )
        )
        assert referral.id is not None
        tell_referrer(uow, rules, referral, ReferralStatus.RECEIVED, now=now)
        _announce(uow, rules, referral, the_team, sender, case.ref, now=now)
        if idempotency is not None:
            _remember(uow, idempotency, referral.id, now=now)
        uow.commit()
        return Submitted(
            referral.id, case.ref, referral.status, created=True, public_id=referral.public_id
        )


def _existing(uow: UnitOfWork, referral_id: int) -> Submitted:
    referral = uow.referrals.get(id=referral_id)
    case = uow.cases.get(id=referral.case_id) if referral is not None else None
    assert referral is not None and referral.id is not None and case is not None
    return Submitted(referral.id, case.ref, referral.status, False, referral.public_id)


def _remember(
    uow: UnitOfWork, idempotency: Idempotency, referral_id: int, *, now: datetime
) -> None:
    """The Idempotency-Key, in the referral's transaction (flushed: a racing request with
    the same key fails on the primary key and rereads)."""
    uow.api_idempotency.add(
        ApiIdempotency(
            client=idempotency.client,
            key=idempotency.key,
            body_hash=idempotency.body_hash,
            referral_id=referral_id,
            created_at=now,
        )
    )


def _new_case(uow: UnitOfWork, team: Team, *, year: int, now: datetime) -> Case:
    """The next reference of the team's local year, e.g. JT-NRD-2026-0042, from the counter
    of that prefix and year: no scan, no retry. The counter is raised in a transaction of its
    own, committed at once: every intake of the team waits for the one before it on the
    counter's row lock, so that lock is held for one statement, not for the whole intake
    (issue 22). Only reads came before it (the checks are done); an intake that still fails
    after it (a crash, a lost Idempotency-Key race) leaves its number unused."""
    prefix = f"{team.case_prefix}-{year}"
    number = uow.cases.next_number(prefix=prefix)
    uow.commit()
    return uow.cases.add(Case(ref=f"{prefix}-{number:04d}", team_id=team.id, created_at=now))


def _announce(
    uow: UnitOfWork,
    rules: Rules,
    referral: Referral,
    team: Team,
    sender: Person,
    case_ref: str,
    *,
    now: datetime,
) -> None:
    organisation = uow.directory.organisation(id=sender.organisation_id or "")
    params = {
        "case_ref": case_ref,
        "organisation": organisation.name if organisation else sender.name,
        "kind": text(f"kind.{organisation.kind if organisation else 'other'}"),
        "received": rules.moment_text(now),
    }
    take = intake_actions(referral)
    send_at = rules.calendar.next_send_moment(now)
    piket = uow.directory.on_call(team=team.id, day=rules.today(now)) if referral.urgent else None
    if referral.urgent:
        send_at = now  # urgent referrals reach the piket (or coordinators) at once, day or night
        person = uow.directory.person(id=piket.person_id) if piket else None
        if person is not None:  # not taken in time: the next in the rota, then coordinators
            pages.start(uow, rules, referral, person, now=now)
        targets = [person] if person else uow.directory.members(team=team.id, role="coordinator")
        for target in targets:
            notify.to_person(
                uow,
                key=f"intake:{referral.id}:urgent:{target.id}",
                person=target,
                message_key="intake.urgent",
                params=params,
                now=now,
                not_before=send_at,
                actions=take,
                referral=referral,
                case_ref=case_ref,
            )
    else:
        notify.to_team_intake(
            uow,
            key=f"intake:{referral.id}:new",
            team=team,
            message_key="intake.new",
            params=params,
            now=now,
            not_before=send_at,
            actions=take,
            referral=referral,
            case_ref=case_ref,
        )
    uow.prompts.add(
        Prompt(
            referral_id=referral.id or 0,
            kind=PromptKind.INTAKE,
            created_at=now,
            sent_at=send_at,
            next_action_at=rules.calendar.add_working_days(send_at, rules.ladder[0]),
        )
    )


def intake_actions(referral: ReferralView) -> tuple[Action, ...]:
    """ "Ik pak hem op" for anyone in the team, a picker with which a coordinator assigns
    it (a chat adapter renders `assign` as its people picker), and "Afwijzen" for a
    coordinator, which opens the decline form (bot/app/chat/case_forms.py)."""
    return (
        Action("take", "action.take", str(referral.id), "primary"),
        Action("assign", "action.assign", str(referral.id)),
        Action("decline", "action.decline", str(referral.id)),
    )


def handover_action(case_ref: str) -> Action:
    """ "Overdragen…": opens the handover form for the case (bot/app/chat/case_forms.py)."""
    return Action("handover", "action.handover", case_ref)


def take_referral(
    uow: UnitOfWork, rules: Rules, *, referral_id: int, by: str, now: datetime
) -> str:
    """A professional of the team takes a new referral ("Ik pak hem op")."""
    with uow:
        referral, case = load_referral(uow, referral_id, lock=True)
        person = member_or_refuse(uow, referral, case, by=by, now=now, what="take")
        if referral.status != ReferralStatus.RECEIVED:
            holder = uow.directory.person(id=referral.assignee_id or "")
            raise AlreadyAnswered(
                case_ref=case.ref,
                by=holder.name if holder else "?",
                at=rules.moment_text(referral.assigned_at or now),
            )
        _assign(uow, rules, referral, case, person, now=now)
        uow.commit()
        return case.ref


def assign_referral(
    uow: UnitOfWork, rules: Rules, *, referral_id: int, to: str, by: str, now: datetime
) -> str:
    """A coordinator assigns or reassigns a referral to a professional of the team."""
    with uow:
        referral, case = load_referral(uow, referral_id, lock=True)
        coordinator = member_or_refuse(uow, referral, case, by=by, now=now, what="assign")
        if not coordinator.has_role(Role.COORDINATOR):
            notify.refuse(uow, now=now, actor=by, case_ref=case.ref, what="assign")
            raise NotAllowed(case_ref=case.ref)
        assignee = uow.directory.person(id=to)
        if assignee is None or not assignee.active or assignee.team_id != referral.team_id:
            raise UnknownPerson(person=to)
        _assign(uow, rules, referral, case, assignee, now=now)
        uow.commit()
        return case.ref


def _assign(
    uow: UnitOfWork, rules: Rules, referral: Referral, case: Case, person: Person, *, now: datetime
) -> None:
    check_referral_transition(referral.status, ReferralStatus.ASSIGNED)
    first = referral.status == ReferralStatus.RECEIVED
    referral.assignee_id = person.id
    case.lead_id = person.id  # the regisseur of "1 gezin, 1 plan, 1 regisseur"
    for prompt in uow.prompts.open_for(referral=referral.id or 0):
        prompt.state = (
            PromptState.ANSWERED
            if prompt.kind in (PromptKind.INTAKE, PromptKind.PAGE)
            else PromptState.CANCELLED
        )
        prompt.answered_by = person.id
        prompt.closed_at = prompt.answered_at = now
    uow.escalations.resolve_for(referral=referral.id or 0, now=now)
    if first:
        referral.status = ReferralStatus.ASSIGNED
        referral.assigned_at = now
        stamp_milestone(rules, referral, ReferralStatus.ASSIGNED, now=now)
        tell_referrer(uow, rules, referral, ReferralStatus.ASSIGNED, now=now, by=person.id)
    schedule_feedback_prompt(uow, rules, referral, person, now=now, after=rules.prompt_after)
    organisation = referrer_organisation_name(uow, referral)
    notify.to_person(
        uow,
        key=f"taken:{referral.id}:{person.id}:{now.isoformat()}",
        person=person,
        message_key="intake.taken",
        params={"case_ref": case.ref, "name": person.name, "organisation": organisation},
        now=now,
        not_before=now,  # the answer to a click is never held back
        # the taker is the regisseur now; another colleague can be picked (bot/app/chat/picks)
        # and hand it over (the handover form, bot/app/chat/case_forms.py)
        actions=(Action("lead", "action.lead", case.ref), handover_action(case.ref)),
        referral=referral,
        case_ref=case.ref,
    )
