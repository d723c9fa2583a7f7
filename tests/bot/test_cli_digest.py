"""`terugkoppel digest` as an operator runs it: --png, --municipality, plain refusals."""

from __future__ import annotations

import codecs
import os
import subprocess
from pathlib import Path

from tests.bot.test_cli import PAYLOADS, TERUGKOPPEL, no_traceback, run
from tests.digest_data import sheet_rows


def test_digest_writes_the_chart_and_links_it_from_the_html(tmp_path: Path) -> None:
    assert run(["import", str(PAYLOADS / "directory.yaml")], tmp_path).returncode == 0
    chart = tmp_path / "trend.png"
    result = run(
        [
            "digest",
            "--team",
            "jt-noord",
            "--week",
            "2026-W48",
            "--format",
            "html",
            "--png",
            str(chart),
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert '<img src="trend.png" alt="Grafiek:' in result.stdout


def test_municipal_digest_in_text_and_csv(tmp_path: Path) -> None:
    assert run(["import", str(PAYLOADS / "directory.yaml")], tmp_path).returncode == 0
    text = run(["digest", "--municipality", "--week", "2026-W48"], tmp_path)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Weekoverzicht gemeente (alle teams) — week 2026-W48")
    assert "Minder dan 5 staat er als <5" in text.stdout
    assert text.stdout.splitlines()[1] == (
        "Voor de gemeente. Dit is het overzicht van alle teams samen."
    )
    csv = run(["digest", "--municipality", "--week", "2026-W48", "--format", "csv"], tmp_path)
    rows = sheet_rows(csv.stdout)
    assert list(rows[0]) == ["Week", "Team", "Kengetal", "Waarde", "Code"]
    assert rows[0] == {
        "Week": "2026-W48",
        "Team": "gemeente (alle teams)",
        "Kengetal": "Nieuwe verwijzingen",
        "Waarde": "0",
        "Code": "new_referrals",
    }


def test_csv_is_for_dutch_excel_and_the_html_a_whole_mail_document(tmp_path: Path) -> None:
    assert run(["import", str(PAYLOADS / "directory.yaml")], tmp_path).returncode == 0
    week = ["digest", "--team", "jt-noord", "--week", "2026-W48"]
    raw = subprocess.run(
        [TERUGKOPPEL, *week, "--format", "csv"],
        cwd=tmp_path,
        env={**os.environ, "TERUGKOPPEL_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"},
        capture_output=True,
        timeout=120,
    )
    assert raw.returncode == 0, raw.stderr
    assert raw.stdout.startswith(codecs.BOM_UTF8 + b"Week;Team;Kengetal;Waarde;Code\r\n")
    rows = sheet_rows(raw.stdout.decode("utf-8"))
    assert {row["Team"] for row in rows} == {"Jeugdteam Noord"}
    labels = {row["Code"]: row["Kengetal"] for row in rows}
    assert labels["satisfaction_average"] == "Tevredenheid (1-10)"
    english = run([*week, "--format", "csv"], tmp_path, TERUGKOPPEL_LANGUAGE="en")
    assert "Week,Team,Figure,Value,Code" in english.stdout.splitlines()[0]

    chart = tmp_path / "trend.png"
    page = run([*week, "--format", "html", "--png", str(chart), "--cid"], tmp_path)
    assert page.returncode == 0, page.stderr
    out = page.stdout
    assert out.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert '<meta charset="utf-8">' in out and out.rstrip().endswith("</html>")
    assert "<style" not in out and "class=" not in out  # mail clients drop both
    assert '<img src="cid:trend.png"' in out
    assert "Voor de coördinatoren van Jeugdteam Noord." in out
    alone = run([*week, "--format", "html", "--cid"], tmp_path)
    assert alone.returncode == 2 and "Bij --cid hoort --png" in alone.stderr
    no_traceback(alone)


def test_municipality_and_team_together_or_an_unwritable_chart_are_refused(
    tmp_path: Path,
) -> None:
    both = run(["digest", "--municipality", "--team", "jt-noord"], tmp_path)
    assert both.returncode == 2 and "laat --team dan weg" in both.stderr
    no_traceback(both)
    nowhere = run(["digest", "--png", str(tmp_path / "nope" / "trend.png")], tmp_path)
    assert (
        nowhere.returncode == 2 and "Kan " in nowhere.stderr and "niet schrijven" in nowhere.stderr
    )
    no_traceback(nowhere)


def test_digest_settings_are_checked_at_start(tmp_path: Path) -> None:
    day = run(["check"], tmp_path, TERUGKOPPEL_DIGEST_WEEKDAY="someday")
    assert day.returncode == 2 and "TERUGKOPPEL_DIGEST_WEEKDAY" in day.stderr
    who = run(["check"], tmp_path, TERUGKOPPEL_DIGEST_MUNICIPALITY="fax:0781234567")
    assert who.returncode == 2 and "TERUGKOPPEL_DIGEST_MUNICIPALITY" in who.stderr
    fine = run(
        ["digest", "--week", "2026-W48"],
        tmp_path,
        TERUGKOPPEL_DIGEST_WEEKDAY="dinsdag",
        TERUGKOPPEL_DIGEST_TIME="09:15",
        TERUGKOPPEL_DIGEST_MUNICIPALITY="beleid, email:jeugd@gemeente.example",
    )
    assert fine.returncode == 0, fine.stderr
    no_traceback(day)
