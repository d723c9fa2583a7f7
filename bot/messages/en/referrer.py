"""English texts, for people whose language is en: the referrer's side: e-mail, answer links, satisfaction, the referrer's own loop, consent."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "consent.none": "no consent",
    "consent.status": "consent for status",
    "consent.notes": "consent for status and notes",
    # e-mail
    "email.subject_referral": "Update on {case_ref}",
    "email.subject_case": "terugkoppel: {case_ref}",
    "email.subject_plain": "terugkoppel: {first}",
    "email.contact": "Your contact person: {contact}, {role}.",
    "email.contact_role": "contact person at {team}",
    "email.contact_reach": "Reachable at {email}.",
    "email.note_elsewhere": (
        "This update comes with a note. We do not send notes by e-mail; "
        "your contact person will gladly tell you more."
    ),
    "email.answer_links": "Click your answer (each link works once):",
    "email.answer_links_professional": "Click your answer (each link works once):",
    "email.answer_links_note": (
        "Click your answer (each link works once). On the page you can also add a note "
        "for the referrer:"
    ),
    "email.answer_in_chat": "You can answer in Slack or Teams; this e-mail has no buttons.",
    "email.footer": (
        "This message was sent automatically by terugkoppel. Replies are not read; "
        "for questions please contact your contact person."
    ),
    "checkin.better": "better",
    "checkin.same": "the same",
    "checkin.worse": "worse",
    "checkin.unknown": "don't know",
    "loop.kind.consent": "consent",
    "loop.kind.information": "missing information",
    "links.request.question": "{team} was waiting for you about your referral {case_ref} (your reference: {external_ref}). Is it arranged?",
    "links.request.choice": "arranged",
    "links.checkin.question": "Do you notice a difference since help started for your referral {case_ref} (your reference: {external_ref})?",
    "links.answered_before": "This had already been answered for {case_ref} (by {by}, {at}).",
    "loop.asked": (
        "{case_ref} now waits for {what} from {referrer}. The referrer gets the request at "
        "once and reminders if needed; you will hear the answer."
    ),
    "loop.asked_again": "{case_ref} was already waiting for {what} from {referrer}; nothing was sent again.",
    "loop.closed": "{case_ref} no longer waits for the referrer ({count:plural:# request|# requests} closed).",
    "loop.request_settled": "{referrer} ({organisation}) reports for {case_ref}: {what} is arranged.",
    "loop.request_unanswered": (
        "{organisation} has not answered the request for {what} for {case_ref} (since {date}) "
        "after {reminders:plural:# reminder|# reminders}. Will you contact them yourself?"
    ),
    "loop.checkin_answer": (
        "{referrer} ({organisation}) about {case_ref}, asked 'Do you notice a difference?': {answer}."
    ),
    "loop.usage": (
        "Usage: referrer <reference> consent | information | done, "
        "for example: referrer JT-NRD-2026-0042 consent"
    ),
    "overleg.reminder": (
        "Reminder: fixed consultation {team} and {partner} on {date} at {time}. "
        "Open referrals:\n{cases}"
    ),
    "overleg.reminder_none": (
        "Reminder: fixed consultation {team} and {partner} on {date} at {time}. "
        "There are no open referrals."
    ),
    "overleg.cancelled": (
        "The fixed consultation {team} and {partner} on {date} at {time} does not take place "
        "(public holiday). The next one is on {next}."
    ),
    "overleg.case_line": "• {case_ref} (referrer's reference: {external_ref})",
    # the page behind an e-mail link (adapters/http/links.py)
    "links.title": "terugkoppel",
    "links.your_answer": "Your answer: {answer}",
    "links.confirm": "Confirm",
    "links.thanks": "Thank you, your answer has been recorded. You can close this window.",
    "links.invalid": "This link is not valid. Use the link from the message as it was sent.",
    "links.expired": "This link has expired. Please contact the contact person named in the message.",
    "links.used": "This link has been used already; your answer was recorded before.",
    # the page behind a professional's answer link (bot/app/prompt_links.py)
    "links.prompt.question": "How is {case_ref} from {organisation} going? Now: {status}.",
    "links.prompt.your_answer": "Your answer: {answer}",
    "links.prompt.thanks": "Thanks, your answer has been recorded. You can close this window.",
    "links.prompt.used": "This link has been used already. Your answer was recorded before.",
    "links.prompt.expired": (
        "This link has expired. Use the link in the latest e-mail about this referral."
    ),
    "links.note.label": "Note for the referrer (optional)",
    "links.note.help": (
        "Do not write names, phone numbers, addresses, dates or anything else that makes "
        "someone recognisable."
    ),
    "links.note.refused": (
        "Your answer has not been sent yet and nothing has been stored. Your note contains "
        "something that makes someone recognisable. Change the note and confirm again."
    ),
    "links.note.marked": "This stands out in your note (marked):",
    "links.note.too_long": (
        "Your note is too long. Use at most {limit} characters. Nothing has been stored."
    ),
    "links.note_refused": (
        "Your note has not been stored: it contains something that makes someone recognisable."
    ),
    # referrer satisfaction
    "satisfaction.question": (
        "{case_ref} (your reference: {external_ref}) has been closed. How satisfied are you "
        "with the collaboration with {team}? (1–10)"
    ),
    "satisfaction.question_page": "How satisfied are you with the collaboration with {team}? (1–10)",
    "satisfaction.choice": "{choice} out of 10",
    "satisfaction.thanks": "Thank you! Your score for the collaboration on {case_ref}: {score}.",
    "satisfaction.already": "This question has been answered already; your first answer counts.",
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
