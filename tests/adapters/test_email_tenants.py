"""Each municipality's e-mail comes from its own sender (`tenant set --mail-from`); one
without falls back to the installation's TERUGKOPPEL_MAIL_FROM. The real dispatcher and
adapter against the fake SMTP relay."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import Engine

from adapters.email.smtp import EmailAdapter, parse_smtp_url
from adapters.fake import FakeAdapter
from bot.app.referrals import intake
from bot.app.tenant_rules import TenantRules, TenantSettings
from bot.app.tenants import current_tenant, set_tenant_settings, tenant_scope
from bot.domain.model import Consent, Platform
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher
from store.uow import UnitOfWork
from tests.fakes import smtp_server
from tests.fakes.smtp_server import Server
from tests.tenant_world import OTHER, PREFIX, make_two
from tests.world import local

SENDER = "terugkoppel <terugkoppel@oosterwaard.example>"
OWN = "Jeugdhulp Rivierdal <jeugd@rivierdal.example>"
NOW = local(2026, 4, 22, 10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with smtp_server.running(tmp_path) as running:
        yield running


def test_each_municipality_mails_from_its_own_sender(engine: Engine, server: Server) -> None:
    make_two(engine)
    set_tenant_settings(UnitOfWork(engine), OTHER, {"mail_from": OWN})
    tenants = TenantSettings(partial(UnitOfWork, engine), Rules())
    rules = TenantRules(tenants)
    for tenant, prefix in (("default", ""), (OTHER, PREFIX)):
        with tenant_scope(tenant):
            intake.submit_referral(
                UnitOfWork(engine),
                rules,
                team=f"{prefix}jt-noord",
                referrer=f"{prefix}dr-bakker",
                external_ref="HAP-1",
                consent=Consent.STATUS,
                now=NOW,
            )
    target = parse_smtp_url(server.url())
    assert target is not None
    adapter = EmailAdapter(
        target,
        sender=SENDER,
        ca_file=server.ca_file,
        timeout=5,
        sender_for=lambda: tenants.mail_from(current_tenant()),
    )
    dispatcher = Dispatcher(engine, rules, {Platform.EMAIL: adapter}, console=FakeAdapter())
    asyncio.run(dispatcher.run(now=NOW))
    senders = sorted({r.message["From"] for r in server.received})
    assert senders == sorted({SENDER, OWN})
    envelope = {r.sender for r in server.received}
    assert envelope == {"terugkoppel@oosterwaard.example", "jeugd@rivierdal.example"}
