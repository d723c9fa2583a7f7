"""English texts of `terugkoppel tick --dry-run`: what a pass would send, for the operator."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "cli.tick_dry_header": "Dry run: nothing is sent and nothing changes.",
    "cli.tick_dry_line": "  to {to} ({channel}): {text}",
    "cli.tick_dry_person_channel": "their own channel",
    "cli.tick_dry_done": "Would send: {count}. Actions: {actions}. Nothing changed.",
}
