"""The overview in a real browser: Playwright driving Debian's chromium against the service
(uvicorn, the real app), signed in through the fake OpenID Connect provider over TLS. The
professional's and the coordinator's pages, an action from the page reaching the referrer,
another team's case refused, keyboard use, and axe-core (vendored) with no serious or
critical violations. Screenshots go to $OVERVIEW_SCREENSHOTS (else the test's tmp folder)."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine

from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.wiring import build
from tests.fakes.oidc_server import FakeOidc, User
from tests.overview_seed import ANNA, BRAM, Seeded, fake_oidc, seed, settings_for

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)"
)


@pytest.fixture
def sqlite_engine(engine: Engine) -> Engine:
    if engine.dialect.name != "sqlite":
        pytest.skip("one store is enough for the browser; the HTTP tests run on both")
    return engine


@pytest.fixture
def oidc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOidc]:
    fake = fake_oidc(tmp_path)
    with fake.running():
        monkeypatch.setenv("SSL_CERT_FILE", str(fake.ca_file))  # the service trusts the fake
        yield fake


@pytest.fixture
def seeded(sqlite_engine: Engine, rules: Rules) -> Seeded:
    return seed(sqlite_engine, rules)


@pytest.fixture
def service(sqlite_engine: Engine, oidc: FakeOidc, seeded: Seeded) -> Iterator[str]:
    """The real app under uvicorn on a port bound first (the callback URL names it)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(build(settings_for(oidc, base), engine=sqlite_engine), scheduler=False)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def tick(seeded: Seeded, now: datetime) -> None:
    """The outbox delivers, in a thread of its own: Playwright's loop runs in this one."""
    worker = threading.Thread(target=seeded.world.tick, args=(now,))
    worker.start()
    worker.join(60)


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("OVERVIEW_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signed_in(browser: Any, oidc: FakeOidc, service: str, user: User) -> Any:
    """A fresh browser profile, signed in: us → the provider (TLS, its own cert) → us."""
    context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
    page = context.new_page()
    oidc.user = user
    page.goto(service + "/overzicht")
    assert page.url == service + "/overzicht"
    return page


def axe(page: Any) -> dict[str, Any]:
    """axe-core over the page as it stands. Evaluated through the DevTools protocol, so the
    page's CSP (script-src 'self') stays as it is."""
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return result


def serious(result: dict[str, Any]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def report(name: str, result: dict[str, Any]) -> None:
    summary = {
        "page": name,
        "violations": [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]],
        "passes": len(result["passes"]),
        "incomplete": len(result["incomplete"]),
    }
    print(json.dumps(summary))


def test_the_professionals_page_in_a_browser(
    seeded: Seeded, service: str, oidc: FakeOidc, browser: Any, tmp_path: Path
) -> None:
    page = signed_in(browser, oidc, service, ANNA)
    assert page.get_by_role("heading", level=1).inner_text() == "Overzicht"
    assert page.get_by_text("Ingelogd als Anna de Vries.").is_visible()
    legend = page.locator("legend", has_text=seeded.taken_ref)
    assert legend.is_visible()
    assert page.locator("#team").count() == 0  # no team section for a professional
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    result = axe(page)
    report("professional", result)
    assert serious(result) == []
    page.screenshot(path=str(screenshots(tmp_path) / "overview-professional.png"), full_page=True)

    before = len(seeded.world.sent_to("ib-smits"))
    form = page.locator("form.prompt", has=legend)
    form.get_by_role("button", name="Contact gelegd").click()
    page.wait_for_url(service + "/overzicht")
    assert page.get_by_role("status").filter(has_text="Beantwoord door Anna de Vries").count() == 1
    tick(seeded, datetime.now(UTC))
    told = [s.message for s in seeded.world.sent_to("ib-smits")[before:]]
    assert [m.key for m in told] == ["referrer.status"]  # the referrer hears it
    assert "contact" in told[0].body()


def test_the_coordinators_page_in_a_browser(
    seeded: Seeded, service: str, oidc: FakeOidc, browser: Any, tmp_path: Path
) -> None:
    page = signed_in(browser, oidc, service, BRAM)
    assert page.get_by_role("heading", name="Open verwijzingen van Jeugdteam Noord").is_visible()
    new_rows = page.locator("table", has=page.locator("caption", has_text="Nieuw"))
    assert new_rows.get_by_role("rowheader", name=seeded.new_ref).is_visible()
    assert page.get_by_text(seeded.other_ref).count() == 0
    result = axe(page)
    report("coordinator", result)
    assert serious(result) == []
    page.screenshot(path=str(screenshots(tmp_path) / "overview-coordinator.png"), full_page=True)

    # the filter: by partner (none of the open referrals of OBS De Linde is new)
    page.get_by_label("Verwijzer", exact=True).select_option("obs-de-linde")
    page.get_by_role("button", name="Toon").click()
    assert "verwijzer=obs-de-linde" in page.url
    assert new_rows.get_by_role("rowheader", name=seeded.new_ref).count() == 0
    assert page.get_by_label("Verwijzer", exact=True).input_value() == "obs-de-linde"
    page.goto(service + "/overzicht")

    # assign from the page: the referrer hears it
    before = len(seeded.world.sent_to("dr-bakker"))
    label = f"Wie pakt {seeded.new_ref} op?"
    form = page.locator("form.inline", has=page.get_by_label(label)).first
    form.get_by_label(label).select_option("carla")
    form.get_by_role("button", name=f"Toewijzen {seeded.new_ref}").click()
    page.wait_for_url(service + "/overzicht")
    assert page.get_by_role("status").filter(has_text="Carla Mulder").count() == 1
    tick(seeded, datetime.now(UTC))
    told = [s.message for s in seeded.world.sent_to("dr-bakker")[before:]]
    assert [m.key for m in told] == ["referrer.status"]
    assert "toegewezen" in told[0].body()

    # another team's case, by a changed form: refused with one sentence, nothing done
    form = page.locator("form[action='/overzicht/toewijzen']").first
    form.locator("input[name=referral]").evaluate(
        "(input, id) => { input.value = id; }", str(seeded.other_id)
    )
    with page.expect_response(service + "/overzicht/toewijzen") as answer:
        form.get_by_role("button").click()
    assert answer.value.status == 403
    assert page.get_by_role("alert").inner_text() == (
        "Dit is geen zaak van jouw team. Daarom kun je er niets mee doen."
    )
