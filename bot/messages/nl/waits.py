"""Dutch texts: waiting times (receipt and digest) and care that stalls (escalations, re-pages)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # in the receipt to the referrer
    "wait.expected_by": "U hoort uiterlijk op {day} van ons.",
    "wait.contact": "Meestal is er binnen {days} contact met het gezin.",
    "wait.intake_planned": "Een intakegesprek is er meestal binnen {days}.",
    "wait.help_started": "De hulp start meestal binnen {days}.",
    "wait.one_day": "{days} werkdag",
    "wait.days": "{days} werkdagen",
    # in the digest
    "digest.waits_title": "Wachttijden, laatste {weeks} weken (werkdagen na ontvangst):",
    "digest.wait_leg": "  {leg}: de helft binnen {median}, 4 van de 5 binnen {p80} (over {count:plural:# verwijzing|# verwijzingen})",
    "digest.wait_leg_none": "  {leg}: nog niet te meten",
    "digest.leg.contact_made": "tot eerste contact",
    "digest.leg.intake_planned": "tot intake",
    "digest.leg.help_started": "tot start hulp",
    # in the digest's CSV sheet
    "digest.csv.stalled_care_escalations": "Vastgelopen zorg (opschalingen)",
    "digest.csv.wait_referrals": "Verwijzingen gemeten, {leg}",
    "digest.csv.wait_median": "Mediaan werkdagen {leg}",
    "digest.csv.wait_p80": "80e percentiel werkdagen {leg}",
    "digest.stalled": "Vastgelopen zorg in deze periode: {count}",
    # to the team's coordinators: care that stalls
    "stall.snooze_cap": (
        "{name} heeft {case_ref} al {count} keer op 'nog niet' gezet. "
        "Wil je samen kijken wat er nodig is?"
    ),
    "stall.help_late": (
        "Bij {case_ref} is de hulp nog niet gestart. De intake werd {days} werkdagen geleden "
        "gepland. Contactpersoon: {name}. Wil je kijken wat er nodig is?"
    ),
    "stall.stale": (
        "{case_ref} staat al {days} werkdagen op '{status}'. Contactpersoon: {name}. "
        "Wil je kijken wat er nodig is?"
    ),
    "stall.nobody": "nog niemand",
    # an urgent referral nobody took
    "page.again": (
        "SPOED: niemand heeft {case_ref} van {organisation} opgepakt. "
        "{first} had piket en reageerde niet binnen {minutes} minuten. "
        "Jij bent de volgende in het rooster. Pak hem direct op."
    ),
    "page.coordinator": (
        "SPOED: niemand heeft {case_ref} van {organisation} opgepakt. "
        "De piket reageerde niet binnen {minutes} minuten. Pak hem op of wijs hem toe."
    ),
}
