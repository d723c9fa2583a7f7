"""Slack in an installation of two municipalities: each signed request works in the
municipality of its workspace; a workspace that is no municipality's is refused (403),
nothing runs, and the attempt is audited (issue 22). With a bot token per workspace, what
the app calls in reply (a modal) carries the token of the request's workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from bot.app.tenants import link_identities
from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import TOKEN, Served, eventually, serve
from tests.fakes.slack_server import FakeSlack
from tests.tenant_world import make_two


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_two(engine)  # rivierdal's workspace is T0RIVIER
    link_identities(UnitOfWork(engine), id="default", slack=("T0FAKE",))
    with FakeSlack.running() as fake:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        with serve(engine, fake) as app:
            yield app


def refusals(engine: Engine) -> int:
    with UnitOfWork(engine, tenant="default") as uow:
        stmt = (
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.basis == "slack:unknown_tenant")
        )
        return int(uow.session.execute(stmt).scalar_one())


def test_each_workspace_works_in_its_own_municipality(served: Served) -> None:
    served.command("/wie", "Huisartsenpraktijk Noord", team_id="T0RIVIER")
    [there] = eventually(lambda: served.slack.responses)
    assert "(Rivierdal)" in there["text"]
    served.command("/wie", "Huisartsenpraktijk Noord", team_id="T0FAKE")
    _, here = eventually(lambda: served.slack.responses[1:] and served.slack.responses)
    assert "Jeugdteam Noord" in here["text"] and "(Rivierdal)" not in here["text"]


def test_a_workspace_of_no_municipality_is_refused_and_audited(
    served: Served, engine: Engine
) -> None:
    response = served.command("/wie", "Huisartsenpraktijk Noord", team_id="T0VREEMD")
    assert response.status_code == 403
    assert eventually(lambda: refusals(engine)) == 1
    assert served.slack.responses == []


def test_a_modal_opened_from_a_workspace_uses_that_workspace_s_token(
    engine: Engine, rules: Rules
) -> None:
    make_two(engine)
    link_identities(UnitOfWork(engine), id="default", slack=("T0FAKE",))
    rivier = "xoxb-rivierdal-1"
    with FakeSlack.running() as fake:
        fake.add_token(rivier, "T0RIVIER")
        with serve(engine, fake, slack_bot_tokens=SecretStr(f"T0RIVIER:{rivier}")) as app:
            app.command("/verwijzing", team_id="T0RIVIER")
            [there] = eventually(lambda: fake.views)
            app.command("/verwijzing", team_id="T0FAKE")
            _, here = eventually(lambda: fake.views[1:] and fake.views)
            assert fake.tokens("views.open") == [rivier, TOKEN]
    teams = {b.get("block_id"): b for b in there["blocks"]}["team"]["element"]["options"]
    assert [o["value"] for o in teams] == ["rv-jt-noord", "rv-st-zuid"]
    teams = {b.get("block_id"): b for b in here["blocks"]}["team"]["element"]["options"]
    assert [o["value"] for o in teams] == ["jt-noord", "st-zuid"]
