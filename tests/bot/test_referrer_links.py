"""A referrer without chat answers by e-mail: the message's buttons become signed links;
opening one shows the question and records nothing, confirming records once, and the
professional hears the answer. Over the app's real HTTP stack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.app.links import email_links
from bot.app.loop.referrer_requests import ask_referrer
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent, Platform, RequestKind
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build, link_config
from tests.world import World, make_world

PUBLIC = "https://terugkoppel.example.nl"


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        link_secret=SecretStr("a-link-secret-for-the-loop-tests-01"),
        public_url=PUBLIC,
        _env_file=None,
    )


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


@pytest.fixture
def client(engine: Engine, settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as test_client:
        yield test_client


def test_geregeld_and_checkin_by_email_link(
    client: TestClient, world: World, settings: Settings
) -> None:
    now = datetime.now(UTC)
    submitted = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="wijkagent-vos",  # no Slack, no Teams: e-mail
        external_ref="PL-2026-118",
        consent=Consent.STATUS,
        now=now - timedelta(days=2),
    )
    take_referral(
        world.uow(), world.rules, referral_id=submitted.id, by="bram", now=now - timedelta(days=2)
    )
    ask_referrer(
        world.uow(),
        world.rules,
        case_ref=submitted.case_ref,
        kind=RequestKind.CONSENT,
        by="bram",
        now=now,
    )
    world.tick(now)
    [mail] = [
        s for s in world.sent_to("wijkagent-vos") if s.message.key == "referrer.request_consent"
    ]
    assert mail.recipient.platform is Platform.EMAIL
    [(label, url)] = email_links(link_config(settings), mail.message, now=now)
    assert label == "Geregeld" and url.startswith(f"{PUBLIC}/l/")
    path = url.removeprefix(PUBLIC)

    # A mail scanner (or the reader) opening the link records nothing.
    for _ in range(2):
        page = client.get(path)
        assert page.status_code == 200
        assert f"Jeugdteam Noord wachtte op u bij uw verwijzing {submitted.case_ref}" in page.text
        assert "Uw antwoord: geregeld" in page.text
    with world.uow() as uow:
        [request] = uow.loop.open_requests(referral=submitted.id)
    confirmed = client.post(path)
    assert confirmed.status_code == 200 and "vastgelegd" in confirmed.text
    assert client.post(path).status_code == 409  # the link answers once
    # A fresh link for the same, answered request: a plain sentence, nothing recorded.
    [(_, fresh)] = email_links(link_config(settings), mail.message, now=now)
    late = client.post(fresh.removeprefix(PUBLIC))
    assert late.status_code == 409 and "Dit was al beantwoord" in late.text
    with world.uow() as uow:
        answered = uow.loop.request(id=request.id or 0)
        assert answered is not None
        assert (answered.outcome, answered.channel, answered.answered_by) == (
            "settled",
            "email",
            "wijkagent-vos",
        )
    world.tick(now + timedelta(days=4))
    assert "loop.request_settled" in world.keys_to("bram")

    # The check-in by e-mail: four links, "Hetzelfde" confirmed.
    with world.uow() as uow:
        [prompt] = uow.prompts.open_for(referral=submitted.id, kind="feedback")
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt.id or 0,
        answer=Answer.HELP_STARTED,
        by="bram",
        now=now,
    )
    world.tick(now + timedelta(days=40))
    [question] = [s for s in world.sent_to("wijkagent-vos") if s.message.key == "referrer.checkin"]
    found = dict(email_links(link_config(settings), question.message, now=now))
    assert list(found) == ["Beter", "Hetzelfde", "Slechter", "Weet ik niet"]
    page = client.get(found["Hetzelfde"].removeprefix(PUBLIC))
    assert "Merkt u verschil sinds de hulp" in page.text and "Uw antwoord: hetzelfde" in page.text
    assert client.post(found["Hetzelfde"].removeprefix(PUBLIC)).status_code == 200
    assert client.post(found["Beter"].removeprefix(PUBLIC)).status_code == 409
    world.tick(now + timedelta(days=44))
    [told] = [s for s in world.sent_to("bram") if s.message.key == "loop.checkin_answer"]
    assert told.message.body().endswith(": hetzelfde.")
