"""The Teams manifest (1.24): the overview as a personal tab with the sign-in registration
(webApplicationInfo) and its domain, the message extension's commands as the code answers
them, and `teams package` naming what the tab needs when it is missing."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from adapters.teams.cli import (
    SOURCE,
    PackageInvalid,
    TabNeedsHttps,
    TabNeedsSignIn,
    build_package,
    tab_for,
)
from adapters.teams.dialogs import REFERRAL_DIALOG
from adapters.teams.invokes import SEARCH_PARAMETER
from bot.app.chat import commands

APP_ID = "00000000-0000-4000-8000-00000000b07a"
CLIENT_ID = "5a1e0c9d-0000-4000-8000-0000000000c1"
PUBLIC = "https://terugkoppel.oosterwaard.nl"


def _manifest(zip_path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(zip_path) as archive:
        return dict(json.loads(archive.read("manifest.json")))


def test_the_overview_is_a_personal_tab_with_sign_in_and_its_domain(tmp_path: Path) -> None:
    tab = tab_for(PUBLIC + "/", CLIENT_ID)
    manifest = _manifest(
        build_package(SOURCE, tmp_path / "a.zip", app_id=APP_ID, version=None, tab=tab)
    )
    assert manifest["manifestVersion"] == "1.24" and "v1.24" in manifest["$schema"]
    [static] = manifest["staticTabs"]
    assert static["contentUrl"] == f"{PUBLIC}/overzicht/teams"
    assert static["websiteUrl"] == f"{PUBLIC}/overzicht" and static["scopes"] == ["personal"]
    assert manifest["webApplicationInfo"] == {
        "id": CLIENT_ID,
        "resource": f"api://terugkoppel.oosterwaard.nl/{CLIENT_ID}",
    }
    assert manifest["validDomains"] == ["terugkoppel.oosterwaard.nl"]


def test_the_message_extension_and_command_list_match_what_the_code_answers(
    tmp_path: Path,
) -> None:
    manifest = _manifest(build_package(SOURCE, tmp_path / "a.zip", app_id=APP_ID, version=None))
    assert "staticTabs" not in manifest and manifest["validDomains"] == []
    [extension] = manifest["composeExtensions"]
    assert extension["botId"] == APP_ID
    by_id = {c["id"]: c for c in extension["commands"]}
    assert by_id["verwijzing"]["type"] == "action" and by_id["verwijzing"]["fetchTask"] is True
    assert by_id["zaak"]["type"] == "query"
    assert [p["name"] for p in by_id["zaak"]["parameters"]] == [SEARCH_PARAMETER]
    listed = [c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]]
    assert listed == list(commands.LISTED)
    assert all(commands.parse(title) is not None for title in listed if title != commands.HELP)
    assert REFERRAL_DIALOG == "referral"


def test_the_tab_needs_a_client_id_and_https() -> None:
    with pytest.raises(TabNeedsSignIn):
        tab_for(PUBLIC, None)
    with pytest.raises(PackageInvalid):
        tab_for(PUBLIC, "not-a-guid")
    with pytest.raises(TabNeedsHttps):
        tab_for("http://127.0.0.1:8000", CLIENT_ID)


def test_teams_package_names_the_missing_sign_in_setting_in_dutch(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "TERUGKOPPEL_TEAMS_APP_ID": APP_ID,
        "TERUGKOPPEL_TEAMS_APP_PASSWORD": "x",
        "TERUGKOPPEL_TEAMS_TENANT_ID": "t",
        "TERUGKOPPEL_PUBLIC_URL": PUBLIC,
    }
    terugkoppel = str(Path(sys.executable).parent / "terugkoppel")
    run = [terugkoppel, "teams", "package", "--output", str(tmp_path / "a.zip")]

    def package(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            run,
            env={**env, **extra},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    missing = package()
    assert missing.returncode == 2
    assert "TERUGKOPPEL_OIDC_CLIENT_ID" in missing.stderr and "--zonder-overzicht" in missing.stderr
    assert "Traceback" not in missing.stderr and not (tmp_path / "a.zip").exists()
    # the whole sign-in set, as an operator sets it (branch h21o checks them together)
    done = package(
        TERUGKOPPEL_OIDC_CLIENT_ID=CLIENT_ID,
        TERUGKOPPEL_OIDC_ISSUER="https://login.microsoftonline.com/7d1c2b3a-0000-4000-8000-0000000000aa/v2.0",
        TERUGKOPPEL_OIDC_CLIENT_SECRET="s3cr3t",
    )
    assert done.returncode == 0, done.stderr
    assert _manifest(tmp_path / "a.zip")["webApplicationInfo"]["id"] == CLIENT_ID
