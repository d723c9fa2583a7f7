"""Every text the overview's templates read is in the catalogue, in both languages, and the
templates hold no Dutch or English sentence of their own."""

from __future__ import annotations

import re
from pathlib import Path

from bot.messages import CATALOGUES

TEMPLATES = Path(__file__).resolve().parents[2] / "adapters" / "web" / "templates"


def test_every_key_a_template_reads_is_in_both_catalogues() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""t\(\s*["']([a-z_.]+)["']""", template.read_text("utf-8")))
    assert "overview.title" in used
    for language in ("nl", "en"):
        assert used - set(CATALOGUES[language]) == set(), language


def test_templates_hold_no_sentences_of_their_own() -> None:
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text("utf-8")
        without_code = re.sub(r"\{[{%].*?[%}]\}", "", source, flags=re.S)
        words = re.sub(r"<[^>]+>", " ", without_code).split()
        assert [w for w in words if re.search(r"[A-Za-z]", w) and w != "terugkoppel"] == [], (
            template.name
        )
