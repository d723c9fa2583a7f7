"""Dutch texts: handovers started and answered in every channel, declined referrals with
what to do next ("wie voor wat"), and the regisseur."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # reasons (the fixed list of bot/domain/reasons.py)
    "reason.not_our_service": "de vraag past beter bij een andere plek",
    "reason.outside_area": "het gezin woont buiten ons gebied",
    "reason.already_in_care": "het gezin krijgt al hulp van een andere plek",
    "reason.no_capacity": "er is nu geen plek",
    "reason.needs_consent": "er is geen toestemming voor deze stap",
    "reason.other": "een andere reden",
    "action.refuse.not_our_service": "Weigeren: past niet bij ons",
    "action.refuse.outside_area": "Weigeren: ander gebied",
    "action.refuse.no_capacity": "Weigeren: geen plek",
    "action.refuse.other": "Weigeren: andere reden",
    "handover.warm_meeting": (
        " (warme overdracht, met het gezin; voorstel voor een gesprek samen: {when})"
    ),
    "handover.refused_reason": (
        "{to_team} neemt {case_ref} niet over. De reden: {reason}. De zorg blijft bij jouw team."
    ),
    "chat.handover_refused_reason": "{case_ref}: overdracht geweigerd door {name} op {at}. Reden: {reason}.",
    # to the referrer: not taken, and what to do next
    "referrer.next_step": (
        "{team} is niet meer betrokken bij {case_ref} (uw kenmerk: {external_ref}). "
        "Wat kunt u nu doen? {next}"
    ),
    "referrer.next_step_reason": (
        "{team} neemt {case_ref} niet in behandeling (uw kenmerk: {external_ref}). "
        "De reden: {reason}. {next}"
    ),
    "decline.next_unknown": "Wilt u weten waar u wel terecht kunt? Neem dan contact met ons op.",
    "decline.next_place": "U kunt het gezin verwijzen naar {place}.",
    "decline.next_guide": "U kunt het gezin verwijzen naar {place}. Zij helpen bij: {helps_with}.",
    "decline.next_guide_how": (
        "U kunt het gezin verwijzen naar {place}. Zij helpen bij: {helps_with}. "
        "Zo meldt u aan: {how}."
    ),
    "chat.handover_usage": (
        "Zo vraag je een overdracht: /overdracht KENMERK naar TEAM. "
        "Voeg 'warm' toe voor een gesprek samen met het gezin, met een tijd zoals 2026-12-10T10:00. "
        "Verhuist het gezin? Schrijf dan naar GEMEENTE/TEAM."
    ),
    "chat.lead_usage": "Zo kies je de regisseur: /regie KENMERK PERSOON (de code uit het adresboek).",
    "chat.decline_usage": "Zo wijs je een verwijzing af: /afwijzen KENMERK REDEN [naar TEAM]. Redenen: {codes}.",
    # the command line and REST
    "cli.handover_started": "Overdracht van {case_ref} aan {to} gevraagd. Antwoord graag vóór {due}.",
    "cli.handover_accepted": "{case_ref}: overdracht geaccepteerd.",
    "cli.handover_refused": "{case_ref}: overdracht geweigerd.",
    "cli.referral_declined": "{case_ref}: wij nemen deze verwijzing niet aan. De verwijzer krijgt bericht.",
    "cli.lead_set": "{case_ref}: {name} is nu de regisseur.",
    "cli.lead_same": "{case_ref}: {name} was al de regisseur. Er is niets gewijzigd.",
    "cli.reasons": "Kies een reden: {codes}.",
    # the regisseur ("1 gezin, 1 plan, 1 regisseur")
    "home.leads": "Waar ik regisseur ben",
    "wie.case": "{case_ref} bij {team}. Regisseur: {lead}. Contactpersoon: {contact}.",
    "lead.none": "nog niemand",
    "lead.line": "Regisseur: {lead}.",
    "lead.changed": "{case_ref}: {name} is nu de regisseur. Dat was {previous}.",
    "lead.changed_you": "{case_ref}: jij bent nu de regisseur. Dat was {previous}.",
    "referrer.lead_changed": (
        "Over {case_ref} (uw kenmerk: {external_ref}): {name} van {team} is nu de regisseur. "
        "U kunt met vragen bij {name} terecht."
    ),
    # the demo
    "demo.declines": "neemt {case_ref} niet in behandeling: {reason}",
    "demo.sets_lead": "maakt {name} regisseur van {case_ref}",
    # errors
    "error.unknown_place": "Er is geen team of organisatie '{place}' in het adresboek.",
    "error.handover_pending": "Voor {case_ref} loopt al een overdracht. Wacht eerst het antwoord af.",
    "error.no_open_handover": "Voor {case_ref} loopt geen overdracht.",
    "error.reason_required": "Kies een reden uit de lijst voor {case_ref}.",
    "error.meeting_invalid": (
        "Een gesprek samen hoort bij een warme overdracht, en ligt in de toekomst."
    ),
    "error.lead_not_allowed": "{name} kan geen regisseur zijn van {case_ref}.",
    # a youth who moves to another municipality (bot/app/moves.py)
    "move.accepted": (
        "Gemeente {municipality} heeft {case_ref} overgenomen. Daar is het kenmerk {their_ref}. "
        "De zorg gaat daar verder."
    ),
    "move.refused": (
        "Gemeente {municipality} neemt {case_ref} niet over. De reden: {reason}. "
        "De zorg blijft bij jouw team."
    ),
    "referrer.moved": (
        "De hulp bij {case_ref} (uw kenmerk: {external_ref}) gaat verder in gemeente "
        "{municipality}. Vragen? Stel ze aan het team daar."
    ),
    "cli.move_started": (
        "Overdracht van {case_ref} aan {to} gevraagd. Daar is het kenmerk {their_ref}."
    ),
}
