"""Dutch texts of `terugkoppel tick --dry-run`: what a pass would send, for the operator."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "cli.tick_dry_header": "Proefronde: er gaat niets weg en er verandert niets.",
    "cli.tick_dry_line": "  aan {to} ({channel}): {text}",
    "cli.tick_dry_person_channel": "eigen kanaal",
    "cli.tick_dry_done": "Te versturen: {count}. Acties: {actions}. Niets is veranderd.",
}
