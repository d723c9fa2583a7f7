"""The demo's last lines: the overview's address, and where a browser is present (Debian's
chromium and the `playwright` package) a screenshot of the coordinator's page, taken from the
demo's own database at the simulation's last moment, in the folder the demo keeps and names. The demo has
no identity provider: it signs the coordinator's session cookie itself."""

from __future__ import annotations

import shutil
import socket
import threading
from datetime import datetime
from pathlib import Path

from rich.console import Console

from adapters.web.routes import mount_overview
from adapters.web.session import SESSION_COOKIE, Cookies
from bot.app.tenants import current_tenant
from bot.logs import get_logger
from bot.main.wiring import Container
from bot.messages import text

log = get_logger("terugkoppel.demo")

COORDINATOR = "bram"  # Jeugdteam Noord's coordinator in the demo directory


def chromium() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )


def finish(
    console: Console, container: Container, *, now: datetime, language: str, folder: Path
) -> None:
    address = container.settings.public_url.rstrip("/") + "/overzicht"
    console.print(
        text("overview.demo_address", language, url=address), highlight=False, soft_wrap=True
    )
    browser = chromium()
    try:
        import playwright.sync_api  # noqa: F401  (a dev dependency: present or not)
    except ImportError:
        browser = None
    if browser is None:
        console.print(text("overview.demo_no_browser", language), highlight=False, soft_wrap=True)
        return
    path = folder / "overview-coordinator.png"
    from playwright.sync_api import Error as BrowserError

    try:
        _screenshot(container, browser, path, now=now)
    except BrowserError as exc:  # the picture is a bonus: the demo itself went well
        log.warning("demo_screenshot_failed", error=type(exc).__name__)
        console.print(text("overview.demo_shot_failed", language), highlight=False, soft_wrap=True)
        return
    console.print(
        text("overview.demo_shot", language, path=str(path)), highlight=False, soft_wrap=True
    )


def _screenshot(container: Container, browser: str, path: Path, *, now: datetime) -> None:
    import uvicorn
    from fastapi import FastAPI
    from playwright.sync_api import sync_playwright
    from starlette.responses import Response

    secret = container.settings.link_secret_value()
    cookies = Cookies(secret)
    app = FastAPI()
    mount_overview(
        app,
        container.data,
        container.rules,
        cookies=cookies,
        oidc=None,
        teams=None,
        language=container.settings.language,
        clock=lambda: now,
    )
    signed = Response()
    cookies.set_session(signed, cookies.new_session(COORDINATOR, tenant=current_tenant()))
    value = signed.headers["set-cookie"].split(";", 1)[0].split("=", 1)[1]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            threading.Event().wait(0.05)
        with sync_playwright() as playwright:
            chrome = playwright.chromium.launch(
                executable_path=browser, args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            context = chrome.new_context()
            context.add_cookies(
                [{"name": SESSION_COOKIE, "value": value, "url": base + "/overzicht"}]
            )
            page = context.new_page()
            page.goto(base + "/overzicht")
            page.screenshot(path=str(path), full_page=True)
            chrome.close()
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
