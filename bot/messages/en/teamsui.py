"""English texts of Teams' dialogs, pickers, search and refreshed cards (issue 21)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "chatcmd.referral_open": "Make a new referral with the form.",
    "chatcmd.referral_button": "Make a referral",
    "chatcard.answered": "{case_ref}: {answer}.\nAnswered by {name} on {at}.",
    "chatcard.taken": "{case_ref} was taken by {name} on {at}.",
    "chatcard.closed": "The question about {case_ref} is closed.",
    "chatcard.open": "The question about {case_ref} is still open.",
    "teamsui.pick_label": "Colleague",
    "teamsui.pick_hint": "Type a name",
    "teamsui.pick_missing": "Pick a colleague first.",
    "teamsui.search_hint": "Type a case reference.",
    "teamsui.search_none": "No case found.",
    "teamsui.search_found": "{case_ref} at {team}: {status}.",
    "teamsui.form_fix": "The form is not right yet. Please check the fields.",
    "cli.teams_tab_needs_oidc": "The Overview tab cannot be built like this. Set {setting} first. Then build the package again. No tab? Use {option}.",
    "cli.teams_tab_needs_https": "The Overview tab works over https only. Set TERUGKOPPEL_PUBLIC_URL to an https address (now: {url}).",
    "home.overview_button": "Open the overview",
}
