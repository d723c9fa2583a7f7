"""Dutch texts, the default language: the referral's vocabulary: statuses, buttons, prompts, handovers, errors."""

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
        "(uw kenmerk: {external_ref}). {expected}{usually}"
    ),
    "referrer.receipt_with_contact": (
        "Uw verwijzing is ontvangen door {team}. Ons kenmerk: {case_ref} "
        "(uw kenmerk: {external_ref}). {expected}{usually} "
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
    "intake.reminder": "Herinnering: niemand heeft {case_ref} al opgepakt. Binnen op {received}.",
    "intake.escalation": (
        "Opschaling: {case_ref} van {organisation} is na {days:plural:# werkdag|# werkdagen} nog niet opgepakt. "
        "Wil je hem toewijzen?"
    ),
    "intake.taken": "{case_ref} is opgepakt door {name}. Je bent de contactpersoon voor {organisation}.",
    # to the assigned professional
    "prompt.feedback": (
        "Hoe staat het met {case_ref}? {organisation} verwees op {received} en wacht op "
        "terugkoppeling (norm: binnen {norm:plural:# werkdag|# werkdagen}). Regisseur: {lead}."
    ),
    "prompt.followup": (
        "Is er nieuws over {case_ref}? De laatste stand die {organisation} kreeg: {status}. Regisseur: {lead}."
    ),
    "prompt.reminder": (
        "Herinnering {number}: {organisation} wacht nog op nieuws over {case_ref}. Verwezen op {received}. Regisseur: {lead}."
    ),
    "prompt.on_behalf": (
        "{absent} is afwezig; jij bent vervanger. {organisation} wacht op terugkoppeling over "
        "{case_ref} (verwezen op {received}). Hoe staat het? Regisseur: {lead}."
    ),
    "prompt.escalation": (
        "Opschaling: {name} heeft na {days:plural:# werkdag|# werkdagen} niet gereageerd op de vraag over "
        "{case_ref} van {organisation}. De norm voor terugkoppeling is {norm:plural:# werkdag|# werkdagen}. Regisseur: {lead}."
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
        "{days:plural:# werkdag|# werkdagen} over de termijn en nog niet geaccepteerd."
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
    # Slack: replies to clicks and commands, modals, App Home
    "action.lead": "Andere regisseur kiezen…",
    "action.assign": "Toewijzen aan…",
    "action.note": "Met toelichting…",
    # errors a person may read
    "error.generic": "Er ging iets mis. Probeer het later opnieuw of vraag je coördinator.",
    "error.not_allowed": "Dit mag niet voor {case_ref}. Deze poging is vastgelegd.",
    "error.unknown_person": (
        "Je bent niet bekend bij terugkoppel. Vraag je coördinator om je aan te melden. Deze poging is vastgelegd."
    ),
    "error.unknown_case": "Verwijzing {case_ref} bestaat niet of is hier niet in te zien.",
    "error.unknown_team": "Team '{team}' bestaat niet.",
    "error.unknown_referrer": "Verwijzer '{referrer}' is niet bekend.",
    "error.invalid_transition": "Dit kan niet: van '{current}' naar '{target}' ({machine}).",
    "error.already_answered": "Deze vraag over {case_ref} is al beantwoord door {by} op {at}.",
    "error.note_refused": (
        "In de toelichting staan misschien gegevens van een persoon: {found}. Haal die weg. Schrijf geen namen, nummers, adressen of datums. De toelichting is niet opgeslagen."
    ),
    "privacy.hint.bsn": "dit lijkt een BSN",
    "privacy.hint.phone": "dit lijkt een telefoonnummer",
    "privacy.hint.email": "dit lijkt een e-mailadres",
    "privacy.hint.postcode": "dit lijkt een postcode",
    "privacy.hint.address": "dit lijkt een adres",
    "privacy.hint.date": "dit lijkt een datum",
    "privacy.hint.name": "dit lijkt een naam",
    "privacy.hint.iban": "dit lijkt een rekeningnummer",
    "privacy.hint.other": "dit lijkt een nummer dat iemand herkenbaar maakt",
    "privacy.note_again": (
        "De toelichting is niet verstuurd en niet opgeslagen. Haal eruit wat opvalt en "
        "verstuur opnieuw, zonder namen, nummers, adressen of datums."
    ),
    "privacy.marked_heading": "De tekst, met wat opvalt tussen ⟦ ⟧:",
    "privacy.marked": "De tekst, met wat opvalt tussen ⟦ ⟧: {note}",
    "privacy.note_refused_marked": (
        "De toelichting is niet verstuurd en niet opgeslagen: {found}. De tekst, met wat "
        "opvalt tussen ⟦ ⟧: {marked}"
    ),
    "privacy.check_clean": "Niets gevonden.",
    "privacy.check_usage": "Geef een tekst mee, of stuur hem via standaardinvoer.",
    "error.directory": (
        "Het adresboek is niet ingelezen: {entry}, veld '{field}': {problem}. "
        "Er is niets gewijzigd."
    ),
    "error.setting": "Instelling {name} is ongeldig: {problem}",
    "error.settings": "De instellingen passen niet bij elkaar: {problem}",
    "error.delivery": "Bezorging mislukt: {reason}",
    "error.database": "De database doet het niet ({problem}). Kijk {name} na.",
    "error.schema": "De database is niet bij. Doe eerst 'terugkoppel db upgrade'.",
    # organisation kinds
    "kind.gp": "huisarts",
    "kind.school": "school",
    "kind.police": "politie",
    "kind.jgz": "JGZ",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "zorgaanbieder",
    "kind.municipality": "gemeente",
    "kind.other": "overig",
    # deployment
    "api.rate_limited": "Te veel verzoeken met deze API-sleutel. Probeer het over {seconds:plural:# seconde|# seconden} opnieuw.",
    "api.database_unavailable": "De database doet het even niet. Probeer het over een paar tellen opnieuw.",
    "api.internal_error": "Er ging iets mis aan onze kant. Noem het nummer van het verzoek (request_id) als u contact opneemt.",
    "api.invalid_value": "Een waarde in het verzoek kan niet worden opgeslagen: te lang, buiten bereik of met stuurtekens.",
    "api.conflict": "Het verzoek botst met gegevens die al zijn opgeslagen.",
    "api.control_characters": "Stuurtekens (zoals NUL) zijn niet toegestaan.",
    # the referrer's own loop (DESIGN.md flow 9)
    "action.settled": "Geregeld",
    "action.checkin_better": "Beter",
    "action.checkin_same": "Hetzelfde",
    "action.checkin_worse": "Slechter",
    "action.checkin_unknown": "Weet ik niet",
    "referrer.request_consent": (
        "Voor uw verwijzing {case_ref} (uw kenmerk: {external_ref}) heeft {team} toestemming "
        "van de jeugdige en/of ouders nodig. Wilt u die regelen? Vragen: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_information": (
        "Voor uw verwijzing {case_ref} (uw kenmerk: {external_ref}) mist {team} nog informatie. "
        "Wilt u contact opnemen met {contact}, {team}? Klik op Geregeld als het rond is."
    ),
    "referrer.request_consent_reminder": (
        "Herinnering: {team} wacht sinds {date} op toestemming voor {case_ref} "
        "(uw kenmerk: {external_ref}). Vragen: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_information_reminder": (
        "Herinnering: {team} wacht sinds {date} op ontbrekende informatie over {case_ref} "
        "(uw kenmerk: {external_ref}). Contact: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_thanks": "Dank u. Genoteerd: {what} voor {case_ref} is geregeld.",
    "referrer.checkin": (
        "Een tijd geleden is de hulp bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}) "
        "gestart. Merkt u verschil? Uw antwoord gaat naar {contact}, {team}."
    ),
    "referrer.checkin_thanks": "Dank u. Uw antwoord voor {case_ref} is doorgegeven: {answer}.",
    "error.referral_ended": "{case_ref} is afgesloten; er valt niets meer te vragen.",
    "error.no_open_request": "{case_ref} wacht niet op de verwijzer.",
    "error.unknown_consultation": "Er is geen vast overleg van {team} met {partner}.",
    "error.consultation_invalid": "Dit vaste overleg kan zo niet.",
    "error.consultation_weekend": "Een vast overleg valt op een werkdag; {date} is een weekenddag.",
    "error.consultation_every": "--every {every}: kies een aantal weken van 1 tot en met {most}.",
    "error.consultation_partner": "Het adresboek kent geen partner {partner}.",
    "error.consultation_first": "--first {value}: geef het eerste overleg als 2026-12-08T13:00.",
    # consent, API keys, audit, retention
    "error.consent_parents": (
        "Voor {case_ref} geven de ouders toestemming: de jeugdige is jonger dan 12 jaar. "
        "Vraag de toestemming van de ouders (of van ouders en jeugdige samen). Er is niets gewijzigd."
    ),
    "error.consent_both": (
        "Voor {case_ref} geven de jeugdige én de ouders toestemming: de jeugdige is 12 tot en "
        "met 15 jaar (of wordt dat deze maand). Vraag beiden. Er is niets gewijzigd."
    ),
    "error.consent_youth": (
        "Voor {case_ref} geeft de jeugdige zelf toestemming: hij of zij is 16 jaar of ouder. "
        "Vraag de jeugdige. Er is niets gewijzigd."
    ),
    "error.consent_needs_party": (
        "Wie gaf de toestemming voor {case_ref}? Kies ouders, jeugdige of beiden "
        "(--given-by). Er is niets gewijzigd."
    ),
    "error.bad_external_ref": (
        "Het kenmerk van de verwijzer is geen geldig kenmerk: begin met een letter of cijfer, "
        "gebruik verder alleen letters, cijfers en - _ . / (geen spaties), hoogstens 64 tekens, "
        "bijvoorbeeld HAP-7781. Er is niets opgeslagen."
    ),
    "error.external_ref_found": (
        "In het kenmerk staan misschien gegevens van een persoon: {found}. Gebruik alleen uw eigen kenmerk, zoals HAP-7781. Er is niets opgeslagen."
    ),
    "error.external_ref_personal": (
        "Het kenmerk van de verwijzer lijkt persoonsgegevens te bevatten, zoals een naam, "
        "nummer of datum. Gebruik alleen uw eigen kenmerk, bijvoorbeeld HAP-7781. Er is niets "
        "opgeslagen."
    ),
    "error.idempotency_conflict": (
        "Deze Idempotency-Key hoort al bij een andere verwijzing. Gebruik een nieuwe sleutel voor elke nieuwe verwijzing. Er is niets opgeslagen."
    ),
    "error.bad_idempotency_key": (
        "De Idempotency-Key klopt niet. Gebruik 1 tot 200 tekens (ASCII), zonder spaties."
    ),
    "api.unknown_referral": "Er is geen verwijzing {id} die deze API-sleutel mag inzien.",
    "api.unauthorised": "De API-sleutel ontbreekt, klopt niet of is niet meer geldig.",
}
