"""English texts, for people whose language is en. Keys and parameters must match nl.py."""

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
        "(your reference: {external_ref}). You will hear from us once contact has been made."
    ),
    "referrer.receipt_with_contact": (
        "Your referral has been received by {team}. Our reference: {case_ref} "
        "(your reference: {external_ref}). You will hear from us once contact has been made. "
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
        "feedback (norm: within {norm} working days)."
    ),
    "prompt.followup": (
        "Any news on {case_ref}? The last status {organisation} received: {status}."
    ),
    "prompt.reminder": (
        "Reminder {number}: {organisation} is still waiting for feedback on {case_ref} "
        "(referred on {received})."
    ),
    "prompt.on_behalf": (
        "{absent} is away; you are standing in. {organisation} is waiting for feedback on "
        "{case_ref} (referred on {received}). How is it going?"
    ),
    "prompt.escalation": (
        "Escalation: {name} has not answered the question about {case_ref} from {organisation} "
        "after {days} working days. The feedback norm is {norm} working days."
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
        "The note may contain personal data ({found}). Please rephrase it without names, "
        "numbers, addresses or dates; the note has not been stored."
    ),
    "error.directory": (
        "The directory was not imported: {entry}, field '{field}': {problem}. Nothing was changed."
    ),
    "error.setting": "Setting {name} is invalid: {problem}",
    "error.delivery": "Delivery failed: {reason}",
    "error.database": "The database cannot be reached ({problem}). Check {name}.",
    "error.schema": "The database is not up to date. Run 'terugkoppel db upgrade' first.",
    "cli.import_done": (
        "Directory imported: {created} new, {updated} changed, {unchanged} unchanged, {left} left."
    ),
    "cli.tick_done": "Pass done: {actions} actions, {sent} messages sent.",
    "cli.db_upgraded": "Database upgraded to revision {revision}.",
    "cli.bad_time": "'{value}' is not an ISO 8601 moment, for example 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is not a week like 2026-W48.",
    "cli.check_ok": "OK: {what}",
    "cli.check_problem": "Problem: {what}: {problem}",
    "cli.serving": "terugkoppel listening on http://{host}:{port}",
    "digest.title": "Weekly digest {team} — week {week}",
    "digest.municipality": "municipality",
    "digest.title_period": "Digest {team} — {period}",
    "digest.new_referrals": "New referrals: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": "First feedback within {norm} working days: {share} ({within} of {due})",
    "digest.within_norm_none": "First feedback within {norm} working days: nothing to measure yet",
    "digest.median": "Median to first feedback: {median} working days",
    "digest.open_prompts": "Open questions to professionals: {count}",
    "digest.escalations": "Escalations in this period: {count}",
    "digest.overdue_handovers": "Handovers past their deadline: {count}",
    "digest.overdue_handover": "  {case_ref} to {to_team}: {days} working days past the deadline",
    "digest.no_contact": "Partners without a reachable contact person: {count}",
    "digest.no_contact_partner": "  {partner}",
    "kind.gp": "GP",
    "kind.school": "school",
    "kind.police": "police",
    "kind.jgz": "youth health care",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "care provider",
    "kind.municipality": "municipality",
    "kind.other": "other",
    "demo.title": "terugkoppel demo — municipality of Oosterwaard, {start} to {end}",
    "demo.progress": "Simulation",
    "demo.day": "{weekday} {date}",
    "demo.holiday": "{weekday} {date} — {holiday}: no messages to professionals",
    "demo.event": "{who} {what}",
    "demo.clicks": "clicks '{label}' on {case_ref}",
    "demo.submits": "refers {external_ref} to {team} ({consent})",
    "demo.requests_handover": "asks {to_team} to take over {case_ref}",
    "demo.marks_absent": "reports being away until {until}",
    "demo.summary": "Done: {referrals} referrals, {messages} messages, {escalations} escalations.",
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    "consent.none": "no consent",
    "consent.status": "consent for status",
    "consent.notes": "consent for status and notes",
}
