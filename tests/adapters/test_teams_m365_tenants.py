"""Teams and Graph for two municipalities, each in its own Microsoft 365 tenant, on one app
registration (issue 22, point 3): a message for a person of Rivierdal gets its conversation
in Rivierdal's tenant and a message for Oosterwaard's (`default`) in the app's own; Graph
(people by e-mail, presence) is read with a token of the person's tenant; a tenant that
refuses the app a token stops only its own municipality's Graph reading and new
conversations, and its messages wait in the outbox until it consents."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlmodel import col

from adapters.teams.people import UpkeepReport, daily_upkeep_all
from adapters.teams.setup import teams_adapter
from bot.app.apikeys import create_key
from bot.app.tenants import link_identities
from bot.main.wiring import teams_config
from store.conversations import TeamsConversationRepository
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, EMRE, TENANT, Fakes, Served, fakes, serve
from tests.adapters.test_teams_tenants import RIVIERDAL_M365, say
from tests.tenant_world import OTHER, make_two

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
BAKKER = "b4kk3r00-0000-4000-8000-0000000000bb"  # Dr. Bakker in the app's own tenant
RV_BAKKER = "b4kk3r00-0000-4000-8000-0000000000cc"  # Rivierdal's Dr. Bakker, in Rivierdal's
MAIL = "bakker@hap-noord.example"  # both municipalities' directories have this address
CHANNEL = "19:intake-zuid@thread.tacv2"  # both Sociaal teams Zuid announce here
INSTALL = "POST /v1.0/users/{}/teamwork/installedApps"
PRESENCE = "POST /v1.0/communications/getPresencesByUserId"


@pytest.fixture
def the_fakes(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fakes]:
    make_two(engine)
    link_identities(UnitOfWork(engine), id="default", teams=(TENANT,))
    link_identities(UnitOfWork(engine), id=OTHER, teams=(RIVIERDAL_M365,))
    with fakes(tmp_path, monkeypatch) as running:
        running.login.consent(RIVIERDAL_M365)
        running.graph.add_user(BAKKER, MAIL)
        running.graph.add_user(RV_BAKKER, MAIL, tenant=RIVIERDAL_M365)
        # The same people, each tenant telling its own presence.
        running.graph.add_user(DEWI, "dewi@st-zuid.example", presence=("Busy", "InACall"))
        running.graph.add_user(EMRE, "emre@st-zuid.example", presence=("Busy", "InACall"))
        running.graph.add_user(
            DEWI, "dewi@st-zuid.example", tenant=RIVIERDAL_M365, presence=("Available", "")
        )
        running.graph.add_user(
            EMRE, "emre@st-zuid.example", tenant=RIVIERDAL_M365, presence=("Away", "Away")
        )
        yield running


@pytest.fixture
def served(engine: Engine, the_fakes: Fakes) -> Iterator[Served]:
    with serve(engine, the_fakes, api_keys="hap:test-key", graph_presence=True) as app:
        yield app


def upkeep(
    served: Served, *, times: int = 1, days_ago: int = 0
) -> list[dict[str, UpkeepReport | None]]:
    """The daily Graph upkeep of every municipality, `times` in a row, with one Teams
    adapter of its own (one process)."""
    now = datetime.now(UTC) - timedelta(days=days_ago)

    async def run() -> list[dict[str, UpkeepReport | None]]:
        container = served.container
        adapter = teams_adapter(teams_config(container.settings), container.data)
        try:
            return [
                await daily_upkeep_all(container.data, container.rules, adapter, now=now)
                for _ in range(times)
            ]
        finally:
            await adapter.close()

    return asyncio.run(run())


def alerts(caplog: pytest.LogCaptureFixture) -> list[str]:
    found = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    caplog.clear()
    return found


def refer(served: Served, engine: Engine, tenant: str) -> None:
    """Dr. Bakker refers a child to the municipality's Sociaal team Zuid over REST, with
    that municipality's API key: a receipt for Dr. Bakker, an intake card for the team."""
    if tenant == OTHER:
        key = create_key(UnitOfWork(engine, tenant=OTHER), name="rv-hap", now=datetime.now(UTC))
        team, referrer = "rv-st-zuid", "rv-dr-bakker"
    else:
        key, team, referrer = "test-key", "st-zuid", "dr-bakker"
    response = httpx.post(
        f"{served.url}/api/v1/referrals",
        json={"team": team, "referrer": referrer, "external_ref": "HAP-1", "consent": "status"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201, response.text


def chat(user: str) -> str:
    return f"19:{user}_bot@unq.gbl.spaces"  # the fake Graph's chat of an installation


def stored_tenant(engine: Engine, tenant: str, user: str) -> str | None:
    """The Microsoft 365 tenant the municipality's stored conversation with `user` keeps."""
    with UnitOfWork(engine, tenant=tenant) as uow:
        ref = TeamsConversationRepository(uow.session).personal(user_aad_id=user)
    return ref.tenant_id if ref is not None else None


def waiting(engine: Engine, tenant: str, person: str) -> list[OutboxMessage]:
    with UnitOfWork(engine, tenant=tenant) as uow:
        rows = uow.session.execute(
            select(OutboxMessage).where(col(OutboxMessage.person_id) == person)
        ).scalars()
        return [row for row in rows if row.sent_at is None and row.failed_at is None]


def test_each_municipalitys_people_are_found_and_messaged_in_its_own_tenant(
    served: Served, engine: Engine
) -> None:
    login, graph, connector = served.fakes.login, served.fakes.graph, served.fakes.connector

    # The daily upkeep looks Dr. Bakker up by e-mail in each municipality's tenant.
    [reports] = upkeep(served)
    assert {tenant: (r.linked if r else None) for tenant, r in reports.items()} == {
        "default": 1,
        OTHER: 1,
    }
    assert set(graph.tenants_asked("GET /v1.0/users")) == {TENANT, RIVIERDAL_M365}

    refer(served, engine, "default")
    refer(served, engine, OTHER)
    report = served.dispatch(datetime.now(UTC) + timedelta(days=7))
    assert report.failed == 0

    # Graph installed the app for each in their own tenant, with that tenant's token ...
    assert graph.installed_in == {BAKKER: TENANT, RV_BAKKER: RIVIERDAL_M365}
    assert graph.tenants_asked(INSTALL.format(RV_BAKKER)) == [RIVIERDAL_M365]
    assert RIVIERDAL_M365 in login.tenants_asked(GRAPH_SCOPE)
    # ... each receipt went into that conversation, naming its tenant ...
    [ours] = connector.posted(chat(BAKKER))
    [theirs] = connector.posted(chat(RV_BAKKER))
    assert ours.tenant == TENANT and "Sociaal team Zuid" in ours.text
    assert theirs.tenant == RIVIERDAL_M365 and "Sociaal team Zuid (Rivierdal)" in theirs.text
    # ... and each municipality keeps its conversation with the tenant it is in.
    assert stored_tenant(engine, "default", BAKKER) == TENANT
    assert stored_tenant(engine, OTHER, RV_BAKKER) == RIVIERDAL_M365
    # A team channel not seen yet is addressed in its municipality's tenant too.
    cards = connector.posted(CHANNEL)
    assert sorted(str(card.tenant) for card in cards) == sorted([TENANT, RIVIERDAL_M365])
    # The Bot Connector's token is the app's own, whoever the message is for.
    assert set(login.tenants_asked("https://api.botframework.com/.default")) == {TENANT}


def test_presence_is_read_in_the_askers_municipalitys_tenant(served: Served) -> None:
    graph, login = served.fakes.graph, served.fakes.login
    theirs = say(served, "wie Huisartsenpraktijk Noord", RIVIERDAL_M365)
    assert "Nu in Teams: Dewi Pranoto is beschikbaar, Emre Yilmaz is even weg." in theirs
    assert graph.tenants_asked(PRESENCE) == [RIVIERDAL_M365]
    assert login.tenants_asked(GRAPH_SCOPE) == [RIVIERDAL_M365]

    ours = say(served, "wie Huisartsenpraktijk Noord", TENANT)
    assert "Nu in Teams: Dewi Pranoto is bezet, Emre Yilmaz is bezet." in ours
    assert graph.tenants_asked(PRESENCE) == [RIVIERDAL_M365, TENANT]


def test_a_tenant_that_refuses_stops_only_its_own_municipality_and_loses_nothing(
    served: Served, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    login, graph, connector = served.fakes.login, served.fakes.graph, served.fakes.connector
    upkeep(served, days_ago=1)  # both Dr. Bakkers linked yesterday, both tenants consenting
    login.refuse(RIVIERDAL_M365)  # then Rivierdal's administrator removes the app
    refer(served, engine, "default")
    refer(served, engine, OTHER)
    now = datetime.now(UTC) + timedelta(days=7)
    caplog.set_level(logging.WARNING)
    caplog.clear()

    # The outbox: Oosterwaard's receipt goes out; Rivierdal's waits, not failed, not sent
    # another way, no attempt spent. Said once, as an alert naming tenant and municipality.
    report = served.dispatch(now)
    assert report.failed == 0
    assert len(connector.posted(chat(BAKKER))) == 1
    assert connector.posted(chat(RV_BAKKER)) == []
    [queued] = waiting(engine, OTHER, "rv-dr-bakker")
    assert queued.attempts == 0 and queued.platform is None
    assert waiting(engine, "default", "dr-bakker") == []
    assert graph.installed_in == {BAKKER: TENANT}
    [alert] = alerts(caplog)
    assert RIVIERDAL_M365 in alert and f"municipality {OTHER}" in alert
    assert "AADSTS700016" in alert
    # Rivierdal's intake card went to its channel: the Bot Connector's token is the app's.
    assert sorted(str(card.tenant) for card in connector.posted(CHANNEL)) == sorted(
        [TENANT, RIVIERDAL_M365]
    )

    # Presence: Oosterwaard's still shown; Rivierdal's left out, its answer stands, and its
    # tenant is not asked again at the next question.
    asked = login.tenants_asked(GRAPH_SCOPE).count(RIVIERDAL_M365)
    assert "Nu in Teams: Dewi Pranoto is bezet" in say(
        served, "wie Huisartsenpraktijk Noord", TENANT
    )
    for _ in range(2):
        theirs = say(served, "wie Huisartsenpraktijk Noord", RIVIERDAL_M365)
        assert "(Rivierdal)" in theirs and "Nu in Teams" not in theirs
    assert graph.tenants_asked(PRESENCE) == [TENANT]
    assert login.tenants_asked(GRAPH_SCOPE).count(RIVIERDAL_M365) == asked + 1
    assert len(alerts(caplog)) == 1

    # The daily upkeep, twice in one process: Oosterwaard's runs and is done for the day;
    # Rivierdal's stops, is not done, and is tried again; one alert.
    graph.add_user("0a0a0a0a-0000-4000-8000-00000000000a", "anna@jt-noord.example")
    first, again = upkeep(served, times=2)
    ours, theirs_report = first["default"], first[OTHER]
    assert ours is not None and ours.linked == 1 and not ours.refused
    assert theirs_report is not None and theirs_report.refused and theirs_report.linked == 0
    retried = again[OTHER]
    assert again["default"] is None
    assert retried is not None and retried.refused
    assert len(alerts(caplog)) == 1

    # Consent given again: the waiting receipt goes out, in Rivierdal's tenant.
    login.consent(RIVIERDAL_M365)
    later = served.dispatch(now + timedelta(minutes=15))
    assert later.sent == 1
    [theirs_now] = connector.posted(chat(RV_BAKKER))
    assert theirs_now.tenant == RIVIERDAL_M365
    assert waiting(engine, OTHER, "rv-dr-bakker") == []
    assert graph.installed_in[RV_BAKKER] == RIVIERDAL_M365
