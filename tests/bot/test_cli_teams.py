"""`terugkoppel teams package`: the app zip with the configured app id."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from adapters.teams.cli import SOURCE, PackageInvalid, build_package

APP_ID = "00000000-0000-4000-8000-00000000b07a"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_carries_the_app_id_and_both_icons(tmp_path: Path) -> None:
    zip_path = build_package(SOURCE, tmp_path / "app.zip", app_id=APP_ID, version="1.2.3")
    with zipfile.ZipFile(zip_path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert _png_size(archive.read("color.png")) == (192, 192)
        assert _png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert manifest["version"] == "1.2.3"
    major, minor = (int(p) for p in manifest["manifestVersion"].split("."))
    assert (major, minor) >= (1, 17)
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team"}


def test_an_app_id_that_is_not_a_guid_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackageInvalid):
        build_package(SOURCE, tmp_path / "app.zip", app_id="my-bot", version=None)


def test_the_cli_writes_the_zip_and_names_what_is_missing(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "TERUGKOPPEL_TEAMS_APP_ID": APP_ID,
        "TERUGKOPPEL_TEAMS_APP_PASSWORD": "x",
        "TERUGKOPPEL_TEAMS_TENANT_ID": "t",
    }
    terugkoppel = str(Path(sys.executable).parent / "terugkoppel")
    run = [terugkoppel, "teams", "package", "--output", str(tmp_path / "a.zip")]
    run.append("--zonder-overzicht")  # the tab and its sign-in: tests/bot/test_teams_manifest.py
    done = subprocess.run(
        run, env=env, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.zip").is_file()
    bare = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        run, env=bare, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 2 and "TERUGKOPPEL_TEAMS_APP_ID" in done.stderr


def test_a_partial_teams_setup_names_the_missing_variable() -> None:
    from pydantic import SecretStr, ValidationError

    from bot.main.settings import Settings

    with pytest.raises(ValidationError, match="TERUGKOPPEL_TEAMS_TENANT_ID"):
        Settings(  # type: ignore[call-arg]
            _env_file=None, teams_app_id=APP_ID, teams_app_password=SecretStr("x")
        )
    ok = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not ok.teams_configured
