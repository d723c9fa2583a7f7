"""English texts of the digest's forms: who it is for, the HTML page and the CSV sheet."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # who a digest is for: the line under the title
    "digest.audience_team": "For the coordinators of {team}.",
    "digest.audience_all": "For the coordinators: all teams together.",
    "digest.audience_municipal": "For the municipality. This is the digest of all teams together.",
    # the HTML page
    "cli.digest_cid_needs_png": "--cid goes with --png: give the file for the chart.",
    "digest.html_footer": "Made by terugkoppel.",
    # the CSV sheet: headers
    "digest.csv_week": "Week",
    "digest.csv_team": "Team",
    "digest.csv_label": "Figure",
    "digest.csv_value": "Value",
    "digest.csv_code": "Code",
    "digest.csv_all_teams": "all teams",
    "digest.csv_municipality": "municipality (all teams)",
    # the CSV sheet: one label per figure
    "digest.csv.new_referrals": "New referrals",
    "digest.csv.new_referrals_kind": "New referrals from {kind}",
    "digest.csv.first_feedback_within_norm": "First feedback in time (within {norm} working days)",
    "digest.csv.first_feedback_measured": "Referrals whose deadline has passed",
    "digest.csv.first_feedback_within_norm_share": "First feedback in time (%)",
    "digest.csv.first_feedback_with_working_days": "Referrals with a first feedback",
    "digest.csv.median_working_days_to_first_feedback": "Working days to feedback: median",
    "digest.csv.p90_working_days_to_first_feedback": "Working days to feedback: 90th percentile",
    "digest.csv.open_prompts": "Open questions to professionals",
    "digest.csv.escalations": "Escalations",
    "digest.csv.open_escalations": "Open escalations",
    "digest.csv.overdue_handovers": "Handovers overdue",
    "digest.csv.overdue_handovers_age": "Handovers {age} working days overdue",
    "digest.csv.partners_without_contact": "Partners without a contact person",
    "digest.csv.satisfaction_answers": "Answers about satisfaction",
    "digest.csv.satisfaction_average": "Satisfaction (1-10)",
    "digest.csv.trend_new_referrals": "Trend: new referrals",
    "digest.csv.trend_first_feedback_within_norm_share": "Trend: first feedback in time (%)",
    "digest.csv.trend_satisfaction_average": "Trend: satisfaction (1-10)",
}
