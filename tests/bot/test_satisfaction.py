"""The referrer's satisfaction question: asked once after closure (never after a decline),
answered once, by e-mail through a signed single-use link on our own page, and counted in
the digest. E-mail goes to a real SMTP server; the page is the app over HTTP."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, select

from adapters.fake import FakeAdapter
from bot.app import cases
from bot.app.digest.figures import compute
from bot.app.loop import satisfaction
from bot.app.referrals import flow, intake
from bot.domain.errors import NotAllowed
from bot.domain.model import Consent, Platform, ReferralStatus
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from reminders.delivery.dispatcher import Dispatcher
from store.schema.audit import AuditEntry
from store.schema.delivery import OutboxMessage
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork
from tests.fakes import smtp_server
from tests.world import World, local, make_world

NOW = local(2026, 4, 22, 10)
BAKKER = "bakker@hap-noord.example"


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


def refer_and_end(world: World, status: ReferralStatus, *, ref: str = "HAP-1") -> int:
    referral_id = intake.submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=NOW,
    ).id
    if status is ReferralStatus.CLOSED:
        intake.take_referral(world.uow(), world.rules, referral_id=referral_id, by="anna", now=NOW)
    with world.uow() as uow:
        referral, case = cases.load_referral(uow, referral_id, lock=True)
        flow.apply_status(
            uow, world.rules, referral, case, status, by="anna", now=NOW + timedelta(hours=1)
        )
        uow.commit()
    return referral_id


def questions(engine: Engine) -> list[OutboxMessage]:
    with UnitOfWork(engine) as uow:
        query = select(OutboxMessage).where(OutboxMessage.message_key == satisfaction.QUESTION)  # type: ignore[arg-type]
        return list(uow.session.execute(query).scalars())


def scores(engine: Engine) -> list[SatisfactionScore]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.execute(select(SatisfactionScore)).scalars())


def test_closure_asks_once_with_ten_answers_and_a_decline_asks_nothing(world: World) -> None:
    closed = refer_and_end(world, ReferralStatus.CLOSED)
    refer_and_end(world, ReferralStatus.DECLINED, ref="HAP-2")
    (question,) = questions(world.engine)
    assert question.referral_id == closed and question.person_id == "dr-bakker"
    assert [a["value"].split(":")[1] for a in question.actions] == [str(n) for n in range(1, 11)]
    assert question.disclosure_basis == "procedural"
    with world.uow() as uow:  # asking again (a repeated closure) adds nothing
        referral, case = cases.load_referral(uow, closed)
        assert satisfaction.ask(uow, referral, case, now=NOW) is False
    (row,) = scores(world.engine)
    assert row.score is None and row.referrer_kind == "gp"


def test_a_score_is_stored_once_and_only_by_the_referrer_asked(world: World) -> None:
    refer_and_end(world, ReferralStatus.CLOSED)
    (row,) = scores(world.engine)
    assert row.id is not None
    with pytest.raises(NotAllowed):
        satisfaction.answer(
            world.uow(), satisfaction_id=row.id, score=1, by="ib-smits", channel="slack", now=NOW
        )
    first = satisfaction.answer(
        world.uow(), satisfaction_id=row.id, score=8, by="dr-bakker", channel="slack", now=NOW
    )
    second = satisfaction.answer(
        world.uow(), satisfaction_id=row.id, score=3, by="dr-bakker", channel="slack", now=NOW
    )
    assert first == (True, "JT-NRD-2026-0001") and second == (False, "JT-NRD-2026-0001")
    (row,) = scores(world.engine)
    assert row.score == 8 and row.channel == "slack"
    with world.uow() as uow:
        refused = uow.session.execute(
            select(AuditEntry).where(AuditEntry.event == "refused")  # type: ignore[arg-type]
        ).scalars()
        assert [(a.actor, a.basis) for a in refused] == [("ib-smits", "satisfaction")]


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[smtp_server.Server]:
    with smtp_server.running(tmp_path) as server:
        yield server


def test_by_e_mail_a_signed_link_records_the_score_once_and_the_digest_counts_it(
    world: World, relay: smtp_server.Server, tmp_path: Path
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'unused.db'}",
        smtp_url=SecretStr(relay.url()),
        mail_from="terugkoppel@gemeente.example",
        smtp_ca_file=relay.ca_file,
        link_secret=SecretStr("a-link-secret-for-the-tests-only-0003"),
        public_url="https://terugkoppel.gemeente.example",
    )
    container = build(settings, engine=world.engine)
    email = container.adapters[Platform.EMAIL]
    dispatch = Dispatcher(world.engine, world.rules, {Platform.EMAIL: email}, console=FakeAdapter())
    refer_and_end(world, ReferralStatus.CLOSED)
    asyncio.run(dispatch.run(now=NOW + timedelta(hours=1)))

    mails = [r.message for r in relay.received if BAKKER in r.recipients]
    ended, question = mails[-2:]
    assert "afgesloten" in str(ended.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    text = question.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    html = question.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Hoe tevreden bent u over de samenwerking met Jeugdteam Noord? (1–10)" in text
    links = dict(re.findall(r"^  (\d+): (https://\S+)$", text, re.MULTILINE))
    assert sorted(links, key=int) == [str(n) for n in range(1, 11)]
    for url in links.values():
        assert url.startswith("https://terugkoppel.gemeente.example/l/") and url in html

    path = links["8"].removeprefix("https://terugkoppel.gemeente.example")
    with TestClient(create_app(container, scheduler=False)) as client:
        page = client.get(path)  # a mail scanner's visit records nothing
        assert page.status_code == 200 and "8 van 10" in page.text
        assert scores(world.engine)[0].score is None
        assert client.post(path).status_code == 200
        assert client.post(path).status_code == 409  # the link works once
        other = links["3"].removeprefix("https://terugkoppel.gemeente.example")
        again = client.post(other)  # another score's link: the first answer counts
        assert again.status_code == 409 and "al beantwoord" in again.text
    (row,) = scores(world.engine)
    assert row.score == 8 and row.channel == "email"

    # The page records at the real time: the digest of the week the answer came in has it.
    assert row.answered_at is not None
    day = world.rules.today(row.answered_at)
    figures = compute(
        UnitOfWork(world.engine),
        world.rules,
        team="jt-noord",
        monday=day - timedelta(days=day.weekday()),
        now=row.answered_at + timedelta(days=1),
    )
    assert figures.scores.count == 1 and figures.scores.average == 8
