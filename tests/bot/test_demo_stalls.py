"""The demo's two weeks show waiting times in the digests, care that stalls escalated, and an
urgent page nobody took going on through the rota to the coordinator."""

from __future__ import annotations

from pathlib import Path

from tests.bot.test_cli import no_traceback, run


def test_demo_shows_a_repage_stalled_care_and_waiting_times(tmp_path: Path) -> None:
    result = run(["demo"], tmp_path)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    out = " ".join(result.stdout.split())  # the console wraps long lines
    assert "Bram Jansen had piket en reageerde niet binnen 15 minuten." in out
    assert "Jij bent de volgende in het rooster." in out
    assert "De piket reageerde niet binnen 15 minuten. Pak hem op of wijs hem toe." in out
    assert "JT-NRD-2026-0002 staat al 5 werkdagen op 'toegewezen aan een medewerker'." in out
    assert "Bram Jansen heeft JT-NRD-2026-0003 al 2 keer op 'nog niet' gezet." in out
    assert "U hoort uiterlijk op 30-04-2026 van ons." in out  # 22 April + 5, Koningsdag skipped
    digest = out[out.index("Overzicht Jeugdteam Noord — 22-04-2026 – 06-05-2026") :]
    assert "Vastgelopen zorg in deze periode: 5" in digest
    # ST-ZD-2026-0001, handed over to Jeugdteam Noord, counts for Sociaal team Zuid that
    # received it (waiting times by the intake team, like every digest figure)
    assert (
        "tot eerste contact: de helft binnen 2, 4 van de 5 binnen 2 (over 2 verwijzingen)" in digest
    )
    municipal = out[out.index("Overzicht gemeente (alle teams) — 22-04-2026") :]
    assert (
        "tot eerste contact: de helft binnen –, 4 van de 5 binnen – (over <5 verwijzingen)"
        in municipal
    )
