"""English texts, for people whose language is en: the referral's vocabulary: statuses, buttons, prompts, handovers, errors."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "status.received": "received",
    "status.assigned": "assigned to a professional",
    "status.contact_made": "contact has been made with the family",
    "status.intake_planned": "an intake meeting has been planned",
    "status.help_started": "help has started",
    "status.handed_over": "handed over to another organisation",
    "status.closed": "closed",
    "status.declined": "not taken on",
    "action.contact_made": "Contact made",
    "action.intake_planned": "Intake planned",
    "action.help_started": "Help started",
    "action.handed_over": "Handed over",
    "action.closed": "Closed",
    "action.not_yet": "Not yet",
    "action.take": "I'll take it",
    "action.accept": "Accept handover",
    "action.refuse": "Refuse",
    "referrer.receipt": (
        "Your referral has been received by {team}. Our reference: {case_ref} "
        "(your reference: {external_ref}). {expected}{usually}"
    ),
    "referrer.receipt_with_contact": (
        "Your referral has been received by {team}. Our reference: {case_ref} "
        "(your reference: {external_ref}). {expected}{usually} "
        "Your fixed contact person at {team} is {contact}."
    ),
    "referrer.status": (
        "Update on {case_ref} (your reference: {external_ref}): {status}. "
        "Contact person: {contact}, {team}."
    ),
    "referrer.status_with_note": (
        "Update on {case_ref} (your reference: {external_ref}): {status}. "
        "Contact person: {contact}, {team}. Note: {note}"
    ),
    "referrer.in_progress": (
        "Your referral {case_ref} (your reference: {external_ref}) is being handled by {team}. "
        "Without consent of the young person or parents we cannot share details."
    ),
    "referrer.ended": (
        "The involvement of {team} in {case_ref} (your reference: {external_ref}) has ended."
    ),
    "referrer.handed_over": (
        "{case_ref} (your reference: {external_ref}) has been handed over to {team}. "
        "Your contact person is now {contact}."
    ),
    "referrer.backup_contact": (
        "Your fixed contact person at {team}, {primary}, is away until {until} inclusive. "
        "During that time {backup} is your contact person."
    ),
    "referrer.contact_left": (
        "Your fixed contact person at {team}, {primary}, no longer works there. "
        "Until a new one is named, {backup} is your contact person."
    ),
    "intake.new": (
        "New referral {case_ref} from {organisation} ({kind}), received {received}. Who takes it?"
    ),
    "intake.urgent": (
        "URGENT: referral {case_ref} from {organisation} ({kind}), received {received}. "
        "You are on call; please take it now."
    ),
    "intake.reminder": "Reminder: nobody has taken {case_ref} (received {received}) yet.",
    "intake.escalation": (
        "Escalation: {case_ref} from {organisation} has not been taken after {days} working "
        "days. Will you assign it?"
    ),
    "intake.taken": "{case_ref} was taken by {name}. You are the contact for {organisation}.",
    "prompt.feedback": (
        "How is {case_ref} going? {organisation} referred on {received} and is waiting for "
        "feedback (norm: within {norm:plural:# working day|# working days}). Regisseur: {lead}."
    ),
    "prompt.followup": (
        "Any news on {case_ref}? The last status {organisation} received: {status}. Regisseur: {lead}."
    ),
    "prompt.reminder": (
        "Reminder {number}: {organisation} is still waiting for feedback on {case_ref} "
        "(referred on {received}). Regisseur: {lead}."
    ),
    "prompt.on_behalf": (
        "{absent} is away; you are standing in. {organisation} is waiting for feedback on "
        "{case_ref} (referred on {received}). How is it going? Regisseur: {lead}."
    ),
    "prompt.escalation": (
        "Escalation: {name} has not answered the question about {case_ref} from {organisation} "
        "after {days:plural:# working day|# working days}. The feedback norm is {norm:plural:# working day|# working days}. Regisseur: {lead}."
    ),
    "prompt.answered": "Noted: {case_ref} — {status}. {organisation} will be told.",
    "prompt.answered_withheld": (
        "Noted: {case_ref} — {status}. Without consent {organisation} is only told that the "
        "referral is being handled."
    ),
    "prompt.snoozed": "Fine. I will ask you again on {date}.",
    "handover.requested": (
        "{from_team} asks {to_team} to take over {case_ref}{warm}. Please accept before {due}."
    ),
    "handover.warm_suffix": " (warm handover, together with the family)",
    "handover.reminder": (
        "Reminder: the handover of {case_ref} by {from_team} has been waiting since {since} "
        "(deadline was {due})."
    ),
    "handover.escalation": (
        "Escalation: the handover of {case_ref} from {from_team} to {to_team} is {days} working "
        "days past its deadline and has not been accepted."
    ),
    "handover.accepted": "{to_team} has taken over {case_ref}. Contact person: {name}.",
    "handover.refused": "{to_team} has refused the handover of {case_ref}.",
    "coverage.backup_active": (
        "{primary} is away until {until} inclusive. Until then you are the contact person of "
        "{team} for {partner}."
    ),
    "coverage.gap": (
        "Attention: {team} has no reachable fixed contact person for {partner}. "
        "Please name a contact person and a backup."
    ),
    "delivery.failed": (
        "A message for {recipient} about {case_ref} could not be delivered ({reason}). "
        "Please get in touch yourself."
    ),
    # Slack: replies to clicks and commands, modals, App Home
    "action.lead": "Choose another regisseur…",
    "action.assign": "Assign to…",
    "action.note": "With a note…",
    "error.generic": "Something went wrong. Please try again later or ask your coordinator.",
    "error.not_allowed": "You may not do this for {case_ref}. This attempt has been recorded.",
    "error.unknown_person": (
        "You are not known to terugkoppel. Please ask your coordinator to register you. "
        "This attempt has been recorded."
    ),
    "error.unknown_case": "There is no referral {case_ref} that you may see.",
    "error.unknown_team": "Team '{team}' does not exist.",
    "error.unknown_referrer": "Referrer '{referrer}' is not known.",
    "error.invalid_transition": "Not possible: from '{current}' to '{target}' ({machine}).",
    "error.already_answered": "This question about {case_ref} was already answered by {by} on {at}.",
    "error.note_refused": (
        "The note may contain personal data: {found}. Please take it out and rephrase the "
        "note without names, numbers, addresses or dates. The note has not been stored."
    ),
    "privacy.hint.bsn": "this looks like a BSN",
    "privacy.hint.phone": "this looks like a phone number",
    "privacy.hint.email": "this looks like an e-mail address",
    "privacy.hint.postcode": "this looks like a postcode",
    "privacy.hint.address": "this looks like an address",
    "privacy.hint.date": "this looks like a date",
    "privacy.hint.name": "this looks like a name",
    "privacy.hint.iban": "this looks like a bank account number",
    "privacy.hint.other": "this looks like a number that identifies someone",
    "privacy.note_again": (
        "The note was neither sent nor stored. Take out what stands out and send it again, "
        "without names, numbers, addresses or dates."
    ),
    "privacy.marked_heading": "Your text, with what stands out between ⟦ ⟧:",
    "privacy.marked": "Your text, with what stands out between ⟦ ⟧: {note}",
    "privacy.note_refused_marked": (
        "The note was not sent nor stored: {found}. Your text, with what stands out "
        "between ⟦ ⟧: {marked}"
    ),
    "privacy.check_clean": "Nothing found.",
    "privacy.check_usage": "Give a text, or send it on standard input.",
    "error.directory": (
        "The directory was not imported: {entry}, field '{field}': {problem}. Nothing was changed."
    ),
    "error.setting": "Setting {name} is invalid: {problem}",
    "error.settings": "The settings do not fit together: {problem}",
    "error.delivery": "Delivery failed: {reason}",
    "error.database": "The database cannot be reached ({problem}). Check {name}.",
    "error.schema": "The database is not up to date. Run 'terugkoppel db upgrade' first.",
    "kind.gp": "GP",
    "kind.school": "school",
    "kind.police": "police",
    "kind.jgz": "youth health care",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "care provider",
    "kind.municipality": "municipality",
    "kind.other": "other",
    # deployment
    "api.rate_limited": "Too many requests with this API key. Try again in {seconds:plural:# second|# seconds}.",
    "api.database_unavailable": "The database cannot be reached right now. Try again in a few seconds.",
    "api.internal_error": "Something went wrong on our side. Quote the request id when you contact us.",
    "api.invalid_value": "A value in the request cannot be stored: it is too long, out of range or contains control characters.",
    "api.conflict": "The request clashes with data that is already stored.",
    "api.control_characters": "Control characters (such as NUL) are not allowed.",
    # the referrer's own loop (DESIGN.md flow 9)
    "action.settled": "Done",
    "action.checkin_better": "Better",
    "action.checkin_same": "The same",
    "action.checkin_worse": "Worse",
    "action.checkin_unknown": "Don't know",
    "referrer.request_consent": (
        "For your referral {case_ref} (your reference: {external_ref}) {team} needs consent "
        "of the young person and/or parents. Could you arrange it? Questions: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_information": (
        "For your referral {case_ref} (your reference: {external_ref}) {team} is missing "
        "information. Could you contact {contact}, {team}? Click Done when it is arranged."
    ),
    "referrer.request_consent_reminder": (
        "Reminder: since {date} {team} has been waiting for consent for {case_ref} "
        "(your reference: {external_ref}). Questions: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_information_reminder": (
        "Reminder: since {date} {team} has been waiting for missing information about "
        "{case_ref} (your reference: {external_ref}). Contact: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_thanks": "Thank you. Noted: {what} for {case_ref} is arranged.",
    "referrer.checkin": (
        "Some time ago help started for your referral {case_ref} (your reference: "
        "{external_ref}). Do you notice a difference? Your answer goes to {contact}, {team}."
    ),
    "referrer.checkin_thanks": "Thank you. Your answer for {case_ref} has been passed on: {answer}.",
    "error.referral_ended": "{case_ref} is closed; there is nothing left to ask.",
    "error.no_open_request": "{case_ref} is not waiting for the referrer.",
    "error.unknown_consultation": "There is no fixed consultation of {team} with {partner}.",
    "error.consultation_invalid": "This fixed consultation is not possible.",
    "error.consultation_weekend": "A fixed consultation falls on a working day; {date} is in a weekend.",
    "error.consultation_every": "--every {every}: choose a number of weeks from 1 to {most}.",
    "error.consultation_partner": "There is no partner organisation {partner} in the directory.",
    "error.consultation_first": "--first {value}: give the first meeting as 2026-12-08T13:00.",
    # consent, API keys, audit, retention
    "error.consent_parents": (
        "For {case_ref} the parents give consent: the young person is under 12. "
        "Ask the parents (or parents and young person together). Nothing has changed."
    ),
    "error.consent_both": (
        "For {case_ref} both the young person and the parents give consent: the young person "
        "is 12 to 15 (or turns so this month). Ask both. Nothing has changed."
    ),
    "error.consent_youth": (
        "For {case_ref} the young person gives consent: they are 16 or older. "
        "Ask the young person. Nothing has changed."
    ),
    "error.consent_needs_party": (
        "Say who gave the consent for {case_ref}: parents, young person or both "
        "(--given-by parents|youth|both). Nothing has changed."
    ),
    "error.bad_external_ref": (
        "The referrer's reference is not a valid reference: start with a letter or digit, "
        "then use only letters, digits and - _ . / (no spaces), at most 64 characters, "
        "for example HAP-7781. Nothing has been stored."
    ),
    "error.external_ref_found": (
        "The referrer's reference seems to contain personal data: {found}. Use only your own "
        "reference, for example HAP-7781. Nothing has been stored."
    ),
    "error.external_ref_personal": (
        "The referrer's reference seems to contain personal data, such as a name, number or "
        "date. Use only your own reference, for example HAP-7781. Nothing has been stored."
    ),
    "error.idempotency_conflict": (
        "This Idempotency-Key was used before for a referral with other data. Use a new key "
        "for a new referral. Nothing has been stored."
    ),
    "error.bad_idempotency_key": (
        "The Idempotency-Key is invalid: 1 to 200 visible characters (ASCII), no spaces."
    ),
    "api.unknown_referral": "There is no referral {id} this API key may read.",
    "api.unauthorised": "The API key is missing, wrong or revoked.",
}
