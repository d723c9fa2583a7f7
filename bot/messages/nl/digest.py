"""Dutch texts, the default language: the coordinators' digests."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # digest
    "digest.title": "Weekoverzicht {team} — week {week}",
    "digest.municipality": "gemeente",
    "digest.title_period": "Overzicht {team} — {period}",
    "digest.new_referrals": "Nieuwe verwijzingen: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": (
        "Op tijd een eerste bericht aan de verwijzer (binnen {norm:plural:# werkdag|# werkdagen}): {share} ({within} van {due})"
    ),
    "digest.within_norm_none": "Op tijd een eerste bericht aan de verwijzer (binnen {norm:plural:# werkdag|# werkdagen}): nog geen cijfer",
    "digest.median": "Mediaan tot eerste terugkoppeling: {median} werkdagen",
    "digest.open_prompts": "Vragen aan medewerkers die nog open staan: {count}",
    "digest.escalations": "Opschalingen in deze periode: {count}",
    "digest.overdue_handovers": "Overdrachten over de termijn: {count}",
    "digest.overdue_handover": "  {case_ref} naar {to_team}: {late} over de termijn",
    "digest.one_working_day": "{days} werkdag",
    "digest.working_days": "{days} werkdagen",
    "digest.no_contact": "Partners zonder bereikbare contactpersoon: {count}",
    "digest.no_contact_partner": "  {partner}",
    "weekday.0": "maandag",
    "weekday.1": "dinsdag",
    "weekday.2": "woensdag",
    "weekday.3": "donderdag",
    "weekday.4": "vrijdag",
    "weekday.5": "zaterdag",
    "weekday.6": "zondag",
    # digests
    "digest.message": "{body}",
    "digest.title_municipal": "Weekoverzicht gemeente (alle teams) — week {week}",
    "digest.title_municipal_period": "Overzicht gemeente (alle teams) — {period}",
    "digest.suppressed_note": (
        "Alleen totalen, zonder casusnummers. Minder dan 5 staat er als <5. Soms staat een tweede getal als ≥5, omdat het eerste anders uit te rekenen is. Zo is geen gezin te herkennen."
    ),
    "digest.within_norm_hidden": (
        "Op tijd een eerste bericht aan de verwijzer (binnen {norm:plural:# werkdag|# werkdagen}): {within} van {due} (te weinig voor een percentage)"
    ),
    "digest.spread": (
        "Werkdagen tot eerste terugkoppeling: de helft binnen {median}, 9 van de 10 binnen {p90} (over {count:plural:# verwijzing|# verwijzingen})"
    ),
    "digest.spread_none": "Werkdagen tot eerste terugkoppeling: nog geen cijfer",
    "digest.open_escalations": "Openstaande opschalingen: {count}",
    "digest.overdue_age": "  {age:plural:# werkdag|# werkdagen} over de termijn: {count}",
    "digest.overdue_more": "  … en nog {count}",
    "digest.satisfaction": "Tevredenheid verwijzers (1-10): gemiddeld {average} ({count:plural:# antwoord|# antwoorden})",
    "digest.satisfaction_none": "Cijfer van verwijzers (1-10): nog geen antwoorden",
    "digest.trend": "Trend laatste {weeks} weken (nieuw · binnen norm · tevredenheid):",
    "digest.trend_week": "  {week}: {new} · {share} · {score}",
    "digest.hidden": "–",
    "digest.chart_title": "{scope}: laatste {weeks} weken",
    "digest.chart_new": "Nieuwe verwijzingen",
    "digest.chart_within": "Binnen norm ({norm:plural:# werkdag|# werkdagen}), %",
    "digest.chart_alt": (
        "Grafiek: nieuwe verwijzingen per week (staven), week {first} tot en met {last}. De lijn toont hoeveel procent op tijd een eerste bericht kreeg."
    ),
    "digest.chart_hidden": "<5: niet getoond (kleine aantallen)",
    "digest.chart_file": "Grafiek: {path}",
}
