"""Teams in an installation of two municipalities: each activity works in the municipality
of its Microsoft 365 tenant; a Microsoft 365 tenant that is no municipality's is refused
(403), nothing runs, and the attempt is audited (issue 22)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from bot.app.tenants import link_identities
from store.schema.audit import AuditEntry
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, TENANT, Served, fakes, serve
from tests.tenant_world import OTHER, make_two

RIVIERDAL_M365 = "7d1c2b3a-0000-4000-8000-0000000000bb"
CHAT = "a:1Dewi-personal-chat-with-terugkoppel"


@pytest.fixture
def served(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    make_two(engine)
    link_identities(UnitOfWork(engine), id="default", teams=(TENANT,))
    link_identities(UnitOfWork(engine), id=OTHER, teams=(RIVIERDAL_M365,))
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def activity(served: Served, words: str, m365: str) -> dict[str, Any]:
    body = served.activity(
        "message_text",
        text=f"<at>terugkoppel</at> {words}",
        conversation={"conversationType": "personal", "id": CHAT, "tenantId": m365},
        channelData={"tenant": {"id": m365}},
    )
    body["from"]["aadObjectId"] = DEWI
    return body


def say(served: Served, words: str, m365: str) -> str:
    before = len(served.fakes.connector.posted(CHAT))
    assert served.post(activity(served, words, m365)).status_code == 200
    [reply] = served.fakes.connector.posted(CHAT)[before:]
    return reply.text


def test_each_microsoft_365_tenant_works_in_its_own_municipality(served: Served) -> None:
    assert "(Rivierdal)" in say(served, "wie Huisartsenpraktijk Noord", RIVIERDAL_M365)
    here = say(served, "wie Huisartsenpraktijk Noord", TENANT)
    assert "Sociaal team Zuid: Dewi Pranoto" in here and "(Rivierdal)" not in here


def test_a_microsoft_365_tenant_of_no_municipality_is_refused_and_audited(
    served: Served, engine: Engine
) -> None:
    before = len(served.fakes.connector.posted(CHAT))
    stranger = "7d1c2b3a-0000-4000-8000-0000000000cc"
    response = served.post(activity(served, "wie Huisartsenpraktijk Noord", stranger))
    assert response.status_code == 403
    assert len(served.fakes.connector.posted(CHAT)) == before
    with UnitOfWork(engine, tenant="default") as uow:
        stmt = (
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.basis == "teams:unknown_tenant")
        )
        assert uow.session.execute(stmt).scalar_one() == 1
