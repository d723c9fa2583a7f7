"""The satisfaction question in Slack: a school's IB'er, on Slack, gets it as a DM after
closure with buttons 1-10; a click records the score once, a second click hears "al
beantwoord". Over real HTTP, signed as Slack signs, against the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from bot.app import cases
from bot.app.referrals import flow, intake
from bot.domain.model import Consent, ReferralStatus
from bot.domain.rules import Rules
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, serve
from tests.adapters.test_slack_loop import _current, click, in_channel
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0SMITS", email="ib@obs-de-linde.example", name="M. Smits")
        yield app


def test_the_referrer_scores_the_collaboration_once_with_a_button(
    served: Served, engine: Engine, rules: Rules
) -> None:
    now = datetime.now(UTC)
    referral_id = intake.submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="ib-smits",
        external_ref="DLS-12",
        consent=Consent.STATUS,
        now=now,
    ).id
    intake.take_referral(UnitOfWork(engine), rules, referral_id=referral_id, by="carla", now=now)
    with UnitOfWork(engine) as uow:
        referral, case = cases.load_referral(uow, referral_id, lock=True)
        flow.apply_status(uow, rules, referral, case, ReferralStatus.CLOSED, by="carla", now=now)
        uow.commit()
    served.dispatch(now + timedelta(days=7))

    [question] = eventually(
        lambda: [m for m in in_channel(served.slack, "D0SMITS") if "Hoe tevreden" in m.text]
    )
    assert question.text.endswith(
        "Hoe tevreden bent u over de samenwerking met Jeugdteam Noord? (1–10)"
    )
    buttons = [e for b in question.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == [str(n) for n in range(1, 11)]

    click(served, question, "8", user="U0SMITS")
    thanked = eventually(lambda: "Dank u wel" in _current(served.slack, question).text)
    assert thanked and "8" in _current(served.slack, question).text
    assert all(b["type"] != "actions" for b in _current(served.slack, question).blocks)

    click(served, question, "3", user="U0SMITS")  # a second click from a stale message
    assert eventually(lambda: "al beantwoord" in _current(served.slack, question).text)
    with UnitOfWork(engine) as uow:
        (row,) = uow.session.execute(select(SatisfactionScore)).scalars()
    assert row.score == 8 and row.channel == "slack"
