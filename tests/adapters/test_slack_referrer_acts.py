"""Issue 20, point 6 in chat: the school's IB'er types `/verwijzing status <kenmerk>` and
`/verwijzing intrekken <kenmerk>` in Slack (fake Slack, signed requests); a referrer of
another organisation gets the polite refusal, audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.schema.cases import Referral
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, serve
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0SMITS", email="ib@obs-de-linde.example", name="M. Smits")
        yield app


def test_status_and_withdraw_by_slash_command(served: Served, engine: Engine, rules: Rules) -> None:
    now = datetime.now(UTC)
    done = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="ib-smits",
        external_ref="DLS-88",
        consent=Consent.STATUS,
        now=now,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=done.id, by="anna", now=now)
    slack = served.slack

    assert served.command("/verwijzing", "status DLS-88", user="U0SMITS").status_code == 200
    [reply] = eventually(lambda: slack.responses)
    assert reply["text"].startswith(f"Stand van {done.case_ref} bij Jeugdteam Noord")
    assert "Anna de Vries" in reply["text"]

    assert (
        served.command("/verwijzing", f"intrekken {done.case_ref}", user="U0SMITS").status_code
        == 200
    )
    replies = eventually(lambda: slack.responses[1:])
    assert (
        replies[0]["text"] == f"U heeft {done.case_ref} ingetrokken. Wij laten het team dat weten."
    )
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, done.id)
        assert referral is not None and referral.status == "withdrawn"
        audit = uow.session.exec(
            select(AuditEntry).where(AuditEntry.case_ref == done.case_ref)
        ).all()
    assert {"withdrawn", "disclosed"} <= {a.event for a in audit}
