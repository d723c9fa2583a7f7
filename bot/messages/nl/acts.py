"""Dutch texts: what a referrer does with their own referral (withdraw, add information, ask
the status), in chat, by e-mail link and over REST, and the status webhooks."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "status.withdrawn": "ingetrokken door de verwijzer",
    # to the referrer
    "referrer.withdrawn": (
        "U heeft verwijzing {case_ref} (uw kenmerk: {external_ref}) ingetrokken. "
        "Het team stopt ermee. Wij hebben {team} laten weten dat het niet meer nodig is."
    ),
    "acts.usage": (
        "Typ: /verwijzing status KENMERK. Of: /verwijzing intrekken KENMERK. "
        "Of: /verwijzing aanvullen KENMERK en dan uw tekst. "
        "Het kenmerk is ons kenmerk of uw eigen kenmerk."
    ),
    "acts.too_long": "Uw tekst is te lang. Gebruik hoogstens {limit} tekens.",
    "acts.status.received": "Wij hebben {case_ref} ontvangen. {team} kijkt wie het oppakt.",
    "acts.status.in_progress": (
        "{team} is bezig met {case_ref}. "
        "Zonder toestemming van de jeugdige of ouders delen wij geen details."
    ),
    "acts.status.ended": "{team} is klaar met {case_ref}.",
    "acts.status.known": "Stand van {case_ref} bij {team}: {status}.",
    "acts.status.with_contact": (
        "Stand van {case_ref} bij {team}: {status}. Uw contactpersoon is {contact}."
    ),
    "acts.withdrawn": "U heeft {case_ref} ingetrokken. Wij laten het team dat weten.",
    "acts.withdrawn_before": "{case_ref} was al ingetrokken. Er is niets veranderd.",
    "acts.information_sent": "Dank u. Wij hebben uw aanvulling op {case_ref} aan het team gegeven.",
    "acts.action.status": "Stand opvragen",
    "acts.action.withdraw": "Verwijzing intrekken",
    "acts.action.add": "Informatie toevoegen",
    # to the team (je)
    "acts.team.withdrawn": (
        "De verwijzer heeft {case_ref} ingetrokken. Je hoeft er niets meer voor te doen. "
        "De vragen en herinneringen zijn gestopt."
    ),
    "acts.team.information": "De verwijzer vult {case_ref} aan: {information}",
    # the e-mail link's page (u)
    "links.acts.status": "Wilt u weten hoe het staat met {case_ref}?",
    "links.acts.status_choice": "ja, de stand opvragen",
    "links.acts.withdraw": "Wilt u verwijzing {case_ref} intrekken? Het team stopt er dan mee.",
    "links.acts.withdraw_choice": "ja, intrekken",
    "links.acts.add": "Wilt u informatie toevoegen aan {case_ref}?",
    "links.acts.add_choice": "informatie toevoegen",
    "links.acts.note_needed": "Schrijf eerst uw aanvulling in het veld.",
    "links.acts.ended": "{case_ref} is al afgesloten. Er valt niets meer te doen.",
    "links.acts.note.label": "Uw aanvulling voor het team",
    "links.acts.note.refused": (
        "Uw aanvulling is nog niet verstuurd. Er is niets opgeslagen. Er staat iets in "
        "waaraan iemand te herkennen is. Pas de tekst aan en bevestig opnieuw."
    ),
    "links.acts.note.marked": "Dit valt op in uw tekst (gemarkeerd):",
    "links.acts.note.too_long": (
        "Uw tekst is te lang. Gebruik hoogstens {limit} tekens. Er is niets opgeslagen."
    ),
    "demo.types": "typt '{words}'",
    # status webhooks
    "webhook.referral_status": "Webhook: {case_ref} heeft nu de stand {phase} ({at}).",
    "webhook.invalid": (
        "Deze webhook kan niet: {what}. Gebruik een bekende organisatie en een https-adres."
    ),
    "webhook.added": "Webhook {id} voor {organisation} staat klaar. Het geheim staat hieronder.",
    "webhook.removed": "Webhook {id} is verwijderd.",
    "webhook.unknown": "Er is geen webhook {id}.",
    "webhook.none": "Er zijn geen webhooks.",
    "webhook.no_log": "Er zijn nog geen pogingen.",
}
