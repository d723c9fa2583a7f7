"""The whole loop on the fake Slack: /verwijzing → modal → referral → intake announcement →
"Ik pak hem op" → prompt → answer click → prompt replaced in place → the referrer's DM."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from adapters.slack import SlackAdapter
from adapters.slack.people import link_by_email
from bot.app.data import Data
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import TOKEN, Served, eventually, interactive, payload, serve
from tests.fakes.slack_server import FakeSlack, Posted
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0BRAM", email="bram@jt-noord.example", name="Bram Jansen")
        # The GP's practice shares a Slack Connect channel: found by e-mail, not in the file.
        fake.add_user("U0BAKKER", email="Bakker@hap-noord.example", name="Dr. Bakker")
        yield app


def click(served: Served, posted: Posted, label: str, *, user: str = "U0ANNA") -> None:
    """Clicks the button with this label on a message the app posted, as Slack sends it."""
    [button] = [
        element
        for block in posted.blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element.get("text", {}).get("text") == label
    ]
    body = payload("block_actions_button")
    body["user"]["id"] = user
    body["container"].update(channel_id=posted.channel, message_ts=posted.ts)
    body["channel"]["id"] = posted.channel
    body["message"].update(ts=posted.ts, text=posted.text, blocks=posted.blocks)
    body["actions"] = [
        {**button, "block_id": "actions", "action_ts": f"{datetime.now(UTC).timestamp():.6f}"}
    ]
    body["response_url"] = served.slack.response_url(f"click-{label}")
    assert served.post(*interactive(body)).status_code == 200


def in_channel(slack: FakeSlack, channel: str) -> list[Posted]:
    return [m for m in slack.messages if m.channel == channel]


def test_from_verwijzing_to_the_referrers_status_dm(served: Served, engine: Engine) -> None:
    slack = served.slack
    now = datetime.now(UTC)

    # The GP is found on Slack by e-mail and keeps that id (item 5).
    report = _run(lambda adapter: link_by_email(Data(engine), adapter, rate=1000), slack)
    assert report.linked >= 1
    with UnitOfWork(engine) as uow:
        assert uow.directory.person(id="dr-bakker").slack_id == "U0BAKKER"  # type: ignore[union-attr]

    # /verwijzing opens the modal ...
    assert served.command("/verwijzing").status_code == 200
    [view] = eventually(lambda: slack.views)
    # ... which Anna fills in and submits (Slack sends back our private_metadata).
    submission = payload("view_submission_referral")
    submission["view"]["private_metadata"] = view["private_metadata"]
    response = served.post(*interactive(submission))
    assert response.status_code == 200 and response.text == ""  # modal closes
    [confirmation] = eventually(lambda: slack.responses)
    assert confirmation["text"].startswith("Verwijzing JT-NRD-")
    assert confirmation["text"].endswith("Dr. Bakker krijgt een ontvangstbevestiging.")
    case_ref = confirmation["text"].split()[1]

    # The outbox goes out through the real dispatcher: receipt DM, intake announcement.
    served.dispatch(now + timedelta(days=7))
    [receipt] = eventually(lambda: in_channel(slack, "D0BAKKER"))
    assert receipt.text.startswith(
        f"Uw verwijzing is ontvangen door Jeugdteam Noord. Ons kenmerk: {case_ref}"
    )
    [announcement] = in_channel(slack, "C0INTAKE1")
    assert announcement.text.startswith(
        f"Nieuwe verwijzing {case_ref} van Huisartsenpraktijk Noord"
    )
    elements = announcement.blocks[-1]["elements"]
    assert [e["type"] for e in elements] == ["button", "users_select", "button"]  # Afwijzen…

    # Anna takes it: the announcement changes in place for the whole channel.
    click(served, announcement, "Ik pak hem op")
    taken = eventually(lambda: "opgepakt door Anna de Vries" in _current(slack, announcement).text)
    assert taken
    assert all(b["type"] != "actions" for b in _current(slack, announcement).blocks)

    # Two working days later the prompt arrives in Anna's DM.
    served.tick(now + timedelta(days=14))
    [prompt] = eventually(
        lambda: [m for m in in_channel(slack, "D0ANNA") if m.text.startswith("Hoe staat het met")]
    )
    assert case_ref in prompt.text

    # One click: recorded, the prompt replaced by who answered and when, the GP told.
    click(served, prompt, "Contact gelegd")
    answered = eventually(lambda: "Beantwoord door Anna de Vries" in _current(slack, prompt).text)
    assert answered
    replaced = _current(slack, prompt)
    assert replaced.text.startswith(f"Genoteerd: {case_ref} — er is contact gelegd met het gezin.")
    assert all(b["type"] != "actions" for b in replaced.blocks)
    served.dispatch(now + timedelta(days=19))
    told = [m.text for m in in_channel(slack, "D0BAKKER") if m.text.startswith("Terugkoppeling")]
    assert "toegewezen aan een medewerker" in told[0]  # when Anna took it
    assert told[-1] == (
        f"Terugkoppeling over {case_ref} (uw kenmerk: HAP-7781): er is contact gelegd met het "
        "gezin. Contactpersoon: Anna de Vries, Jeugdteam Noord."
    )
    with UnitOfWork(engine) as uow:
        referral = uow.referrals.by_external_ref(referrer="dr-bakker", external_ref="HAP-7781")
        assert referral is not None and referral.status == "contact_made"


def test_a_coordinator_assigns_with_the_picker(served: Served, engine: Engine) -> None:
    slack = served.slack
    served.command("/verwijzing")
    [view] = eventually(lambda: slack.views)
    submission = payload("view_submission_referral")
    submission["view"]["private_metadata"] = view["private_metadata"]
    served.post(*interactive(submission))
    eventually(lambda: slack.responses)
    served.dispatch(datetime.now(UTC) + timedelta(days=7))
    [announcement] = in_channel(slack, "C0INTAKE1")
    picker = announcement.blocks[-1]["elements"][1]

    pick = payload("block_actions_users_select")
    pick["container"].update(channel_id=announcement.channel, message_ts=announcement.ts)
    pick["actions"][0].update(action_id=picker["action_id"], selected_user="U0ANNA")
    pick["response_url"] = slack.response_url("pick")
    assert served.post(*interactive(pick)).status_code == 200
    eventually(lambda: "toegewezen aan Anna de Vries" in _current(slack, announcement).text)
    with UnitOfWork(engine) as uow:
        referral = uow.referrals.by_external_ref(referrer="dr-bakker", external_ref="HAP-7781")
        assert referral is not None and referral.assignee_id == "anna"

    # Anna is no coordinator: her pick is refused politely and audited.
    pick["user"]["id"] = "U0ANNA"
    pick["actions"][0]["action_ts"] = "1776848999.000001"
    served.post(*interactive(pick))
    [refusal] = eventually(lambda: slack.responses[1:])
    assert refusal["text"].startswith("Dit mag niet voor JT-NRD-")


def _current(slack: FakeSlack, posted: Posted) -> Posted:
    return next(m for m in slack.messages if m.channel == posted.channel and m.ts == posted.ts)


def _run(use: Any, slack: FakeSlack) -> Any:
    import asyncio

    async def run() -> Any:
        adapter = SlackAdapter(TOKEN, base_url=slack.url)
        try:
            return await use(adapter)
        finally:
            await adapter.close()

    return asyncio.run(run())
