"""Dutch texts that guide a newcomer through `terugkoppel demo`: the legend and the folder."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "demo.legend_title": "Zo lees je dit:",
    "demo.legend_icons": "  # is Slack, T is Teams en @ is e-mail.",
    "demo.legend_events": "  Een paarse regel is wat iemand doet. Daaronder staat wat terugkoppel stuurt.",
    "demo.legend_refs": "  JT-NRD-2026-0001 is een kenmerk. Namen van kinderen staan er nooit in.",
    "demo.legend_language": "  Elk bericht is in de taal van wie het krijgt. {name} leest Engels.",
    "demo.intake": "aanmeldkanaal {team}",
    "demo.kept": "De overzichten en grafieken staan in deze map: {folder}",
    "demo.folder_problem": "Kan de map {folder} niet gebruiken: {problem}.",
    "console.other_language": "Dit bericht is in de taal van {name}.",
}
