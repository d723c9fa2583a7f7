"""Issue 20, point 6 by e-mail: a referrer without chat gets, under the receipt, links to
ask the status, to withdraw and to add information. The link's page (real HTTP) confirms
or offers a text field; text the privacy guard refuses comes back marked, nothing sent,
the link still usable; every act is audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlmodel import select

from bot.app import links
from bot.app.referrals import act_links
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build, link_config
from bot.messages import Action
from store.schema.audit import AuditEntry
from store.schema.cases import Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.world import make_world

PUBLIC = "https://terugkoppel.example.nl"


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        link_secret=SecretStr("referrer-act-link-secret-0123456789"),
        public_url=PUBLIC,
        _env_file=None,
    )


@pytest.fixture
def client(engine: Engine, rules: Rules, settings: Settings) -> Iterator[TestClient]:
    make_world(engine, rules)
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as test_client:
        yield test_client


def _rows(engine: Engine, model: type, *where: object) -> list:  # type: ignore[type-arg]
    with UnitOfWork(engine) as uow:
        return list(uow.session.exec(select(model).where(*where)).all())  # type: ignore[call-overload]


def _path(settings: Settings, action: Action) -> str:
    url = links.url_for_action(link_config(settings), action, language="nl", now=datetime.now(UTC))
    assert url is not None
    return url.removeprefix(PUBLIC)


def test_the_referrer_acts_by_e_mail_link(
    client: TestClient, engine: Engine, rules: Rules, settings: Settings
) -> None:
    now = datetime.now(UTC)
    done = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="dr-bakker",  # e-mail only
        external_ref="HAP-501",
        consent=Consent.STATUS,
        now=now,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=done.id, by="anna", now=now)
    [receipt] = _rows(
        engine,
        OutboxMessage,
        OutboxMessage.person_id == "dr-bakker",
        OutboxMessage.message_key.startswith("referrer.receipt"),  # type: ignore[attr-defined]
    )
    actions = [Action.from_dict(a) for a in receipt.actions]
    assert [a.id for a in actions] == list(act_links.KINDS)
    status, withdraw, add = actions

    # status: the page asks first (a mail scanner's GET records nothing), POST answers
    page = client.get(_path(settings, status))
    assert page.status_code == 200 and done.case_ref in page.text
    answered = client.post(_path(settings, status))
    assert answered.status_code == 200
    assert "toegewezen aan een medewerker" in answered.text and "Anna de Vries" in answered.text

    # information: a phone number is refused, marked, nothing sent; the link stays usable
    add_path = _path(settings, add)
    assert "<textarea" in client.get(add_path).text
    refused = client.post(add_path, data={"note": "Bel moeder op 06-12345678."})
    assert refused.status_code == 422 and "<mark>" in refused.text
    assert not _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.information")
    sent = client.post(add_path, data={"note": "Het gezin is na vieren thuis."})
    assert sent.status_code == 200, sent.text
    [told] = _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.information")
    assert told.person_id == "anna"

    # withdraw
    assert client.post(_path(settings, withdraw)).status_code == 200
    [referral] = _rows(engine, Referral, Referral.id == done.id)
    assert referral.status == "withdrawn"
    assert _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.withdrawn")

    events = {
        (a.event, a.channel)
        for a in _rows(engine, AuditEntry, AuditEntry.case_ref == done.case_ref)
    }
    assert {
        ("disclosed", "email"),
        ("information_added", "email"),
        ("withdrawn", "email"),
    } <= events
    assert any(e == "refused" for e, _ in events)
