"""The command line as an operator uses it: real processes, exit codes, plain sentences."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")
PAYLOADS = Path(__file__).resolve().parents[1] / "payloads" / "directory"


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    clean.setdefault("TERUGKOPPEL_DATABASE_URL", f"sqlite:///{cwd / 'cli.db'}")
    clean.update(env)
    return subprocess.run(
        [TERUGKOPPEL, *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=120
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert 'File "' not in result.stderr


def test_demo_runs_two_weeks_and_ends_with_the_digest(tmp_path: Path) -> None:
    temporary = tmp_path.parent / f"{tmp_path.name}-tmp"  # where the demo keeps its folder
    temporary.mkdir()
    result = run(["demo"], tmp_path, TMPDIR=str(temporary))
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    out = result.stdout
    assert "Koningsdag" in out
    assert "SPOED" in out  # the night-time zorgmelding reached the piket
    assert "Opschaling: Carla Mulder" in out  # the ladder reached the coordinator
    assert "Opschaling: de overdracht" in out  # the stalled handover
    assert "afwezig; jij bent vervanger" in out  # the backup took over
    assert "Op tijd een eerste bericht aan de verwijzer (binnen 5 werkdagen):" in out
    assert not list(tmp_path.iterdir())  # nothing left behind in the working folder
    # the digests stay in the folder it names at the end (the browser that takes the
    # overview's picture may leave its own scratch folders beside it)
    (kept,) = [p for p in temporary.iterdir() if p.name.startswith("terugkoppel-")]
    assert out.rstrip().endswith(str(kept)) and (kept / "overzicht-gemeente.png").is_file()


def test_demo_explains_itself_names_people_and_keeps_its_digests(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run(["demo", "--folder", str(folder)], tmp_path, COLUMNS="200")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    legend = lines[1:6]
    assert legend[0] == "Zo lees je dit:" and "# is Slack, T is Teams en @ is e-mail." in legend[1]
    assert "Fleur Hendriks leest Engels." in legend[4]
    heads = [line for line in lines if " → " in line]
    assert any(line.endswith("# → aanmeldkanaal Jeugdteam Noord") for line in heads)
    assert any(line.endswith("@ → Dr. Bakker (bakker@hap-noord.example)") for line in heads)
    for raw in ("U0ANNA", "C0INTAKE1", "19:intake-zuid@thread.tacv2", "8c2f1e0a-"):
        assert raw not in result.stdout, raw  # chat ids mean nothing to a reader
    english = lines.index(next(line for line in heads if line.endswith("T → Fleur Hendriks")))
    assert "Dit bericht is in de taal van Fleur Hendriks." in "\n".join(lines[english:][:6])
    assert lines[-1] == f"De overzichten en grafieken staan in deze map: {folder}"
    for team in ("jt-noord", "st-zuid", "gemeente"):
        for suffix in (".txt", ".html", ".csv", ".png"):
            assert (folder / f"overzicht-{team}{suffix}").is_file(), (team, suffix)
    charts = [line.split("Grafiek: ", 1)[1].strip() for line in lines if "Grafiek: " in line]
    assert charts and all(Path(chart).is_file() for chart in charts)  # not deleted
    assert "As you gave" not in result.stdout + result.stderr  # no Bolt warning in the log


@pytest.mark.parametrize("value", ["gisteren", "2026-11-23T09:00"])
def test_tick_with_a_bad_moment_says_so_and_exits_2(tmp_path: Path, value: str) -> None:
    result = run(["tick", "--now", value], tmp_path)
    assert result.returncode == 2
    assert "is geen tijdstip in ISO 8601" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TERUGKOPPEL_OFFICE_START", "half negen"),
        ("TERUGKOPPEL_TIMEZONE", "Mars/Olympus"),
        ("TERUGKOPPEL_DATABASE_URL", "mysql://x"),
        ("TERUGKOPPEL_FEEDBACK_NORM_WORKING_DAYS", "0"),
    ],
)
def test_a_malformed_setting_is_named_and_exits_2(tmp_path: Path, name: str, value: str) -> None:
    result = run(["tick"], tmp_path, **{name: value})
    assert result.returncode == 2
    assert name in result.stderr
    no_traceback(result)


def test_an_inconsistent_ladder_is_refused(tmp_path: Path) -> None:
    result = run(["tick"], tmp_path, TERUGKOPPEL_REMINDER_LADDER="3,2,1")
    assert result.returncode == 2
    assert "TERUGKOPPEL_REMINDER_LADDER" in result.stderr
    no_traceback(result)


def test_import_is_idempotent_and_an_invalid_file_changes_nothing(
    tmp_path: Path, db_url: str
) -> None:
    first = run(
        ["import", str(PAYLOADS / "directory.yaml")], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url
    )
    if first.returncode != 0 and "db upgrade" in first.stderr:
        assert run(["db", "upgrade"], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url).returncode == 0
        first = run(
            ["import", str(PAYLOADS / "directory.yaml")], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url
        )
    assert first.returncode == 0, first.stderr
    again = run(
        ["import", str(PAYLOADS / "directory.yaml")], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url
    )
    assert "Nieuw: 0. Gewijzigd: 0." in again.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "people:\n  - {id: zoe, name: Zoe, email: not-an-address, team: jt-noord, roles: [professional]}\n"
    )
    refused = run(["import", str(bad)], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url)
    assert refused.returncode == 2
    assert "people[1] (id=zoe)" in refused.stderr and "'email'" in refused.stderr
    assert "Er is niets gewijzigd" in refused.stderr
    no_traceback(refused)
    after = run(
        ["import", str(PAYLOADS / "directory.yaml")], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url
    )
    assert "Nieuw: 0. Gewijzigd: 0." in after.stdout and "Weg: 0." in after.stdout


def test_postgresql_needs_an_explicit_upgrade_first(tmp_path: Path, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite sets itself up")
    result = run(["tick"], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url)
    assert result.returncode == 2
    assert "terugkoppel db upgrade" in result.stderr
    assert run(["db", "upgrade"], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url).returncode == 0
    assert (
        run(
            ["tick", "--now", "2026-11-23T09:00+01:00"], tmp_path, TERUGKOPPEL_DATABASE_URL=db_url
        ).returncode
        == 0
    )


def test_digest_refuses_an_unknown_team_or_week(tmp_path: Path) -> None:
    week = run(["digest", "--week", "week 48"], tmp_path)
    assert week.returncode == 2 and "geen week als 2026-W48" in week.stderr
    team = run(["digest", "--team", "jt-nergens", "--week", "2026-W48"], tmp_path)
    assert team.returncode == 2 and "bestaat niet" in team.stderr
    no_traceback(team)


def test_digest_prints_text_and_csv_for_a_real_database(tmp_path: Path) -> None:
    assert run(["import", str(PAYLOADS / "directory.yaml")], tmp_path).returncode == 0
    text = run(["digest", "--week", "2026-W48"], tmp_path)
    assert text.returncode == 0 and "Weekoverzicht gemeente — week 2026-W48" in text.stdout
    csv = run(["digest", "--week", "2026-W48", "--format", "csv"], tmp_path)
    assert csv.stdout.splitlines()[0] == "\ufeffWeek;Team;Kengetal;Waarde;Code"  # Dutch Excel


def test_english_operators_get_english(tmp_path: Path) -> None:
    result = run(["tick", "--now", "yesterday"], tmp_path, TERUGKOPPEL_LANGUAGE="en")
    assert "is not an ISO 8601 moment" in result.stderr


def test_version_prints_the_installed_version(tmp_path: Path) -> None:
    result = run(["--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"terugkoppel {metadata.version('terugkoppel')}"


def test_check_on_a_fresh_embedded_database_passes(tmp_path: Path) -> None:
    """The README says the embedded SQLite sets itself up: `check` does not call its empty
    schema a problem, and nothing else is configured yet."""
    result = run(["check"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "werkt zichzelf bij" in result.stdout and "PROBLEEM" not in result.stderr


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_serve_on_a_port_that_does_not_exist_says_so(tmp_path: Path, port: str) -> None:
    result = run(["serve", f"--port={port}"], tmp_path)
    assert result.returncode == 2
    assert f"Poort {port} bestaat niet" in result.stderr
    no_traceback(result)


def test_serve_on_a_port_in_use_says_so_in_one_sentence(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(["serve", "--port", str(port)], tmp_path)
    assert result.returncode == 2
    assert f"Poort {port} op 127.0.0.1 is al in gebruik" in " ".join(result.stderr.split())
    no_traceback(result)


def test_the_example_in_docs_directory_md_imports(tmp_path: Path) -> None:
    """The operator's first file is the documented example: it must be accepted as written."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "directory.md").read_text("utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "directory.yaml").write_text(example, encoding="utf-8")
    result = run(["import", str(tmp_path / "directory.yaml")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Het adresboek is ingelezen" in result.stdout and "Nieuw: 0." not in result.stdout
