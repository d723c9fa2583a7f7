"""Dutch texts of Teams' dialogs, pickers, search and refreshed cards (issue 21)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "chatcmd.referral_open": "Maak een nieuwe verwijzing met het formulier.",
    "chatcmd.referral_button": "Verwijzing maken",
    "chatcard.answered": "{case_ref}: {answer}.\nBeantwoord door {name} op {at}.",
    "chatcard.taken": "{case_ref} is opgepakt door {name} op {at}.",
    "chatcard.closed": "De vraag over {case_ref} is gesloten.",
    "chatcard.open": "De vraag over {case_ref} staat nog open.",
    "teamsui.pick_label": "Collega",
    "teamsui.pick_hint": "Typ een naam",
    "teamsui.pick_missing": "Kies eerst een collega.",
    "teamsui.search_hint": "Typ een kenmerk.",
    "teamsui.search_none": "Geen zaak gevonden.",
    "teamsui.search_found": "{case_ref} bij {team}: {status}.",
    "teamsui.form_fix": "Het formulier is nog niet goed. Kijk de velden na.",
    "cli.teams_tab_needs_oidc": "Het tabblad Overzicht kan zo niet. Zet eerst {setting}. Maak dan het pakket opnieuw. Geen tabblad? Gebruik {option}.",
    "cli.teams_tab_needs_https": "Het tabblad Overzicht werkt alleen via https. Zet TERUGKOPPEL_PUBLIC_URL op een https-adres (nu: {url}).",
    "home.overview_button": "Open het overzicht",
}
