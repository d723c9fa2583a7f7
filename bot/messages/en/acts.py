"""English texts: what a referrer does with their own referral (withdraw, add information,
ask the status), in chat, by e-mail link and over REST, and the status webhooks."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "status.withdrawn": "withdrawn by the referrer",
    # to the referrer
    "referrer.withdrawn": (
        "You have withdrawn referral {case_ref} (your reference: {external_ref}). "
        "We have told {team} that it is no longer needed."
    ),
    "acts.usage": (
        "Type: /verwijzing status REFERENCE. Or: /verwijzing withdraw REFERENCE. "
        "Or: /verwijzing add REFERENCE followed by your text. "
        "The reference is ours or your own."
    ),
    "acts.too_long": "Your text is too long. Use at most {limit} characters.",
    "acts.status.received": "We have received {case_ref}. {team} is finding who takes it.",
    "acts.status.in_progress": (
        "{team} is working on {case_ref}. "
        "Without consent of the youth or parents we share no details."
    ),
    "acts.status.ended": "{team} has finished with {case_ref}.",
    "acts.status.known": "Status of {case_ref} at {team}: {status}.",
    "acts.status.with_contact": (
        "Status of {case_ref} at {team}: {status}. Your contact person is {contact}."
    ),
    "acts.withdrawn": "You have withdrawn {case_ref}. We will tell the team.",
    "acts.withdrawn_before": "{case_ref} was already withdrawn. Nothing has changed.",
    "acts.information_sent": "Thank you. We have passed your information on {case_ref} to the team.",
    "acts.action.status": "Ask the status",
    "acts.action.withdraw": "Withdraw the referral",
    "acts.action.add": "Add information",
    # to the team
    "acts.team.withdrawn": (
        "The referrer has withdrawn {case_ref}. You need not do anything more for it. "
        "Its prompts and reminders have stopped."
    ),
    "acts.team.information": "The referrer adds to {case_ref}: {information}",
    # the e-mail link's page
    "links.acts.status": "Would you like to know how {case_ref} stands?",
    "links.acts.status_choice": "yes, ask the status",
    "links.acts.withdraw": "Withdraw referral {case_ref}? The team will then stop.",
    "links.acts.withdraw_choice": "yes, withdraw",
    "links.acts.add": "Would you like to add information to {case_ref}?",
    "links.acts.add_choice": "add information",
    "links.acts.note_needed": "Please write your information in the field first.",
    "links.acts.ended": "{case_ref} has already ended. There is nothing more to do.",
    "links.acts.note.label": "Your information for the team",
    "links.acts.note.refused": (
        "Your information has not been sent yet. Nothing has been stored. It contains "
        "something by which someone can be recognised. Change the text and confirm again."
    ),
    "links.acts.note.marked": "This stands out in your text (marked):",
    "links.acts.note.too_long": (
        "Your text is too long. Use at most {limit} characters. Nothing has been stored."
    ),
    "demo.types": "types '{words}'",
    # status webhooks
    "webhook.referral_status": "Webhook: {case_ref} is now {phase} ({at}).",
    "webhook.invalid": (
        "This webhook is not possible: {what}. Use a known organisation and an https address."
    ),
    "webhook.added": "Webhook {id} for {organisation} is ready. The secret is below.",
    "webhook.removed": "Webhook {id} has been removed.",
    "webhook.unknown": "There is no webhook {id}.",
    "webhook.none": "There are no webhooks.",
    "webhook.no_log": "No attempts yet.",
}
