"""Issue 20, point 7: status webhooks to a real receiver on 127.0.0.1.

The receiver (an aiohttp server in the test) verifies every request with the
`standardwebhooks` package, answers the first one 500 and the rest 200. The webhooks go
through the outbox like every other message: the 500 is retried by the dispatcher with the
same webhook-id, the next event waits behind it (one queue per webhook), nothing is lost,
and every attempt is in the delivery log. The figures are printed for the report."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import Engine
from sqlmodel import select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from adapters.fake import FakeAdapter
from adapters.webhook import WebhookAdapter
from bot.app.cases import load_referral
from bot.app.data import Data
from bot.app.referrals import webhooks
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.referrals.referrer_acts import withdraw
from bot.domain.model import Consent, Platform
from bot.domain.rules import Rules
from reminders.delivery.dispatcher import Dispatcher
from store.schema.audit import AuditEntry
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.world import local, make_world

NOW = local(2026, 4, 22, 9)


@dataclass
class Receiver:
    secret: str = ""
    fail_first: int = 1
    seen: list[dict[str, Any]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.text()
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            payload = Webhook(self.secret).verify(body, headers)
            verified = True
        except WebhookVerificationError:
            payload, verified = None, False
        self.seen.append({"id": headers.get("webhook-id"), "verified": verified, "body": payload})
        if not verified:
            return web.Response(status=400)
        if len(self.seen) <= self.fail_first:
            return web.Response(status=500)
        return web.Response(status=204)


async def _serve(receiver: Receiver) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/hook"


def test_webhooks_are_signed_retried_with_the_same_id_and_nothing_is_lost(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    receiver = Receiver()
    persons = FakeAdapter()

    async def scenario() -> dict[str, int]:
        runner, url = await _serve(receiver)
        adapter = WebhookAdapter(Data(engine))
        try:
            hook = webhooks.register(UnitOfWork(engine), organisation="hap-noord", url=url, now=NOW)
            receiver.secret = hook.secret
            # another organisation's webhook hears nothing of this referral
            webhooks.register(
                UnitOfWork(engine), organisation="obs-de-linde", url=url + "?x", now=NOW
            )
            done = submit_referral(
                UnitOfWork(engine),
                rules,
                team="jt-noord",
                referrer="dr-bakker",
                external_ref="HAP-900",
                consent=Consent.STATUS,
                now=NOW,
            )
            take_referral(UnitOfWork(engine), rules, referral_id=done.id, by="anna", now=NOW)
            with UnitOfWork(engine) as uow:
                referral, case = load_referral(uow, done.id, lock=True)
                withdraw(uow, rules, referral, case, by="dr-bakker", channel="test", now=NOW)
                uow.commit()
            dispatcher = Dispatcher(engine, rules, {Platform.WEBHOOK: adapter}, console=persons)
            first = await dispatcher.run(now=NOW)
            later = await dispatcher.run(now=NOW + timedelta(hours=2))
            return {"first_retried": first.retried, "later_sent": later.sent}
        finally:
            await adapter.close()
            await runner.cleanup()

    report = asyncio.run(scenario())
    ids = [s["id"] for s in receiver.seen]
    bodies = [s["body"] for s in receiver.seen]
    assert all(s["verified"] for s in receiver.seen)
    assert len(receiver.seen) == 4  # three events, the first one twice
    assert ids[0] == ids[1] and len(set(ids)) == 3  # the retry carries the same webhook-id
    assert bodies[0] == bodies[1]
    statuses = [b["status"] for b in bodies[1:]]
    assert statuses == ["received", "assigned", "withdrawn"]  # in order, none lost
    assert all(b["type"] == "referral.status" and b["external_ref"] == "HAP-900" for b in bodies)
    assert report["first_retried"] == 1
    with UnitOfWork(engine) as uow:
        rows = uow.session.exec(
            select(OutboxMessage).where(OutboxMessage.platform == "webhook")
        ).all()
        assert len(rows) == 3 and all(r.sent_at is not None for r in rows)
        disclosed = uow.session.exec(
            select(AuditEntry).where(AuditEntry.channel == "webhook")
        ).all()
    log = webhooks.log(UnitOfWork(engine), webhook_id=hook_id(rows[0]))
    assert [line.status_code for line in reversed(log)] == [500, 204, 204, 204]
    assert len(disclosed) == 3
    assert {d.recipient for d in disclosed} == {f"webhook:{hook_id(rows[0])}"}
    print(
        json.dumps(
            {
                "requests_seen": len(receiver.seen),
                "retries": len(receiver.seen) - len(set(ids)),
                "verified_signatures": sum(s["verified"] for s in receiver.seen),
                "events": len(set(ids)),
                "lost": 3 - len(rows),
            }
        )
    )


def hook_id(row: OutboxMessage) -> int:
    return int(row.address or 0)


def test_a_bad_signature_is_refused_by_the_receiver_side_check() -> None:
    secret = webhooks.new_secret()
    signed = Webhook(secret)
    from datetime import UTC, datetime

    at = datetime.now(UTC)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signed.sign("msg_1", at, '{"a":1}'),
    }
    assert signed.verify('{"a":1}', headers) == {"a": 1}
    with pytest.raises(WebhookVerificationError):
        signed.verify('{"a":2}', headers)


def test_only_https_or_loopback_urls_are_registered(engine: Engine, rules: Rules) -> None:
    make_world(engine, rules)
    for bad in ("http://example.org/hook", "ftp://x", "hook", "https://"):
        with pytest.raises(webhooks.WebhookInvalid):
            webhooks.register(UnitOfWork(engine), organisation="hap-noord", url=bad, now=NOW)
    with pytest.raises(webhooks.WebhookInvalid):
        webhooks.register(
            UnitOfWork(engine), organisation="nobody", url="https://example.org/h", now=NOW
        )
    ok = webhooks.register(
        UnitOfWork(engine), organisation="hap-noord", url="https://example.org/h", now=NOW
    )
    assert ok.secret.startswith("whsec_")
    assert [h.id for h in webhooks.listed(UnitOfWork(engine))] == [ok.id]
    assert webhooks.remove(UnitOfWork(engine), webhook_id=ok.id, now=NOW)
    assert webhooks.listed(UnitOfWork(engine)) == []
