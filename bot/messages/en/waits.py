"""English texts: waiting times (receipt and digest) and care that stalls (escalations, re-pages)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # in the receipt to the referrer
    "wait.expected_by": "You will hear from us by {day} at the latest.",
    "wait.contact": "Usually there is contact with the family within {days}.",
    "wait.intake_planned": "An intake meeting usually takes place within {days}.",
    "wait.help_started": "Help usually starts within {days}.",
    "wait.one_day": "{days} working day",
    "wait.days": "{days} working days",
    # in the digest
    "digest.waits_title": "Waiting times, last {weeks} weeks (working days after receipt):",
    "digest.wait_leg": "  {leg}: half within {median}, 4 in 5 within {p80} (over {count:plural:# referral|# referrals})",
    "digest.wait_leg_none": "  {leg}: nothing to measure yet",
    "digest.leg.contact_made": "to first contact",
    "digest.leg.intake_planned": "to intake",
    "digest.leg.help_started": "to help started",
    # in the digest's CSV sheet
    "digest.csv.stalled_care_escalations": "Stalled care (escalations)",
    "digest.csv.wait_referrals": "Referrals measured, {leg}",
    "digest.csv.wait_median": "Median working days {leg}",
    "digest.csv.wait_p80": "80th percentile working days {leg}",
    "digest.stalled": "Stalled care in this period: {count}",
    # to the team's coordinators: care that stalls
    "stall.snooze_cap": (
        "{name} has set {case_ref} to 'not yet' {count} times. "
        "Would you look together at what is needed?"
    ),
    "stall.help_late": (
        "Help has not started for {case_ref}. The intake was planned {days} working days "
        "ago. Contact person: {name}. Would you look at what is needed?"
    ),
    "stall.stale": (
        "{case_ref} has been at '{status}' for {days} working days. Contact person: {name}. "
        "Would you look at what is needed?"
    ),
    "stall.nobody": "nobody yet",
    # an urgent referral nobody took
    "page.again": (
        "URGENT: nobody has taken {case_ref} from {organisation}. "
        "{first} was on call and did not respond within {minutes} minutes. "
        "You are next in the rota. Please take it now."
    ),
    "page.coordinator": (
        "URGENT: nobody has taken {case_ref} from {organisation}. "
        "The on-call person did not respond within {minutes} minutes. Take it or assign it."
    ),
}
