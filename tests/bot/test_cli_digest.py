"""`terugkoppel digest` as an operator runs it: --png, --municipality, plain refusals."""

from __future__ import annotations

from pathlib import Path

from tests.bot.test_cli import PAYLOADS, no_traceback, run


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
    assert "Aantallen onder de 5 staan er als <5" in text.stdout
    csv = run(["digest", "--municipality", "--week", "2026-W48", "--format", "csv"], tmp_path)
    assert csv.stdout.splitlines()[1].startswith("2026-W48,municipality,new_referrals,")


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
