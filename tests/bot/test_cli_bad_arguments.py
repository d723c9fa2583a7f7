"""Every verb of the command line with bad arguments, as real processes: an unknown option, a
missing argument, a bad value, a bad file. Each ends with exit code 2 and one Dutch sentence
on stderr, nothing on stdout, never a traceback. A new verb must be added to BAD below."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from bot.main.cli import app
from bot.main.cli_language import commands

TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")
UNKNOWN = ["--geen-optie"]

# verb -> the bad command lines it is tried with, besides UNKNOWN ({tmp}: a fresh folder)
BAD: dict[str, list[list[str]]] = {
    "": [["geen-opdracht"], ["--lang", "fr", "demo"]],
    "demo": [["--days", "3"], ["--days", "veel"], ["extra"]],
    "serve": [["--port", "poort"], ["--port", "99999"], ["--port"]],
    "worker": [["extra"]],
    "tick": [["--now"], ["--now", "gisteren"]],
    "import": [[], ["{tmp}/bestaat-niet.yaml"], ["{tmp}/adresboek.txt"], ["{tmp}/leeg.yaml"]],
    "digest": [
        ["--format", "pdf"],
        ["--week", "vorige"],
        ["--team"],
        ["--png", "{tmp}/geen/map/grafiek.png"],
        ["--regio", "--team", "jt-noord"],
        ["--regio", "--format", "csv"],
    ],
    "check": [["extra"]],
    "db": [["geen-opdracht"]],
    "db upgrade": [["extra"]],
    "slack": [["geen-opdracht"]],
    "slack link": [["extra"]],
    "teams": [["geen-opdracht"]],
    "teams link": [["extra"]],
    "teams package": [["--output"], ["--source", "{tmp}/geen-map"]],
    "referrer": [["geen-opdracht"]],
    "referrer ask": [[], ["JT-1", "toestemming"], ["JT-1", "wachten", "--by", "p1"]],
    "referrer done": [[], ["JT-1", "--by", "p1", "--kind", "wachten"]],
    "handover": [["geen-opdracht"]],
    "handover start": [
        [],
        ["JT-1", "--by", "p1"],
        ["JT-1", "--to", "t2", "--by", "p1", "--meeting", "morgen"],
    ],
    "handover accept": [[], ["JT-1"]],
    "handover decline": [[], ["JT-1", "--by", "p1", "--reason", "zomaar"]],
    "referral": [["geen-opdracht"]],
    "referral decline": [[], ["JT-1", "--by", "p1"], ["JT-1", "--by", "p1", "--reason", "zomaar"]],
    "referral lead": [[], ["JT-1"]],
    "overleg": [["geen-opdracht"]],
    "overleg set": [
        [],
        ["team", "partner", "--first", "morgen"],
        ["team", "partner", "--first", "2026-12-08T13:00", "--every", "vaak"],
    ],
    "overleg list": [["extra"]],
    "overleg remove": [[], ["team"]],
    "apikey": [["geen-opdracht"]],
    "apikey create": [[]],
    "apikey list": [["extra"]],
    "apikey revoke": [[]],
    "consent": [["geen-opdracht"]],
    "consent set": [
        [],
        ["JT-1", "alles"],
        ["JT-1", "geen", "--given-by", "buren"],
        ["JT-1", "geen", "--birth-month", "maart"],
    ],
    "audit": [["geen-opdracht"]],
    "audit export": [["--from", "gisteren"], ["--output", "{tmp}/geen/map/audit.csv"]],
    "audit verify": [["extra"]],
    "retention": [["geen-opdracht"]],
    "retention purge": [["extra"]],
    "person": [["geen-opdracht"]],
    "person export": [[]],
    "privacy": [["geen-opdracht"]],
    "privacy check": [["een", "twee"]],
    "tenant": [["geen-opdracht"]],
    "tenant create": [[], ["rivierdal"], ["rivierdal", "--name"]],
    "tenant link": [[], ["rivierdal"]],
    "tenant list": [["extra"]],
    "tenant set": [
        [],
        ["default"],
        ["default", "--feedback-norm", "veel"],
        ["default", "--feedback-norm", "0"],
        ["default", "--office-hours", "17:00-08:00"],
        ["default", "--mail-from", "geen adres"],
        ["default", "--reset", "kleur"],
        ["nergens", "--feedback-norm", "3"],
    ],
    "tenant show": [[], ["nergens"]],
    "webhook": [["geen-opdracht"]],
    "webhook add": [[], ["--organisation", "school", "--url", "ftp://x"]],
    "webhook list": [["extra"]],
    "webhook remove": [[], ["veel"]],
    "webhook log": [["--limit", "0"], ["--webhook", "een"]],
}

# Words that would show the parser's (or the system's) English leaking through.
ENGLISH = re.compile(
    r"\b(the|is not|must|should|input|invalid|missing|usage|error|cannot|no such|try|"
    r"expected|does not|unexpected|argument|value|option|file|directory|permission)\b",
    re.IGNORECASE,
)


def verbs() -> list[str]:
    return [" ".join(path) for path, _ in commands(typer.main.get_command(app))]


def cases() -> list[tuple[str, list[str]]]:
    return [(verb, [*verb.split(), *bad]) for verb in BAD for bad in [UNKNOWN, *BAD[verb]]]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    env["TERUGKOPPEL_DATABASE_URL"] = f"sqlite:///{cwd / 'cli.db'}"
    line = [arg.replace("{tmp}", str(cwd)) for arg in args]
    return subprocess.run(
        [TERUGKOPPEL, *line], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_every_verb_is_tried() -> None:
    assert sorted(BAD) == sorted(verbs())


@pytest.mark.parametrize(("verb", "args"), cases(), ids=lambda value: str(value))
def test_bad_arguments_end_in_one_dutch_sentence_and_exit_2(
    tmp_path: Path, verb: str, args: list[str]
) -> None:
    (tmp_path / "adresboek.txt").write_text("mensen", encoding="utf-8")
    (tmp_path / "leeg.yaml").write_text("", encoding="utf-8")
    result = run(args, tmp_path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (args, result.returncode, result.stderr)
    assert len(lines) == 1, (args, result.stderr)
    assert result.stdout == "", (args, result.stdout)
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr
    assert not ENGLISH.search(lines[0]), (args, lines[0])


def test_the_same_mistake_reads_in_english_with_lang_en(tmp_path: Path) -> None:
    result = run(["--lang", "en", "demo", "--days", "3"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "--days must be at least 14, not '3'."
    dutch = run(["demo", "--days", "3"], tmp_path)
    assert dutch.stderr.strip() == "--days moet minstens 14 zijn, niet '3'."


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TERUGKOPPEL_OFFICE_START", "half negen"),
        ("TERUGKOPPEL_TIMEZONE", "Mars/Olympus"),
        ("TERUGKOPPEL_DATABASE_URL", "mysql://x"),
        ("TERUGKOPPEL_FEEDBACK_NORM_WORKING_DAYS", "0"),
        ("TERUGKOPPEL_REMINDER_LADDER", "drie"),
        ("TERUGKOPPEL_LOG_FORMAT", "xml"),
        ("TERUGKOPPEL_DIGEST_WEEKDAY", "zondagmiddag"),
        ("TERUGKOPPEL_SLACK_BOT_TOKENS", "rivierdal=xoxb-1"),
        ("TERUGKOPPEL_SLACK_BOT_TOKENS_DIR", "/geen/map"),
    ],
)
def test_a_bad_setting_is_one_dutch_sentence_too(tmp_path: Path, name: str, value: str) -> None:
    """pydantic's own English ("Input should be …") never reaches the operator."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TERUGKOPPEL_", "SLACK_"))}
    env.setdefault("TERUGKOPPEL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    env[name] = value
    result = subprocess.run(
        [TERUGKOPPEL, "tick"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert name in lines[0] and lines[0].startswith("Instelling")
    assert not ENGLISH.search(lines[0].replace(name, "X")), lines[0]
