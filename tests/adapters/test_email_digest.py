"""The weekly digest by e-mail: the real digest job and dispatcher, a real SMTP server; the
12-week chart inline (multipart/related, `cid:` in the HTML) with a text alternative."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from adapters.email.smtp import EmailAdapter, parse_smtp_url
from adapters.fake import FakeAdapter
from bot.app.referrals import intake
from bot.domain.model import Consent, Platform
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher
from reminders.jobs.weekly import queue_digests
from tests.fakes import smtp_server
from tests.fakes.smtp_server import Server
from tests.world import local, make_world


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with smtp_server.running(tmp_path) as running:
        yield running


def test_a_coordinator_on_e_mail_gets_the_digest_with_the_chart_inline(
    engine: Engine, rules: Rules, server: Server
) -> None:
    world = make_world(engine, rules)
    for number in range(3):
        intake.submit_referral(
            world.uow(),
            rules,
            team="jt-noord",
            referrer="dr-bakker",
            external_ref=f"HAP-{number}",
            consent=Consent.STATUS,
            now=local(2026, 4, 28, 10 + number),
        )
    now = local(2026, 5, 4, 8, 30)  # the Monday after the week with Koningsdag
    assert queue_digests(engine, rules, monday=date(2026, 4, 27), now=now) >= 1
    target = parse_smtp_url(server.url())
    assert target is not None
    adapter = EmailAdapter(target, sender="terugkoppel@gemeente.example", ca_file=server.ca_file)
    dispatch = Dispatcher(engine, rules, {Platform.EMAIL: adapter}, console=FakeAdapter())
    asyncio.run(dispatch.run(now=now))

    (received,) = [r for r in server.received if "bram@jt-noord.example" in r.recipients]
    mail = received.message
    assert "Jeugdteam Noord" in mail["Subject"] and "2026-W18" in mail["Subject"]
    # multipart/alternative: text/plain, then multipart/related (text/html + image/png)
    assert mail.get_content_type() == "multipart/alternative"
    plain, related = mail.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html, image = related.iter_parts()
    assert html.get_content_type() == "text/html"
    assert image.get_content_type() == "image/png"
    assert image.get_content().startswith(b"\x89PNG\r\n\x1a\n")
    cid = image["Content-ID"].strip("<>")
    assert re.search(rf'<img src="cid:{re.escape(cid)}"', html.get_content())
    assert "Grafiek: nieuwe verwijzingen per week" in html.get_content()  # the alt text
    text = plain.get_content()
    assert "Nieuwe verwijzingen" in text and "JT-NRD" not in mail["Subject"]
