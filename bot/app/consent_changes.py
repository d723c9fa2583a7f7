"""Consent: given, changed or withdrawn per case, by the party the Jeugdwet names; audited.

The one service the command line and (later) the chat adapters call. Lowering or
withdrawing consent takes effect in the same transaction: disclosures already queued under
the old level are ended in the outbox, and the dispatcher checks the level again before
each send (reminders/delivery/dispatcher.py), so nothing queued under a consent that is gone leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.domain.consent import Party, Rule, age_range, bases_beyond, check_party, rule_for
from bot.domain.errors import ConsentRefused, UnknownCase
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.schema.cases import Case
from store.uow import UnitOfWork


@dataclass(frozen=True)
class ConsentChange:
    case_ref: str
    before: str
    after: str
    given_by: str | None
    withheld: int  # queued disclosures that will not be sent


def rule_for_case(case: Case, rules: Rules, now: datetime) -> Rule:
    return rule_for(case.birth_month, rules.today(now))


def valid_birth_month(value: str, rules: Rules, now: datetime) -> str:
    """The value as stored ("YYYY-MM"), or ValueError (bad form, future, over 23 years:
    jeugdhulp ends at 18 and at the latest continues to 23)."""
    youngest, _ = age_range(value, rules.today(now))
    if youngest > 23:
        raise ValueError("birth month too long ago for youth care")
    return value.strip()


def set_consent(
    uow: UnitOfWork,
    rules: Rules,
    *,
    case_ref: str,
    level: Consent,
    given_by: Party | None,
    actor: str,
    now: datetime,
    channel: str | None = None,
    birth_month: str | None = None,
) -> ConsentChange:
    """Sets the consent of every referral of the case. A refusal is audited (and nothing
    changes); a change is audited with who gave it (on behalf of) and both levels."""
    with uow:
        case = uow.cases.by_ref(ref=case_ref)
        if case is None:
            notify.refuse(
                uow,
                now=now,
                actor=actor,
                case_ref=None,
                what="consent:unknown_case",
                channel=channel,
            )
            raise UnknownCase(case_ref=case_ref)
        if birth_month is not None:
            case.birth_month = birth_month
        referrals = uow.privacy.referrals_of_case(case_id=case.id or 0, lock=True)
        if not referrals:
            raise UnknownCase(case_ref=case_ref)
        before = referrals[0].consent
        rule = rule_for_case(case, rules, now)
        try:
            for referral in referrals:
                check_party(
                    rule, given_by, case_ref=case.ref, wanted=level, current=referral.consent
                )
        except ConsentRefused as exc:
            notify.refuse(
                uow,
                now=now,
                actor=actor,
                case_ref=case.ref,
                what=f"consent:{exc.reason}",
                channel=channel,
            )
            raise
        for referral in referrals:
            referral.consent = level
            referral.consent_given_by = given_by.value if given_by else None
            referral.consent_changed_at = now
        # Disclosures whose basis needs more than the new level never leave.
        withheld = uow.privacy.withhold_queued(
            referral_ids=[r.id for r in referrals if r.id is not None],
            bases=bases_beyond(level),
            now=now,
        )
        notify.audit(
            uow,
            event="consent_changed",
            now=now,
            actor=actor,
            case_ref=case.ref,
            on_behalf_of=given_by.value if given_by else None,
            channel=channel,
            basis=f"consent:{before}->{level.value}",
        )
        uow.commit()
        return ConsentChange(
            case.ref, before, level.value, given_by.value if given_by else None, withheld
        )
