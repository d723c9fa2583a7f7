"""English texts that guide a newcomer through `terugkoppel demo`: the legend and the folder."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "demo.legend_title": "How to read this:",
    "demo.legend_icons": "  # is Slack, T is Teams and @ is e-mail.",
    "demo.legend_events": "  A purple line is what someone does. Below it is what terugkoppel sends.",
    "demo.legend_refs": "  JT-NRD-2026-0001 is a reference. Children's names are never in it.",
    "demo.legend_language": "  Each message is in its reader's language: Dutch, but English for {name}.",
    "demo.intake": "intake channel {team}",
    "demo.kept": "The digests and charts are in this folder: {folder}",
    "demo.folder_problem": "Cannot use the folder {folder}: {problem}.",
    "console.other_language": "This message is in {name}'s language.",
}
