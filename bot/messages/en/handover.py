"""English texts: handovers started and answered in every channel, declined referrals with
what to do next ("wie voor wat"), and the regisseur."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "reason.not_our_service": "the question fits another service better",
    "reason.outside_area": "the family lives outside our area",
    "reason.already_in_care": "another service already helps the family",
    "reason.no_capacity": "there is no place now",
    "reason.needs_consent": "there is no consent for this step",
    "reason.other": "another reason",
    "action.refuse.not_our_service": "Refuse: not our service",
    "action.refuse.outside_area": "Refuse: other area",
    "action.refuse.no_capacity": "Refuse: no place",
    "action.refuse.other": "Refuse: other reason",
    "handover.warm_meeting": (
        " (warm handover, together with the family; proposed joint meeting: {when})"
    ),
    "handover.refused_reason": (
        "{to_team} does not take over {case_ref}. The reason: {reason}. "
        "The care stays with your team."
    ),
    "chat.handover_refused_reason": "{case_ref}: handover refused by {name} at {at}. Reason: {reason}.",
    "referrer.next_step": (
        "{team} is no longer involved in {case_ref} (your reference: {external_ref}). "
        "What can you do now? {next}"
    ),
    "referrer.next_step_reason": (
        "{team} does not take {case_ref} into care (your reference: {external_ref}). "
        "The reason: {reason}. {next}"
    ),
    "decline.next_unknown": "Would you like to know where to go instead? Please contact us.",
    "decline.next_place": "You can refer the family to {place}.",
    "decline.next_guide": "You can refer the family to {place}. They help with: {helps_with}.",
    "decline.next_guide_how": (
        "You can refer the family to {place}. They help with: {helps_with}. How to refer: {how}."
    ),
    "chat.handover_usage": (
        "To ask for a handover: /overdracht REFERENCE naar TEAM. "
        "Add 'warm' for a joint meeting with the family, with a time like 2026-12-10T10:00. "
        "Does the family move? Then write naar MUNICIPALITY/TEAM."
    ),
    "chat.lead_usage": "To choose the regisseur: /regie REFERENCE PERSON (the directory id).",
    "chat.decline_usage": "To decline a referral: /afwijzen REFERENCE REASON [naar TEAM]. Reasons: {codes}.",
    "cli.handover_started": "Handover of {case_ref} to {to} requested. Answer wanted before {due}.",
    "cli.handover_accepted": "{case_ref}: handover accepted.",
    "cli.handover_refused": "{case_ref}: handover refused.",
    "cli.referral_declined": "{case_ref}: not taken into care. The referrer is told.",
    "cli.lead_set": "{case_ref}: {name} is the regisseur now.",
    "cli.lead_same": "{case_ref}: {name} already was the regisseur. Nothing changed.",
    "cli.reasons": "Choose a reason: {codes}.",
    "home.leads": "Where I am regisseur",
    "wie.case": "{case_ref} at {team}. Regisseur: {lead}. Contact person: {contact}.",
    "lead.none": "nobody yet",
    "lead.line": "Regisseur: {lead}.",
    "lead.changed": "{case_ref}: {name} is the regisseur now. Before, it was {previous}.",
    "lead.changed_you": "{case_ref}: you are the regisseur now. Before, it was {previous}.",
    "referrer.lead_changed": (
        "About {case_ref} (your reference: {external_ref}): {name} of {team} is the "
        "regisseur now. You can ask {name} your questions."
    ),
    "demo.declines": "does not take {case_ref} into care: {reason}",
    "demo.sets_lead": "makes {name} the regisseur of {case_ref}",
    "error.unknown_place": "There is no team or organisation '{place}' in the directory.",
    "error.handover_pending": "A handover of {case_ref} is already waiting for an answer.",
    "error.no_open_handover": "There is no handover of {case_ref} waiting.",
    "error.reason_required": "Choose a reason from the list for {case_ref}.",
    "error.meeting_invalid": "A joint meeting belongs to a warm handover, and lies in the future.",
    "error.lead_not_allowed": "{name} cannot be the regisseur of {case_ref}.",
    # a youth who moves to another municipality (bot/app/moves.py)
    "move.accepted": (
        "The municipality of {municipality} has taken over {case_ref}. Its reference there is "
        "{their_ref}. Care goes on there."
    ),
    "move.refused": (
        "The municipality of {municipality} does not take over {case_ref}. The reason: {reason}. "
        "Care stays with your team."
    ),
    "referrer.moved": (
        "Help with {case_ref} (your reference: {external_ref}) goes on in the municipality of "
        "{municipality}. Questions? Ask the team there."
    ),
    "cli.move_started": "Handover of {case_ref} to {to} requested. Its reference there is {their_ref}.",
}
