"""English texts: the forms behind the case buttons "Hand over" and "Decline" (Slack modal,
Teams dialog)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "action.handover": "Hand over…",
    "action.decline": "Decline…",
    "caseform.handover_title": "Hand over",
    "caseform.decline_title": "Decline referral",
    "caseform.handover_intro": (
        "You are handing over {case_ref}. Choose the team or organisation that takes over care."
    ),
    "caseform.decline_intro": (
        "You are not taking {case_ref}. Choose a reason. We tell the referrer what to do next."
    ),
    "caseform.field_place": "To which team or organisation?",
    "caseform.field_warm": "Warm handover",
    "caseform.option_warm": "Yes, with a meeting together with the family",
    "caseform.field_day": "Day of the meeting",
    "caseform.field_time": "Time of the meeting",
    "caseform.hint_meeting": "Only for a warm handover. No time yet? Leave this empty.",
    "caseform.field_reason": "Reason",
    "caseform.field_better_place": "A better place for the family",
    "caseform.hint_better_place": "Do you know where the family can go? Choose that place. You may leave this empty.",
    "caseform.meeting_both": "Fill in a day and a time, or leave both empty.",
    "caseform.done_title": "Done",
    "caseform.close": "Close",
    "chatcard.declined": "{case_ref} was not taken on.",
}
