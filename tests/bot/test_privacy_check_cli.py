"""`terugkoppel privacy check [TEXT]` (issue 19): exit 0 nothing found, 1 found, 2 usage;
`--json` one object per checked text, `--lines` every line on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")


def check(
    *args: str, stdin: str | None = None, database: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERUGKOPPEL_")}
    if database is not None:
        env["TERUGKOPPEL_DATABASE_URL"] = database
    return subprocess.run(
        [TERUGKOPPEL, "privacy", "check", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def test_a_phone_number_is_found_with_its_span() -> None:
    note = "Bel moeder op 06 12 34 56 78 na drie uur"
    result = check("--json", note)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == {"findings": [{"kind": "phone", "start": 14, "end": 28}]}


def test_an_ordinary_note_passes() -> None:
    result = check("--json", "Intake gepland, ouders zijn akkoord. Score 7/10, fase 2-3.")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"findings": []}


def test_the_plain_output_marks_the_spans_and_gives_the_hint() -> None:
    result = check("gesprek met emma over school")
    assert result.returncode == 1
    assert "⟦emma⟧" in result.stdout
    assert "dit lijkt een naam" in result.stdout


def test_lines_are_checked_one_by_one_from_standard_input() -> None:
    text = "Contact gehad met school\nmail: jan(at)gmail.com\nbsn 123.456.782\n"
    result = check("--lines", "--json", stdin=text)
    assert result.returncode == 1, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [[f["kind"] for f in o["findings"]] for o in objects] == [[], ["email"], ["bsn"]]
    assert objects[2]["findings"][0] == {"kind": "bsn", "start": 4, "end": 15}


def test_nothing_found_on_standard_input_exits_0() -> None:
    result = check(stdin="Huisbezoek gedaan, situatie thuis is rustig.\n")
    assert result.returncode == 0
    assert "Niets gevonden" in result.stdout


def test_no_text_and_no_input_is_a_usage_error() -> None:
    # stdin is /dev/null here (no TTY): an empty text, nothing found. A bad option is usage.
    assert check("--no-such-option", "x").returncode == 2


def test_with_directory_the_directorys_names_count_as_the_service_counts_them(
    tmp_path: Path,
) -> None:
    """A surname in no list of the guard's own is found once the directory has it."""
    directory = tmp_path / "directory.yaml"
    directory.write_text(
        "organisations: [{id: hap, name: Huisartsen, kind: gp}]\n"
        "teams: [{id: jt, name: Jeugdteam, intake: {slack: C0INTAKE1}}]\n"
        "people: [{id: anna, name: Anna Zwartkop, email: anna@jt.example, team: jt,"
        " roles: [professional], slack: U0ANNA}]\n",
        encoding="utf-8",
    )
    database = f"sqlite:///{tmp_path / 'terugkoppel.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERUGKOPPEL_")}
    imported = subprocess.run(
        [TERUGKOPPEL, "import", str(directory)],
        env={**env, "TERUGKOPPEL_DATABASE_URL": database},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    note = "gesprek met Zwartkop gehad"
    assert check("--json", note, database=database).returncode == 0
    result = check("--directory", "--json", note, database=database)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == {"findings": [{"kind": "name", "start": 12, "end": 20}]}
