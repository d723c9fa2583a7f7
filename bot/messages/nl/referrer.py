"""Dutch texts, the default language: the referrer's side: e-mail, answer links, satisfaction, the referrer's own loop, consent."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "consent.none": "geen toestemming",
    "consent.status": "toestemming voor status",
    "consent.notes": "toestemming voor status en toelichting",
    # e-mail
    "email.subject_referral": "Terugkoppeling {case_ref}",
    "email.subject_case": "terugkoppel: {case_ref}",
    "email.subject_plain": "terugkoppel: {first}",
    "email.contact": "Uw contactpersoon: {contact}, {role}.",
    "email.contact_role": "contactpersoon bij {team}",
    "email.contact_reach": "Bereikbaar via {email}.",
    "email.note_elsewhere": (
        "Bij deze terugkoppeling hoort een toelichting. Die sturen wij niet per e-mail; "
        "uw contactpersoon vertelt u er graag meer over."
    ),
    "email.answer_links": "Klik op uw antwoord (de link werkt één keer):",
    "email.answer_links_professional": "Klik op je antwoord (de link werkt één keer):",
    "email.answer_links_note": (
        "Klik op je antwoord (de link werkt één keer). Daarna kun je op de pagina ook een "
        "toelichting voor de verwijzer meegeven:"
    ),
    "email.answer_in_chat": "Beantwoorden kan in Slack of Teams; deze e-mail heeft geen knoppen.",
    "email.footer": (
        "terugkoppel heeft dit bericht zelf verstuurd. U kunt er niet op antwoorden. Heeft u een vraag? Neem dan contact op met uw contactpersoon."
    ),
    "checkin.better": "beter",
    "checkin.same": "hetzelfde",
    "checkin.worse": "slechter",
    "checkin.unknown": "weet ik niet",
    "loop.kind.consent": "toestemming",
    "loop.kind.information": "ontbrekende informatie",
    "links.request.question": "{team} wachtte op u bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}). Is het geregeld?",
    "links.request.choice": "geregeld",
    "links.checkin.question": "Merkt u verschil sinds de hulp bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}) is gestart?",
    "links.answered_before": "Dit was al beantwoord voor {case_ref} (door {by}, {at}).",
    "loop.asked": (
        "{case_ref} wacht nu op {what} van {referrer}. De verwijzer krijgt het verzoek direct "
        "en zo nodig herinneringen; jij hoort het antwoord."
    ),
    "loop.asked_again": "{case_ref} wachtte al op {what} van {referrer}; er is niets opnieuw verstuurd.",
    "loop.closed": "{case_ref} wacht niet meer op de verwijzer ({count:plural:# verzoek|# verzoeken} gesloten).",
    "loop.request_settled": (
        "{referrer} ({organisation}) meldt bij {case_ref}: {what} is geregeld."
    ),
    "loop.request_unanswered": (
        "{organisation} heeft op het verzoek om {what} voor {case_ref} (sinds {date}) na "
        "{reminders:plural:# herinnering|# herinneringen} niet gereageerd. Neem je zelf contact op?"
    ),
    "loop.checkin_answer": (
        "{referrer} ({organisation}) over {case_ref}, op de vraag 'Merkt u verschil?': {answer}."
    ),
    "loop.usage": (
        "Typ: verwijzer <kenmerk> en dan wat er nodig is: toestemming of informatie. Of typ klaar. Zoals: verwijzer JT-NRD-2026-0042 toestemming"
    ),
    "overleg.reminder": (
        "Herinnering: vast overleg {team} en {partner} op {date} om {time}. "
        "Open verwijzingen:\n{cases}"
    ),
    "overleg.reminder_none": (
        "Herinnering: vast overleg {team} en {partner} op {date} om {time}. "
        "Er staan geen open verwijzingen."
    ),
    "overleg.cancelled": (
        "Het vaste overleg {team} en {partner} op {date} om {time} vervalt (feestdag). "
        "Het volgende is op {next}."
    ),
    "overleg.case_line": "• {case_ref} (kenmerk verwijzer: {external_ref})",
    # the page behind an e-mail link (adapters/http/links.py)
    "links.title": "terugkoppel",
    "links.your_answer": "Uw antwoord: {answer}",
    "links.confirm": "Bevestigen",
    "links.thanks": "Dank u wel, uw antwoord is vastgelegd. U kunt dit venster sluiten.",
    "links.invalid": "Deze link is niet geldig. Gebruik de link uit het bericht zoals die is verstuurd.",
    "links.expired": "Deze link is verlopen. Neem contact op met de contactpersoon uit het bericht.",
    "links.used": "Deze link is al gebruikt; uw antwoord was al vastgelegd.",
    # the page behind a professional's answer link (bot/app/prompt_links.py): "je"
    "links.prompt.question": "Hoe staat het met {case_ref} van {organisation}? Nu: {status}.",
    "links.prompt.your_answer": "Je antwoord: {answer}",
    "links.prompt.thanks": "Dank je, je antwoord is vastgelegd. Je kunt dit venster sluiten.",
    "links.prompt.used": "Deze link is al gebruikt. Je antwoord was al vastgelegd.",
    "links.prompt.expired": (
        "Deze link is verlopen. Gebruik de link uit de nieuwste e-mail over deze verwijzing."
    ),
    "links.note.label": "Toelichting voor de verwijzer (mag leeg blijven)",
    "links.note.help": (
        "Schrijf niets waaraan iemand te herkennen is: geen naam, nummer, adres of datum."
    ),
    "links.note.refused": (
        "Je antwoord is nog niet verstuurd en er is niets opgeslagen. In je toelichting staat "
        "iets waaraan iemand te herkennen is. Pas de toelichting aan en bevestig opnieuw."
    ),
    "links.note.marked": "Dit valt op in je toelichting (gemarkeerd):",
    "links.note.too_long": (
        "Je toelichting is te lang. Gebruik hoogstens {limit} tekens. Er is niets opgeslagen."
    ),
    "links.note_refused": (
        "Je toelichting is niet opgeslagen: er staat iets in waaraan iemand te herkennen is."
    ),
    # referrer satisfaction
    "satisfaction.question": (
        "{case_ref} (uw kenmerk: {external_ref}) is afgesloten. Hoe tevreden bent u over de "
        "samenwerking met {team}? (1–10)"
    ),
    "satisfaction.question_page": "Hoe tevreden bent u over de samenwerking met {team}? (1–10)",
    "satisfaction.choice": "{choice} van 10",
    "satisfaction.thanks": "Dank u wel! Uw cijfer voor de samenwerking bij {case_ref}: {score}.",
    "satisfaction.already": "Deze vraag is al beantwoord; uw eerste antwoord telt.",
    "satisfaction.1": "1",
    "satisfaction.2": "2",
    "satisfaction.3": "3",
    "satisfaction.4": "4",
    "satisfaction.5": "5",
    "satisfaction.6": "6",
    "satisfaction.7": "7",
    "satisfaction.8": "8",
    "satisfaction.9": "9",
    "satisfaction.10": "10",
}
