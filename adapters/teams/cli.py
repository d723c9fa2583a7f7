"""`terugkoppel teams …`: build the Teams app package, link people through Graph."""

from __future__ import annotations

import asyncio
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, cast
from urllib.parse import urlsplit

import typer

from bot.domain.errors import TerugkoppelError
from bot.domain.model import Platform
from bot.messages import text

if TYPE_CHECKING:  # types only: `teams package` loads no store
    from bot.app.data import Data
    from bot.domain.rules import Rules
    from bot.ports import ChatAdapter

teams_app = typer.Typer(no_args_is_help=True, help="Microsoft Teams.")
SOURCE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
PLACEHOLDER = "{{TEAMS_APP_ID}}"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
FILES = ("manifest.json", "color.png", "outline.png")


class Wired(Protocol):
    """The data, the rules and the channels whose credentials are set."""

    @property
    def data(self) -> Data: ...

    @property
    def rules(self) -> Rules: ...

    @property
    def adapters(self) -> Mapping[Platform, ChatAdapter]: ...

    async def close(self) -> None: ...


class Runtime(Protocol):
    """What these verbs get from the composition root (bot/main/cli.py, Typer's ctx.obj)."""

    def language(self) -> str: ...

    def teams_app_id(self) -> str | None:
        """TERUGKOPPEL_TEAMS_APP_ID; an invalid setting ends the command with one sentence."""
        ...

    def public_url(self) -> str:
        """TERUGKOPPEL_PUBLIC_URL: where people reach `serve`."""
        ...

    def oidc_client_id(self) -> str | None:
        """TERUGKOPPEL_OIDC_CLIENT_ID: the app registration people sign in with."""
        ...

    def wired(self) -> Wired:
        """The settings read and the adapters built (the schema is not checked)."""
        ...


class TeamsNotConfigured(TerugkoppelError):
    key = "cli.teams_not_configured"


class PackageInvalid(TerugkoppelError):
    key = "cli.teams_package_invalid"


class TabNeedsSignIn(TerugkoppelError):
    key = "cli.teams_tab_needs_oidc"


class TabNeedsHttps(TerugkoppelError):
    key = "cli.teams_tab_needs_https"


@dataclass(frozen=True)
class Tab:
    """The personal tab with the overview: the public address it is served from and the
    Entra app registration whose SSO token the page checks (webApplicationInfo)."""

    public_url: str
    client_id: str

    @property
    def host(self) -> str:
        return urlsplit(self.public_url).netloc

    def parts(self) -> dict[str, Any]:
        """What the manifest gets for the tab: staticTabs, webApplicationInfo, validDomains."""
        base = self.public_url.rstrip("/")
        return {
            "staticTabs": [
                {
                    "entityId": "overzicht",
                    "name": "Overzicht",
                    "contentUrl": f"{base}/overzicht/teams",
                    "websiteUrl": f"{base}/overzicht",
                    "scopes": ["personal"],
                }
            ],
            "webApplicationInfo": {
                "id": self.client_id,
                "resource": f"api://{self.host}/{self.client_id}",
            },
            "validDomains": [self.host],
        }


def tab_for(public_url: str, client_id: str | None) -> Tab:
    """The tab's settings checked: a client id (a GUID) and an https address."""
    if not client_id:
        raise TabNeedsSignIn(setting="TERUGKOPPEL_OIDC_CLIENT_ID", option="--zonder-overzicht")
    if not GUID.match(client_id):
        raise PackageInvalid(problem=f"TERUGKOPPEL_OIDC_CLIENT_ID {client_id!r} is not a GUID")
    parts = urlsplit(public_url)
    if parts.scheme != "https" or not parts.netloc:
        raise TabNeedsHttps(url=public_url)
    return Tab(public_url, client_id)


def build_package(
    source: Path, output: Path, *, app_id: str, version: str | None, tab: Tab | None = None
) -> Path:
    """The app zip Teams accepts: manifest.json (with the configured app id as the app's,
    the bot's and the message extension's id; with the overview as a personal tab when
    `tab` is given) and the two icons, at the root of the archive."""
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
    if tab is not None:
        manifest.update(tab.parts())
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
    ctx: typer.Context,
    output: Annotated[Path, typer.Option(help="Where to write the zip.")] = Path(
        "terugkoppel-teams.zip"
    ),
    version: Annotated[str | None, typer.Option(help="App version, e.g. 1.0.1.")] = None,
    source: Annotated[Path, typer.Option(help="Folder with manifest.json and icons.")] = SOURCE,
    overview: Annotated[
        bool,
        typer.Option(
            "--overzicht/--zonder-overzicht",
            help="With the overview as a personal tab (needs TERUGKOPPEL_OIDC_CLIENT_ID).",
        ),
    ] = True,
) -> None:
    """Build the Teams app package (zip) with the configured app id."""
    runtime = cast(Runtime, ctx.obj)
    app_id = runtime.teams_app_id()
    if not app_id:
        raise TeamsNotConfigured()
    tab = tab_for(runtime.public_url(), runtime.oidc_client_id()) if overview else None
    written = build_package(source, output, app_id=app_id, version=version, tab=tab)
    typer.echo(text("cli.teams_packaged", runtime.language(), path=str(written)))


@teams_app.command("link")
def link(ctx: typer.Context) -> None:
    """Find people in Graph by e-mail and read out-of-office now (also runs daily)."""
    # lazy, for start-up cost: the Teams SDK loads only for this verb
    from adapters.teams.connector import TeamsAdapter
    from adapters.teams.people import sync

    runtime = cast(Runtime, ctx.obj)
    wired = runtime.wired()
    adapter = wired.adapters.get(Platform.TEAMS)
    if not isinstance(adapter, TeamsAdapter):
        raise TeamsNotConfigured()

    async def run() -> Any:
        try:
            return await sync(wired.data, wired.rules, adapter, now=datetime.now(UTC))
        finally:
            await wired.close()

    report = asyncio.run(run())
    typer.echo(
        text(
            "cli.teams_linked",
            runtime.language(),
            linked=report.linked,
            away=report.away,
            failed=report.failed,
        )
    )
