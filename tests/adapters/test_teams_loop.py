"""The whole loop on the fakes: the app installed in the team and for Dewi → a referral over
REST → the intake card in the Teams channel → "Ik pak hem op" (Action.Execute, the card
replaced through the invoke response) → the prompt as a card in Dewi's chat → "Contact
gelegd" from an older client (Action.Submit, the card updated in place) → the GP, who has
no conversation yet, gets the app through Graph and their status as a card."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from adapters.fake import FakeAdapter
from adapters.teams.people import sync
from adapters.teams.setup import teams_adapter
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.main.wiring import teams_config
from store.schema.audit import AuditEntry
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.fakes.teams_server import Activity
from tests.world import make_world

CHANNEL = "19:intake-zuid@thread.tacv2"
DEWI_CHAT = "a:1Dewi-personal-chat-with-terugkoppel"
BAKKER = "b4kk3r00-0000-4000-8000-0000000000bb"
BAKKER_CHAT = f"19:{BAKKER}_bot@unq.gbl.spaces"


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes:
        the_fakes.graph.add_user(BAKKER, "Bakker@hap-noord.example")
        with serve(engine, the_fakes, api_keys="hap:test-key") as app:
            yield app


def action(activity: Activity, title: str) -> dict[str, Any]:
    [found] = [a for a in activity.card.get("actions", []) if a["title"] == title]
    return found


def click(served: Served, card: Activity, title: str, *, invoke: bool) -> httpx.Response:
    """Dewi clicks a button: an adaptiveCard/action invoke (Action.Execute), or the message
    an older client sends for the Action.Submit fallback."""
    button = action(card, title)
    conversation = {
        "conversationType": "channel" if card.conversation == CHANNEL else "personal",
        "id": card.conversation,
        "tenantId": "7d1c2b3a-0000-4000-8000-0000000000aa",
    }
    if invoke:
        body = served.activity("invoke_card_action", conversation=conversation, replyToId=card.id)
        body["value"]["action"].update(title=title, verb=button["verb"], data=button["data"])
    else:
        body = served.activity("message_submit", conversation=conversation, replyToId=card.id)
        body["value"] = button["fallback"]["data"]
    return served.post(body)


def test_from_referral_to_a_card_answered_in_teams_and_the_referrers_status(
    served: Served, engine: Engine, rules: Rules
) -> None:
    connector, graph = served.fakes.connector, served.fakes.graph
    now = datetime.now(UTC)

    # The app is added to the team (intake channel) and installed by Dewi.
    assert served.post(served.activity("conversation_update_team")).status_code == 200
    assert served.post(served.activity("installation_update_personal")).status_code == 200
    assert len(connector.posted(DEWI_CHAT)) == 1  # the welcome

    # The daily Graph upkeep finds the GP by e-mail (her Entra id becomes her Teams id).
    async def upkeep() -> Any:
        adapter = teams_adapter(teams_config(served.container.settings), Data(engine))
        try:
            return await sync(Data(engine), rules, adapter, now=now)
        finally:
            await adapter.close()

    assert asyncio.run(upkeep()).linked == 1

    # A referral over REST.
    response = httpx.post(
        f"{served.url}/api/v1/referrals",
        json={
            "team": "st-zuid",
            "referrer": "dr-bakker",
            "external_ref": "HAP-9001",
            "consent": "status",
        },
        headers={"Authorization": "Bearer test-key"},
    )
    assert response.status_code == 201, response.text
    case_ref = response.json()["case_ref"]

    # The outbox: the GP's receipt (Graph installs the app for her, then her chat gets it)
    # and the intake card in the team's channel.
    served.dispatch(now + timedelta(days=7))
    [receipt] = connector.posted(BAKKER_CHAT)
    assert receipt.text.startswith("Uw verwijzing is ontvangen door Sociaal team Zuid")
    assert graph.installed == {BAKKER: f"inst-{BAKKER}"}
    [intake] = connector.posted(CHANNEL)
    assert case_ref in intake.text
    card = intake.card
    assert card["version"] == "1.5"
    # every button, also the one inside the assign picker (a ShowCard), is an
    # Action.Execute with an Action.Submit fallback; "Afwijzen…" opens a dialog (task/fetch)
    buttons = [
        b
        for a in card["actions"]
        for b in (a["card"]["actions"] if a["type"] == "Action.ShowCard" else [a])
        if a["title"] != "Afwijzen…"
    ]
    assert len(buttons) == len(card["actions"]) - 1 >= 2
    [decline] = [a for a in card["actions"] if a["title"] == "Afwijzen…"]
    assert decline["data"]["msteams"] == {"type": "task/fetch"}
    assert all(
        a["type"] == "Action.Execute" and a["fallback"]["type"] == "Action.Submit" for a in buttons
    )

    # Dewi takes it with Action.Execute: the invoke response is the replaced card.
    response = click(served, intake, "Ik pak hem op", invoke=True)
    assert response.status_code == 200
    replaced = response.json()
    assert replaced["type"] == "application/vnd.microsoft.card.adaptive"
    assert "opgepakt door Dewi Pranoto" in replaced["value"]["body"][0]["text"]
    assert "actions" not in replaced["value"]

    # Two working days later the prompt arrives as a card in Dewi's personal chat.
    from reminders.scheduler import run_due_work

    run_due_work(engine, rules, now=now + timedelta(days=14))
    served.dispatch(now + timedelta(days=18))
    [prompt] = [a for a in connector.posted(DEWI_CHAT) if a.text.startswith("Hoe staat het met")]
    assert case_ref in prompt.text

    # The card refreshes (universal actions): while open, the question with its buttons.
    refresh = prompt.card["refresh"]["action"]["data"]
    assert refresh["action"] == "refresh" and refresh["tk_value"].startswith("prompt:")
    body = served.activity("invoke_card_action", conversation={"id": DEWI_CHAT})
    body["value"]["action"].update(verb="refresh", data=refresh)
    still = served.post(body).json()["value"]
    assert [a["title"] for a in still["actions"]] == [a["title"] for a in prompt.card["actions"]]

    # An older client sends Action.Submit: recorded, and the card is updated in place.
    response = click(served, prompt, "Contact gelegd", invoke=False)
    assert response.status_code == 200
    [update] = [u for u in connector.updates() if u.id == prompt.id]
    assert update.conversation == DEWI_CHAT
    assert "Beantwoord door Dewi Pranoto" in update.text
    assert "actions" not in update.card

    # A second click says who answered first; nothing changes twice.
    again = click(served, prompt, "Contact gelegd", invoke=True)
    assert "Dewi Pranoto" in again.json()["value"]["body"][0]["text"]

    # Every later view of the card shows who answered, without buttons.
    body = served.activity("invoke_card_action", conversation={"id": DEWI_CHAT})
    body["value"]["action"].update(verb="refresh", data=refresh)
    answered = served.post(body).json()["value"]
    assert "Beantwoord door Dewi Pranoto" in answered["body"][1]["text"]
    assert "actions" not in answered

    # The GP hears it in her Teams chat, and the disclosure is audited.
    served.dispatch(now + timedelta(days=19))
    told = [a.text for a in connector.posted(BAKKER_CHAT) if a.text.startswith("Terugkoppeling")]
    assert told[-1].startswith(
        f"Terugkoppeling over {case_ref} (uw kenmerk: HAP-9001): er is contact gelegd"
    )
    assert "Dewi Pranoto" in told[-1]
    with UnitOfWork(engine) as uow:
        referral = uow.referrals.by_external_ref(referrer="dr-bakker", external_ref="HAP-9001")
        assert referral is not None and referral.status == "contact_made"
        audited = (
            uow.session.execute(
                select(AuditEntry).where(
                    AuditEntry.event == "disclosed", AuditEntry.channel == "teams"
                )
            )
            .scalars()
            .all()
        )
        assert audited
    print(
        "LOOP:",
        {
            "receipt": receipt.text.split("\n")[0],
            "intake": intake.text.split("\n")[0],
            "taken": replaced["value"]["body"][0]["text"],
            "answered": update.text,
            "referrer": told[-1],
        },
    )


def test_someone_teams_cannot_reach_gets_email_and_the_coordinator_is_told(
    served: Served, engine: Engine
) -> None:
    """Fleur has a Teams id but IT blocked the app for her: Graph refuses the installation,
    the message goes by e-mail instead and Emre (coordinator) hears why."""
    from bot.app import notify

    fleur = "8c2f1e0a-0000-4000-8000-000000000006"
    served.fakes.graph.add_user(fleur, "fleur@st-zuid.example")
    served.fakes.graph.blocked.add(fleur)
    assert (
        served.post(
            served.activity(
                "installation_update_personal",
                **{
                    "from": {
                        "id": "29:emre",
                        "aadObjectId": "8c2f1e0a-0000-4000-8000-000000000005",
                    },
                    "conversation": {"conversationType": "personal", "id": "a:emre-chat"},
                },
            )
        ).status_code
        == 200
    )
    now = datetime.now(UTC)
    with UnitOfWork(engine) as uow:
        person = uow.directory.person(id="fleur")
        assert person is not None
        notify.to_person(
            uow,
            key="t:fleur",
            person=person,
            message_key="teams.open_none",
            params={},
            now=now,
            not_before=now,
        )
        uow.commit()
    mail = FakeAdapter()
    served.dispatch(now, email=mail)
    [sent] = mail.sent
    assert sent.recipient.address == "fleur@st-zuid.example"
    with UnitOfWork(engine) as uow:
        row = uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.key == "t:fleur")
        ).scalar_one()
    assert row.platform == "email" and row.address == "fleur@st-zuid.example"
    assert row.sent_at is not None and row.channel == "email"
    served.dispatch(now + timedelta(days=3))  # the coordinator's notice waits for office hours
    told = [a.text for a in served.fakes.connector.posted("a:emre-chat")]
    assert any("Fleur Hendriks is niet bereikbaar in Teams" in t for t in told), told
