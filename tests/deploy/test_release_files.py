"""What an operator gets besides the code: the licence, the hashed lock, the compose example
directory and certificate script, and a Slack manifest that agrees with the README."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from tests.deploy.test_files import DEPLOY, ROOT, dockerfile, http_paths, lock_entries


def test_every_pin_in_the_lock_has_a_sha256_and_the_image_requires_them() -> None:
    for name, (_, hashes) in lock_entries().items():
        assert hashes, f"{name} has no --hash in deploy/requirements.lock"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name
    installs = [r for k, r in dockerfile() if k == "RUN" and "requirements.lock" in r]
    assert installs and all("--require-hashes" in rest for rest in installs)


def test_the_licence_pyproject_names_is_in_the_repository_in_full() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert data["project"]["license"] == "EUPL-1.2"
    assert data["project"]["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert licence.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    articles = re.findall(r"^ {4}(\d+)\. ", licence, re.MULTILINE)
    assert articles == [str(n) for n in range(1, 16)]  # all fifteen articles
    assert "'Compatible Licences' according to Article 5 EUPL are:" in licence


def test_the_compose_example_directory_imports_and_the_certificate_script_works(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from tests.bot.test_cli import no_traceback, run

    first = run(["import", str(DEPLOY / "directory.example.yaml")], tmp_path)
    assert first.returncode == 0, first.stderr
    no_traceback(first)
    again = run(["import", str(DEPLOY / "directory.example.yaml")], tmp_path)
    assert again.returncode == 0, again.stderr
    made = subprocess.run(
        [sys.executable, str(DEPLOY / "dev_certs.py"), str(tmp_path / "certs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "(made)" in made.stdout
    bundle = (tmp_path / "certs" / "bundle.pem").read_text("ascii")
    assert bundle.rstrip().endswith((tmp_path / "certs" / "mailpit.crt").read_text().rstrip())
    assert ((tmp_path / "certs" / "mailpit.key").stat().st_mode & 0o777) == 0o644


NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
}


def test_the_slack_manifest_has_as_many_addresses_as_the_docs_say() -> None:
    manifest_text = (DEPLOY / "slack" / "manifest.yaml").read_text("utf-8")
    manifest = yaml.safe_load(manifest_text)
    urls = [command["url"] for command in manifest["features"]["slash_commands"]]
    events = manifest["settings"]["event_subscriptions"]
    interactivity = manifest["settings"]["interactivity"]
    urls += [events["request_url"], interactivity["request_url"]]
    urls += [interactivity["message_menu_options_url"]]
    example = "https://terugkoppel.example.nl"
    assert all(url == f"{example}/slack/events" for url in urls)
    assert "/slack/events" in http_paths()
    lines = [line for line in manifest_text.splitlines() if not line.lstrip().startswith("#")]
    assert sum(line.count(example) for line in lines) == len(urls)  # none missed above
    pattern = re.compile(r"the (\w+)\s+(?:#\s+)?`?https://terugkoppel\.example\.nl`?")
    said = {
        "README.md": pattern.findall((ROOT / "README.md").read_text("utf-8")),
        "manifest.yaml": pattern.findall(manifest_text),
    }
    for where, numbers in said.items():
        assert numbers, f"{where} does not say how many addresses to replace"
        assert [NUMBERS[n] for n in numbers] == [len(urls)] * len(numbers), where
