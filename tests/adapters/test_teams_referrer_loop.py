"""The referrer's own loop on the Teams fakes: Dewi types `verwijzer <kenmerk> informatie`
in her chat with the app, the GP (reached in Teams through Graph) gets a card with
"Geregeld", answers it with Action.Execute (the card is replaced by the invoke response),
and Dewi hears it; the check-in's card answers the same way."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from adapters.teams.people import sync
from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from reminders.scheduler import run_due_work
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.adapters.test_teams_loop import BAKKER, BAKKER_CHAT, DEWI_CHAT, action
from tests.fakes.teams_server import Activity
from tests.world import make_world


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes:
        the_fakes.graph.add_user(BAKKER, "Bakker@hap-noord.example")
        with serve(engine, the_fakes) as app:
            yield app


def gp_clicks(served: Served, card: Activity, title: str) -> dict[str, Any]:
    """The GP clicks a button on a card in her chat (Action.Execute)."""
    button = action(card, title)
    body = served.activity(
        "invoke_card_action",
        conversation={"conversationType": "personal", "id": card.conversation},
        replyToId=card.id,
    )
    body["from"] = {"id": "29:1Bakker", "name": "Dr. Bakker", "aadObjectId": BAKKER}
    body["value"]["action"].update(title=title, verb=button["verb"], data=button["data"])
    response = served.post(body)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def dewi_types(served: Served, words: str) -> None:
    assert served.post(served.activity("message_text", text=words)).status_code == 200


def test_verwijzer_in_teams_and_the_gps_card_answers(
    served: Served, engine: Engine, rules: Rules
) -> None:
    connector = served.fakes.connector
    now = datetime.now(UTC)
    assert served.post(served.activity("installation_update_personal")).status_code == 200

    async def upkeep() -> Any:
        adapter = teams_adapter(teams_config(served.container.settings), Data(engine))
        try:
            return await sync(Data(engine), rules, adapter, now=now)
        finally:
            await adapter.close()

    assert asyncio.run(upkeep()).linked == 1
    submitted = submit_referral(
        UnitOfWork(engine),
        rules,
        team="st-zuid",
        referrer="dr-bakker",
        external_ref="HAP-9002",
        consent=Consent.STATUS,
        now=now - timedelta(days=3),
    )
    take_referral(
        UnitOfWork(engine), rules, referral_id=submitted.id, by="dewi", now=now - timedelta(days=3)
    )
    case_ref = submitted.case_ref

    dewi_types(served, f"<at>terugkoppel</at> verwijzer {case_ref} informatie")
    [*_, reply] = connector.posted(DEWI_CHAT)
    assert reply.text.startswith(f"{case_ref} wacht nu op ontbrekende informatie van Dr. Bakker.")

    served.dispatch(now)
    [request] = [a for a in connector.posted(BAKKER_CHAT) if a.text.startswith("Voor uw")]
    assert "mist Sociaal team Zuid nog informatie" in request.text
    replaced = gp_clicks(served, request, "Geregeld")
    text = replaced["value"]["body"][0]["text"]
    assert text.startswith(f"Dank u. Genoteerd: ontbrekende informatie voor {case_ref}")
    assert "actions" not in replaced["value"]
    again = gp_clicks(served, request, "Geregeld")  # a second click says it was answered
    assert "Dr. Bakker" in again["value"]["body"][0]["text"]

    served.dispatch(now + timedelta(days=4))
    [settled] = [a for a in connector.posted(DEWI_CHAT) if "is geregeld" in a.text]
    assert settled.text == (
        f"Dr. Bakker (Huisartsenpraktijk Noord) meldt bij {case_ref}: ontbrekende informatie "
        "is geregeld."
    )

    # Help starts; the check-in card comes twenty working days later; "Weet ik niet".
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=submitted.id, kind="feedback")
    answer_prompt(
        UnitOfWork(engine),
        rules,
        prompt_id=prompt.id or 0,
        answer=Answer.HELP_STARTED,
        by="dewi",
        now=now,
    )
    run_due_work(engine, rules, now=now + timedelta(days=40))
    served.dispatch(now + timedelta(days=40))
    [checkin] = [a for a in connector.posted(BAKKER_CHAT) if "Merkt u verschil?" in a.text]
    assert [a["title"] for a in checkin.card["actions"]] == [
        "Beter",
        "Hetzelfde",
        "Slechter",
        "Weet ik niet",
    ]
    gp_clicks(served, checkin, "Weet ik niet")
    served.dispatch(now + timedelta(days=44))
    [told] = [a for a in connector.posted(DEWI_CHAT) if "Merkt u verschil?" in a.text]
    assert told.text.endswith(": weet ik niet.")
