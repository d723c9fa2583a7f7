"""Dutch texts of the digest's forms: who it is for, the HTML page and the CSV sheet."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # who a digest is for: the line under the title
    "digest.audience_team": "Voor de coördinatoren van {team}.",
    "digest.audience_all": "Voor de coördinatoren: alle teams samen.",
    "digest.audience_municipal": "Voor de gemeente. Dit is het overzicht van alle teams samen.",
    # the HTML page
    "cli.digest_cid_needs_png": "Bij --cid hoort --png: geef het bestand voor de grafiek.",
    "digest.html_footer": "Gemaakt door terugkoppel.",
    # the CSV sheet: headers
    "digest.csv_week": "Week",
    "digest.csv_team": "Team",
    "digest.csv_label": "Kengetal",
    "digest.csv_value": "Waarde",
    "digest.csv_code": "Code",
    "digest.csv_all_teams": "alle teams",
    "digest.csv_municipality": "gemeente (alle teams)",
    # the CSV sheet: one label per figure
    "digest.csv.new_referrals": "Nieuwe verwijzingen",
    "digest.csv.new_referrals_kind": "Nieuwe verwijzingen van {kind}",
    "digest.csv.first_feedback_within_norm": "Op tijd teruggekoppeld (binnen {norm} werkdagen)",
    "digest.csv.first_feedback_measured": "Verwijzingen met een termijn die voorbij is",
    "digest.csv.first_feedback_within_norm_share": "Op tijd teruggekoppeld (%)",
    "digest.csv.first_feedback_with_working_days": "Verwijzingen met een eerste terugkoppeling",
    "digest.csv.median_working_days_to_first_feedback": "Werkdagen tot terugkoppeling: mediaan",
    "digest.csv.p90_working_days_to_first_feedback": "Werkdagen tot terugkoppeling: 90e percentiel",
    "digest.csv.open_prompts": "Open vragen aan medewerkers",
    "digest.csv.escalations": "Opschalingen",
    "digest.csv.open_escalations": "Open opschalingen",
    "digest.csv.overdue_handovers": "Overdrachten te laat",
    "digest.csv.overdue_handovers_age": "Overdrachten {age} werkdagen te laat",
    "digest.csv.partners_without_contact": "Partners zonder contactpersoon",
    "digest.csv.satisfaction_answers": "Antwoorden over tevredenheid",
    "digest.csv.satisfaction_average": "Tevredenheid (1-10)",
    "digest.csv.trend_new_referrals": "Trend: nieuwe verwijzingen",
    "digest.csv.trend_first_feedback_within_norm_share": "Trend: op tijd teruggekoppeld (%)",
    "digest.csv.trend_satisfaction_average": "Trend: tevredenheid (1-10)",
}
