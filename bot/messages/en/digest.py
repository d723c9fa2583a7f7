"""English texts, for people whose language is en: the coordinators' digests."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "digest.title": "Weekly digest {team} — week {week}",
    "digest.municipality": "municipality",
    "digest.title_period": "Digest {team} — {period}",
    "digest.new_referrals": "New referrals: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": "First feedback within {norm:plural:# working day|# working days}: {share} ({within} of {due})",
    "digest.within_norm_none": "First feedback within {norm:plural:# working day|# working days}: nothing to measure yet",
    "digest.median": "Median to first feedback: {median} working days",
    "digest.open_prompts": "Open questions to professionals: {count}",
    "digest.escalations": "Escalations in this period: {count}",
    "digest.overdue_handovers": "Handovers past their deadline: {count}",
    "digest.overdue_handover": "  {case_ref} to {to_team}: {late} past the deadline",
    "digest.one_working_day": "{days} working day",
    "digest.working_days": "{days} working days",
    "digest.no_contact": "Partners without a reachable contact person: {count}",
    "digest.no_contact_partner": "  {partner}",
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    # digests
    "digest.message": "{body}",
    "digest.title_municipal": "Weekly digest municipality (all teams) — week {week}",
    "digest.title_municipal_period": "Digest municipality (all teams) — {period}",
    "digest.suppressed_note": (
        "Totals only, without case references. Counts under 5 are shown as <5 (and where a "
        "total would give one away, a second one as ≥5), so that no family can be singled out."
    ),
    "digest.within_norm_hidden": (
        "First feedback within {norm:plural:# working day|# working days}: {within} of {due} "
        "(share not shown: small numbers)"
    ),
    "digest.spread": (
        "Working days to first feedback: median {median}, 90th percentile {p90} "
        "(over {count:plural:# referral|# referrals})"
    ),
    "digest.spread_none": "Working days to first feedback: nothing to measure yet",
    "digest.open_escalations": "Open escalations: {count}",
    "digest.overdue_age": "  {age:plural:# working day|# working days} past the deadline: {count}",
    "digest.overdue_more": "  … and {count} more",
    "digest.satisfaction": "Referrer satisfaction (1-10): average {average} ({count:plural:# answer|# answers})",
    "digest.satisfaction_none": "Referrer satisfaction (1-10): no answers in this period",
    "digest.trend": "Trend over the last {weeks} weeks (new · within norm · satisfaction):",
    "digest.trend_week": "  {week}: {new} · {share} · {score}",
    "digest.hidden": "–",
    "digest.chart_title": "{scope}: last {weeks} weeks",
    "digest.chart_new": "New referrals",
    "digest.chart_within": "Within norm ({norm:plural:# working day|# working days}), %",
    "digest.chart_alt": (
        "Chart: new referrals per week (bars) and the share with a first feedback within "
        "the norm (line), weeks {first} to {last}."
    ),
    "digest.chart_hidden": "<5: not shown (small numbers)",
    "digest.chart_file": "Chart: {path}",
}
