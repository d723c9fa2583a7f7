"""Dutch texts, the default language. Keys and parameters must match en.py."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # statuses a referrer can receive (fixed vocabulary)
    "status.received": "ontvangen",
    "status.assigned": "toegewezen aan een medewerker",
    "status.contact_made": "er is contact gelegd met het gezin",
    "status.intake_planned": "er is een intakegesprek gepland",
    "status.help_started": "de hulp is gestart",
    "status.handed_over": "overgedragen aan een andere organisatie",
    "status.closed": "afgesloten",
    "status.declined": "niet in behandeling genomen",
    # buttons
    "action.contact_made": "Contact gelegd",
    "action.intake_planned": "Intake gepland",
    "action.help_started": "Hulp gestart",
    "action.handed_over": "Overgedragen",
    "action.closed": "Afgesloten",
    "action.not_yet": "Nog niet",
    "action.take": "Ik pak hem op",
    "action.accept": "Overdracht accepteren",
    "action.refuse": "Weigeren",
    # to the referrer
    "referrer.receipt": (
        "Uw verwijzing is ontvangen door {team}. Ons kenmerk: {case_ref} "
        "(uw kenmerk: {external_ref}). U hoort van ons zodra er contact is gelegd."
    ),
    "referrer.receipt_with_contact": (
        "Uw verwijzing is ontvangen door {team}. Ons kenmerk: {case_ref} "
        "(uw kenmerk: {external_ref}). U hoort van ons zodra er contact is gelegd. "
        "Uw vaste contactpersoon bij {team} is {contact}."
    ),
    "referrer.status": (
        "Terugkoppeling over {case_ref} (uw kenmerk: {external_ref}): {status}. "
        "Contactpersoon: {contact}, {team}."
    ),
    "referrer.status_with_note": (
        "Terugkoppeling over {case_ref} (uw kenmerk: {external_ref}): {status}. "
        "Contactpersoon: {contact}, {team}. Toelichting: {note}"
    ),
    "referrer.in_progress": (
        "Uw verwijzing {case_ref} (uw kenmerk: {external_ref}) is in behandeling bij {team}. "
        "Zonder toestemming van de jeugdige of ouders kunnen wij geen details delen."
    ),
    "referrer.ended": (
        "De betrokkenheid van {team} bij {case_ref} (uw kenmerk: {external_ref}) is beëindigd."
    ),
    "referrer.handed_over": (
        "{case_ref} (uw kenmerk: {external_ref}) is overgedragen aan {team}. "
        "Uw contactpersoon is nu {contact}."
    ),
    "referrer.backup_contact": (
        "Uw vaste contactpersoon bij {team}, {primary}, is afwezig tot en met {until}. "
        "In die periode is {backup} uw contactpersoon."
    ),
    "referrer.contact_left": (
        "Uw vaste contactpersoon bij {team}, {primary}, werkt daar niet meer. "
        "Tot er een nieuwe is, is {backup} uw contactpersoon."
    ),
    # to the team's intake channel or piket
    "intake.new": (
        "Nieuwe verwijzing {case_ref} van {organisation} ({kind}), ontvangen {received}. "
        "Wie pakt hem op?"
    ),
    "intake.urgent": (
        "SPOED: verwijzing {case_ref} van {organisation} ({kind}), ontvangen {received}. "
        "Jij hebt piket; pak hem direct op."
    ),
    "intake.reminder": "Herinnering: {case_ref} (ontvangen {received}) is nog door niemand opgepakt.",
    "intake.escalation": (
        "Opschaling: {case_ref} van {organisation} is na {days} werkdagen nog niet opgepakt. "
        "Wil je hem toewijzen?"
    ),
    "intake.taken": "{case_ref} is opgepakt door {name}. Je bent de contactpersoon voor {organisation}.",
    # to the assigned professional
    "prompt.feedback": (
        "Hoe staat het met {case_ref}? {organisation} verwees op {received} en wacht op "
        "terugkoppeling (norm: binnen {norm} werkdagen)."
    ),
    "prompt.followup": (
        "Is er nieuws over {case_ref}? De laatste stand die {organisation} kreeg: {status}."
    ),
    "prompt.reminder": (
        "Herinnering {number}: {organisation} wacht nog op terugkoppeling over {case_ref} "
        "(verwezen op {received})."
    ),
    "prompt.on_behalf": (
        "{absent} is afwezig; jij bent vervanger. {organisation} wacht op terugkoppeling over "
        "{case_ref} (verwezen op {received}). Hoe staat het?"
    ),
    "prompt.escalation": (
        "Opschaling: {name} heeft na {days} werkdagen niet gereageerd op de vraag over "
        "{case_ref} van {organisation}. De norm voor terugkoppeling is {norm} werkdagen."
    ),
    "prompt.answered": "Genoteerd: {case_ref} — {status}. {organisation} krijgt bericht.",
    "prompt.answered_withheld": (
        "Genoteerd: {case_ref} — {status}. Zonder toestemming krijgt {organisation} alleen "
        "te horen dat de verwijzing in behandeling is."
    ),
    "prompt.snoozed": "Prima. Ik vraag het je op {date} opnieuw.",
    # handovers
    "handover.requested": (
        "{from_team} vraagt {to_team} om {case_ref} over te nemen{warm}. "
        "Graag accepteren vóór {due}."
    ),
    "handover.warm_suffix": " (warme overdracht, met het gezin)",
    "handover.reminder": (
        "Herinnering: de overdracht van {case_ref} door {from_team} wacht sinds {since} op "
        "acceptatie (termijn verlopen op {due})."
    ),
    "handover.escalation": (
        "Opschaling: de overdracht van {case_ref} van {from_team} naar {to_team} is "
        "{days} werkdagen over de termijn en nog niet geaccepteerd."
    ),
    "handover.accepted": "{to_team} heeft {case_ref} overgenomen. Contactpersoon: {name}.",
    "handover.refused": "{to_team} heeft de overdracht van {case_ref} geweigerd.",
    # contact coverage
    "coverage.backup_active": (
        "{primary} is afwezig tot en met {until}. Jij bent tot dan de contactpersoon van "
        "{team} voor {partner}."
    ),
    "coverage.gap": (
        "Let op: {team} heeft geen bereikbare vaste contactpersoon voor {partner}. "
        "Wijs een contactpersoon en een vervanger aan."
    ),
    "delivery.failed": (
        "Een bericht voor {recipient} over {case_ref} kon niet worden bezorgd ({reason}). "
        "Neem zelf contact op."
    ),
    # errors a person may read
    "error.generic": "Er ging iets mis. Probeer het later opnieuw of vraag je coördinator.",
    "error.not_allowed": "U mag dit niet doen voor {case_ref}. Deze poging is vastgelegd.",
    "error.unknown_person": (
        "U bent niet bekend bij terugkoppel. Vraag uw coördinator om u aan te melden. "
        "Deze poging is vastgelegd."
    ),
    "error.unknown_case": "Er is geen verwijzing {case_ref} die u mag inzien.",
    "error.unknown_team": "Team '{team}' bestaat niet.",
    "error.unknown_referrer": "Verwijzer '{referrer}' is niet bekend.",
    "error.invalid_transition": "Dit kan niet: van '{current}' naar '{target}' ({machine}).",
    "error.already_answered": "Deze vraag over {case_ref} is al beantwoord door {by} op {at}.",
    "error.note_refused": (
        "De toelichting bevat mogelijk persoonsgegevens ({found}). Formuleer haar zonder "
        "namen, nummers, adressen of datums; de toelichting is niet opgeslagen."
    ),
    "error.directory": (
        "Het adresboek is niet ingelezen: {entry}, veld '{field}': {problem}. "
        "Er is niets gewijzigd."
    ),
    "error.setting": "Instelling {name} is ongeldig: {problem}",
    "error.delivery": "Bezorging mislukt: {reason}",
    "error.database": "De database is niet bereikbaar ({problem}). Controleer {name}.",
    "error.schema": "De database is niet bijgewerkt. Voer eerst 'terugkoppel db upgrade' uit.",
    # command line
    "cli.import_done": (
        "Adresboek ingelezen: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd, "
        "{left} vertrokken."
    ),
    "cli.tick_done": "Ronde klaar: {actions} acties, {sent} berichten verzonden.",
    "cli.db_upgraded": "Database bijgewerkt tot versie {revision}.",
    "cli.bad_time": "'{value}' is geen tijdstip in ISO 8601, bijvoorbeeld 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is geen week als 2026-W48.",
    "cli.check_ok": "In orde: {what}",
    "cli.check_problem": "Probleem: {what}: {problem}",
    "cli.serving": "terugkoppel luistert op http://{host}:{port}",
    # digest
    "digest.title": "Weekoverzicht {team} — week {week}",
    "digest.municipality": "gemeente",
    "digest.title_period": "Overzicht {team} — {period}",
    "digest.new_referrals": "Nieuwe verwijzingen: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": (
        "Eerste terugkoppeling binnen {norm} werkdagen: {share} ({within} van {due})"
    ),
    "digest.within_norm_none": "Eerste terugkoppeling binnen {norm} werkdagen: nog niet te meten",
    "digest.median": "Mediaan tot eerste terugkoppeling: {median} werkdagen",
    "digest.open_prompts": "Openstaande vragen aan medewerkers: {count}",
    "digest.escalations": "Opschalingen in deze periode: {count}",
    "digest.overdue_handovers": "Overdrachten over de termijn: {count}",
    "digest.overdue_handover": "  {case_ref} naar {to_team}: {days} werkdagen over de termijn",
    "digest.no_contact": "Partners zonder bereikbare contactpersoon: {count}",
    "digest.no_contact_partner": "  {partner}",
    # organisation kinds
    "kind.gp": "huisarts",
    "kind.school": "school",
    "kind.police": "politie",
    "kind.jgz": "JGZ",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "zorgaanbieder",
    "kind.municipality": "gemeente",
    "kind.other": "overig",
    # demo narration
    "demo.title": "terugkoppel demo — gemeente Oosterwaard, {start} tot en met {end}",
    "demo.progress": "Simulatie",
    "demo.day": "{weekday} {date}",
    "demo.holiday": "{weekday} {date} — {holiday}: geen berichten aan medewerkers",
    "demo.event": "{who} {what}",
    "demo.clicks": "klikt '{label}' bij {case_ref}",
    "demo.submits": "verwijst {external_ref} naar {team} ({consent})",
    "demo.requests_handover": "vraagt {to_team} om {case_ref} over te nemen",
    "demo.marks_absent": "meldt zich afwezig tot en met {until}",
    "demo.summary": "Klaar: {referrals} verwijzingen, {messages} berichten, {escalations} opschalingen.",
    "weekday.0": "maandag",
    "weekday.1": "dinsdag",
    "weekday.2": "woensdag",
    "weekday.3": "donderdag",
    "weekday.4": "vrijdag",
    "weekday.5": "zaterdag",
    "weekday.6": "zondag",
    "consent.none": "geen toestemming",
    "consent.status": "toestemming voor status",
    "consent.notes": "toestemming voor status en toelichting",
}
