"""Personal chat commands, strangers, platform retries, throttling and out-of-office, over
real HTTP to the app and from the app to the fake Bot Connector and Graph."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from adapters.teams.people import sync
from adapters.teams.setup import teams_adapter
from bot.app import notify
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from store.schema.audit import AuditEntry
from store.schema.delivery import OutboxMessage
from store.schema.directory import Absence
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, FLEUR, Served, fakes, serve
from tests.world import make_world

DEWI_CHAT = "a:1Dewi-personal-chat-with-terugkoppel"


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def say(served: Served, words: str, *, user: str = DEWI, chat: str = DEWI_CHAT) -> str:
    before = len(served.fakes.connector.posted(chat))
    body = served.activity(
        "message_text",
        text=f"<at>terugkoppel</at> {words}",
        conversation={"conversationType": "personal", "id": chat},
    )
    body["from"]["aadObjectId"] = user
    assert served.post(body).status_code == 200
    replies = served.fakes.connector.posted(chat)[before:]
    assert len(replies) == 1, replies
    return replies[0].text


def test_wie_names_the_contact_person_and_backup(served: Served) -> None:
    answer = say(served, "wie Huisartsenpraktijk Noord")
    assert answer.startswith("Vaste contactpersonen voor Huisartsenpraktijk Noord:")
    assert "Sociaal team Zuid: Dewi Pranoto (vervanger: Emre Yilmaz)" in answer
    assert say(served, "wie").startswith("Gebruik: wie <organisatie>")


def test_afwezig_records_the_absence(served: Served, engine: Engine) -> None:
    answer = say(served, "afwezig morgen")
    assert answer.startswith("Genoteerd: je bent afwezig van")
    with UnitOfWork(engine) as uow:
        [absence] = uow.session.execute(select(Absence)).scalars().all()
    assert absence.person_id == "dewi" and absence.source == "teams"
    assert say(served, "afwezig gisteren").startswith("'gisteren' is geen datum")


def test_my_open_questions_in_english_and_help(served: Served) -> None:
    assert say(served, "my open questions", user=FLEUR, chat="a:fleur") == (
        "Nothing is waiting for your answer."
    )
    assert say(served, "hallo").startswith("Je kunt typen:")


def test_a_stranger_is_refused_politely_and_audited(served: Served, engine: Engine) -> None:
    answer = say(served, "wie Politie", user="ffffffff-0000-4000-8000-000000000000", chat="a:x")
    assert "niet bekend" in answer or "not known" in answer
    with UnitOfWork(engine) as uow:
        [audit] = uow.session.execute(select(AuditEntry)).scalars().all()
    assert audit.event == "refused" and audit.actor.startswith("teams:")


def test_a_repeated_activity_changes_state_once(served: Served, engine: Engine) -> None:
    body = served.activity(
        "message_text",
        text="afwezig morgen",
        conversation={"conversationType": "personal", "id": DEWI_CHAT},
    )
    assert served.post(body).status_code == 200
    assert served.post(body).status_code == 200  # the Bot Framework's retry: same id
    with UnitOfWork(engine) as uow:
        assert len(uow.session.execute(select(Absence)).scalars().all()) == 1
    assert len(served.fakes.connector.posted(DEWI_CHAT)) == 1


def test_throttled_sends_are_retried_after_retry_after(served: Served, engine: Engine) -> None:
    served.post(served.activity("installation_update_personal"))
    now = datetime.now(UTC)
    with UnitOfWork(engine) as uow:
        person = uow.directory.person(id="dewi")
        assert person is not None
        for n in range(3):
            notify.to_person(
                uow,
                key=f"t:{n}",
                person=person,
                message_key="teams.open_none",
                params={},
                now=now,
                not_before=now,
            )
        uow.commit()
    connector = served.fakes.connector
    connector.fail_next(429, {"Retry-After": "3"})
    connector.fail_next(502)
    report = served.dispatch(now)
    assert report.sent == 3 and report.retried == 2
    sent = [a for a in connector.posted(DEWI_CHAT) if "Er wacht niets" in a.text]
    assert len(sent) == 3
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
        times = [r.sent_at for r in rows if r.key.startswith("t:")]
    assert all(t is not None for t in times)
    # The 429 held the whole app back at least its Retry-After.
    assert times[0] is not None and times[0] >= now + timedelta(seconds=3)


def test_out_of_office_routes_coverage_to_the_backup(
    served: Served, engine: Engine, rules: Rules
) -> None:
    now = datetime.now(UTC)
    end = (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S.0000000")
    served.fakes.graph.add_user(
        DEWI,
        "dewi@st-zuid.example",
        automaticReplies={
            "status": "scheduled",
            "scheduledStartDateTime": {
                "dateTime": "2026-01-01T00:00:00.0000000",
                "timeZone": "UTC",
            },
            "scheduledEndDateTime": {"dateTime": end, "timeZone": "UTC"},
        },
    )

    async def run() -> object:
        adapter = teams_adapter(teams_config(served.container.settings), Data(engine))
        try:
            return await sync(Data(engine), rules, adapter, now=now)
        finally:
            await adapter.close()

    report = asyncio.run(run())
    assert report.away == 1
    with UnitOfWork(engine) as uow:
        [absence] = uow.session.execute(select(Absence)).scalars().all()
        assert absence.source == "graph" and absence.ends_on >= rules.today(now)
        assert uow.directory.absence_on(person="dewi", day=rules.today(now)) is not None
    # Replies switched off: the absence that came from Graph ends today.
    served.fakes.graph.add_user(DEWI, "dewi@st-zuid.example")
    report = asyncio.run(run())
    assert report.back == 1
