"""The satisfaction question end to end on the Teams fakes: the referral is closed, the GP
(reached in Teams through Graph) gets the card with the scores 1-10 in two rows, answers
8 with Action.Execute (the card is replaced), a second click is told it was answered, and
the score is stored once, for the team, as given in Teams."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from adapters.teams.people import sync
from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from store.schema.loop import SatisfactionScore
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.adapters.test_teams_loop import BAKKER, BAKKER_CHAT
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


def score_buttons(card: Activity) -> list[dict[str, Any]]:
    """The score buttons, row by row, from the card's ActionSets."""
    return [
        button
        for element in card.card["body"]
        if element.get("type") == "ActionSet"
        for button in element["actions"]
    ]


def gp_scores(served: Served, card: Activity, title: str) -> dict[str, Any]:
    [button] = [b for b in score_buttons(card) if b["title"] == title]
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


def test_the_gp_scores_the_collaboration_once_in_teams(
    served: Served, engine: Engine, rules: Rules
) -> None:
    connector = served.fakes.connector
    now = datetime.now(UTC)

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
        external_ref="HAP-9003",
        consent=Consent.STATUS,
        now=now - timedelta(days=3),
    )
    take_referral(
        UnitOfWork(engine), rules, referral_id=submitted.id, by="dewi", now=now - timedelta(days=3)
    )
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=submitted.id, kind="feedback")
    answer_prompt(
        UnitOfWork(engine),
        rules,
        prompt_id=prompt.id or 0,
        answer=Answer.CLOSED,
        by="dewi",
        now=now,
    )
    served.dispatch(now)

    [question] = [a for a in connector.posted(BAKKER_CHAT) if "tevreden" in a.text]
    rows = [e for e in question.card["body"] if e.get("type") == "ActionSet"]
    assert [[b["title"] for b in row["actions"]] for row in rows] == [
        ["1", "2", "3", "4", "5"],
        ["6", "7", "8", "9", "10"],
    ]
    assert all(b["type"] == "Action.Execute" for b in score_buttons(question))

    replaced = gp_scores(served, question, "8")
    assert question.text == (
        f"{submitted.case_ref} (uw kenmerk: HAP-9003) is afgesloten. Hoe tevreden bent u over "
        "de samenwerking met Sociaal team Zuid? (1–10)"
    )
    assert replaced["value"]["body"][0]["text"] == (
        f"Dank u wel! Uw cijfer voor de samenwerking bij {submitted.case_ref}: 8."
    )
    assert not [e for e in replaced["value"]["body"] if e.get("type") == "ActionSet"]
    again = gp_scores(served, question, "3")  # a second click changes nothing
    assert again["value"]["body"][0]["text"] == (
        "Deze vraag is al beantwoord; uw eerste antwoord telt."
    )

    with UnitOfWork(engine) as uow:
        [stored] = uow.session.execute(select(SatisfactionScore)).scalars().all()
    assert (stored.score, stored.channel, stored.team_id) == (8, "teams", "st-zuid")
