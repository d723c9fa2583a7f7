"""Dutch texts: the forms behind the case buttons "Overdragen" and "Afwijzen" (Slack modal,
Teams dialog)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "action.handover": "Overdragen…",
    "action.decline": "Afwijzen…",
    "caseform.handover_title": "Overdragen",
    "caseform.decline_title": "Verwijzing afwijzen",
    "caseform.handover_intro": (
        "Je draagt {case_ref} over. Kies het team of de organisatie die de zorg overneemt."
    ),
    "caseform.decline_intro": (
        "Je neemt {case_ref} niet aan. Kies een reden. De verwijzer hoort van ons wat hij nu kan doen."
    ),
    "caseform.field_place": "Naar welk team of welke organisatie?",
    "caseform.field_warm": "Warme overdracht",
    "caseform.option_warm": "Ja, met een gesprek samen met het gezin",
    "caseform.field_day": "Dag van het gesprek",
    "caseform.field_time": "Tijd van het gesprek",
    "caseform.hint_meeting": "Alleen bij een warme overdracht. Weet je nog geen tijd? Laat dit dan leeg.",
    "caseform.field_reason": "Reden",
    "caseform.field_better_place": "Betere plek voor het gezin",
    "caseform.hint_better_place": "Weet je waar het gezin wel terecht kan? Kies die plek. Dit mag leeg blijven.",
    "caseform.meeting_both": "Vul een dag en een tijd in, of laat ze allebei leeg.",
    "caseform.done_title": "Klaar",
    "caseform.close": "Sluiten",
    "chatcard.declined": "{case_ref} is niet aangenomen.",
}
