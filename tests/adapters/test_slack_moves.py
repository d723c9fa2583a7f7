"""A youth who moves, asked in Slack (issue 22, point 4): `/overdracht KENMERK naar
GEMEENTE/TEAM` from the giving municipality's workspace; the receiving team is asked in its
own workspace's intake channel, and nothing of the giving side's people goes along."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.app.tenants import link_identities
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, serve
from tests.bot.test_tenant_isolation import refer
from tests.fakes.slack_server import FakeSlack
from tests.tenant_world import OTHER, PREFIX, make_two


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_two(engine)  # rivierdal's workspace is T0RIVIER
    link_identities(UnitOfWork(engine), id="default", slack=("T0FAKE",))
    with FakeSlack.running() as fake:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        with serve(engine, fake) as app:
            yield app


def test_a_move_typed_in_slack_reaches_the_other_municipality(
    served: Served, engine: Engine
) -> None:
    case_ref = refer(engine, "default", "HAP-81").case_ref  # taken by Anna
    served.command("/overdracht", f"{case_ref} naar {OTHER}/{PREFIX}jt-noord", team_id="T0FAKE")
    [started] = eventually(lambda: served.slack.responses)
    assert started["text"].startswith(f"Overdracht van {case_ref} aan Jeugdteam Noord (Rivierdal)")
    served.command("/overdracht", f"{case_ref} naar nergens/jt-noord", team_id="T0FAKE")
    [_, unknown] = eventually(lambda: served.slack.responses[1:] and served.slack.responses)
    assert "nergens" in unknown["text"]
    with UnitOfWork(engine, tenant=OTHER) as uow:
        found = uow.referrals.by_external_ref(
            referrer=f"tenant:default:{OTHER}", external_ref=case_ref
        )
        assert found is not None and found.team_id == f"{PREFIX}jt-noord"
