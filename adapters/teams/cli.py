"""`terugkoppel teams …`: build the Teams app package, link people through Graph."""

from __future__ import annotations

import asyncio
import json
import re
import zipfile
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.app.data import Data
from bot.domain.errors import TerugkoppelError
from bot.main.settings import Settings
from bot.messages import text

teams_app = typer.Typer(no_args_is_help=True, help="Microsoft Teams.")
SOURCE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
PLACEHOLDER = "{{TEAMS_APP_ID}}"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
FILES = ("manifest.json", "color.png", "outline.png")


class TeamsNotConfigured(TerugkoppelError):
    key = "cli.teams_not_configured"


class PackageInvalid(TerugkoppelError):
    key = "cli.teams_package_invalid"


def build_package(source: Path, output: Path, *, app_id: str, version: str | None) -> Path:
    """The app zip Teams accepts: manifest.json (with the configured app id as the app's and
    the bot's id) and the two icons, at the root of the archive."""
    if not GUID.match(app_id):
        raise PackageInvalid(problem=f"TERUGKOPPEL_TEAMS_APP_ID {app_id!r} is not a GUID")
    for name in FILES:
        if not (source / name).is_file():
            raise PackageInvalid(problem=f"{source / name} is missing")
    manifest: dict[str, Any] = json.loads(
        (source / "manifest.json").read_text("utf-8").replace(PLACEHOLDER, app_id)
    )
    if version:
        manifest["version"] = version
    if PLACEHOLDER in json.dumps(manifest):
        raise PackageInvalid(problem="manifest.json still has a placeholder")
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for name in FILES[1:]:
            archive.write(source / name, name)
    return output


@teams_app.command("package")
def package(
    output: Annotated[Path, typer.Option(help="Where to write the zip.")] = Path(
        "terugkoppel-teams.zip"
    ),
    version: Annotated[str | None, typer.Option(help="App version, e.g. 1.0.1.")] = None,
    source: Annotated[Path, typer.Option(help="Folder with manifest.json and icons.")] = SOURCE,
) -> None:
    """Build the Teams app package (zip) with the configured app id."""
    settings = Settings()
    if not settings.teams_app_id:
        raise TeamsNotConfigured()
    written = build_package(source, output, app_id=settings.teams_app_id, version=version)
    typer.echo(text("cli.teams_packaged", settings.language, path=str(written)))


@teams_app.command("link")
def link() -> None:
    """Find people in Graph by e-mail and read out-of-office now (also runs daily)."""
    from datetime import UTC, datetime

    from adapters.teams.connector import TeamsAdapter
    from adapters.teams.people import sync
    from bot.domain.model import Platform
    from bot.main.wiring import build

    settings = Settings()
    container = build(settings)
    adapter = container.adapters.get(Platform.TEAMS)
    if not isinstance(adapter, TeamsAdapter):
        raise TeamsNotConfigured()

    async def run() -> Any:
        try:
            data = Data(container.engine)
            return await sync(data, container.rules, adapter, now=datetime.now(UTC))
        finally:
            await container.close()

    report = asyncio.run(run())
    typer.echo(
        text(
            "cli.teams_linked",
            settings.language,
            linked=report.linked,
            away=report.away,
            failed=report.failed,
        )
    )
