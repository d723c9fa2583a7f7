"""Issue 20/21 on the fake Bot Framework, over real HTTP with signed activities: the
"Overdragen…" button on the "opgepakt" card opens the handover dialog (task/fetch → the
SDK's on_dialog_open), whose place picker types ahead over teams and partners
(application/search, dataset `places`); "Afwijzen…" on the intake card opens the decline
dialog. A bad submission brings the dialog back with the sentence and stores nothing;
a good one starts the handover or declines, as the typed commands do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Handover, Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, EMRE, Served, fakes, serve
from tests.adapters.test_teams_dialogs import CHANNEL, DEWI_CHAT, card_text, execute, invoke
from tests.world import make_world


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def _referral(engine: Engine, rules: Rules, ref: str, *, taken: bool) -> tuple[int, str]:
    now = datetime.now(UTC) - timedelta(days=3)
    made = submit_referral(
        UnitOfWork(engine),
        rules,
        team="st-zuid",
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=now,
    )
    if taken:
        take_referral(UnitOfWork(engine), rules, referral_id=made.id, by="dewi", now=now)
    return made.id, made.case_ref


def _button(card: dict[str, Any], title: str) -> dict[str, Any]:
    [found] = [a for a in card.get("actions", []) if a["title"] == title]
    return found


def _dialog(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    task = response.json()["task"]
    assert task["type"] == "continue", task
    return dict(task["value"]["card"]["content"])


def _field(card: dict[str, Any], field: str) -> dict[str, Any]:
    [found] = [b for b in card["body"] if b.get("id") == field]
    return found


def _handovers(engine: Engine) -> list[Handover]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.execute(select(Handover)).scalars().all())


def test_overdragen_opens_the_dialog_and_starts_the_handover(
    served: Served, engine: Engine, rules: Rules
) -> None:
    assert served.post(served.activity("installation_update_personal")).status_code == 200
    _, case_ref = _referral(engine, rules, "HAP-91", taken=True)
    served.dispatch(datetime.now(UTC) + timedelta(days=7))
    [taken] = [
        a for a in served.fakes.connector.posted(DEWI_CHAT) if "opgepakt door" in card_text(a.card)
    ]
    button = _button(taken.card, "Overdragen…")
    assert button["type"] == "Action.Submit"
    assert button["data"]["msteams"] == {"type": "task/fetch"}

    opened = invoke(served, "task/fetch", {"data": button["data"], "context": {}})
    dialog = _dialog(opened)
    assert opened.json()["task"]["value"]["title"] == "Overdragen"
    place = _field(dialog, "place")
    assert place["type"] == "Input.ChoiceSet"
    assert place["choices.data"] == {"type": "Data.Query", "dataset": "places"}
    titles = [c["title"] for c in place["choices"]]
    assert "Jeugdteam Noord" in titles and "Sociaal team Zuid" not in " ".join(titles)
    assert _field(dialog, "warm")["type"] == "Input.Toggle"
    assert _field(dialog, "meeting_day")["type"] == "Input.Date"
    assert _field(dialog, "meeting_time")["type"] == "Input.Time"
    [submit] = dialog["actions"]
    assert submit["data"] == {"action": "handover_submit", "tk_case": case_ref}

    # the picker types ahead over teams and partners (the SDK's on_card_search)
    value = {"queryText": "komp", "dataset": "places", "queryOptions": {"skip": 0, "top": 15}}
    found = invoke(served, "application/search", value).json()["value"]["results"]
    assert [r["value"] for r in found] == ["kompas"]

    # a meeting without "warm": the dialog comes back, filled in, with the sentence
    day = (datetime.now(rules.calendar.tz) + timedelta(days=2)).date().isoformat()
    fields = {"place": "jt-noord", "warm": "false", "meeting_day": day, "meeting_time": "10:00"}
    again = _dialog(invoke(served, "task/submit", {"data": {**submit["data"], **fields}}))
    assert text("error.meeting_invalid") in card_text(again)
    assert _field(again, "place")["value"] == "jt-noord"
    assert _handovers(engine) == []  # nothing stored

    fields["warm"] = "true"
    done = invoke(served, "task/submit", {"data": {**submit["data"], **fields}})
    assert done.status_code == 200, done.text
    task = done.json()["task"]
    assert task["type"] == "message"
    assert task["value"].startswith(f"Overdracht van {case_ref} aan Jeugdteam Noord gevraagd")
    [handover] = _handovers(engine)
    assert (handover.to_team_id, handover.warm, handover.requested_by) == ("jt-noord", True, "dewi")
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(select(OutboxMessage)).scalars().all()
    [told] = [r for r in rows if r.message_key == "handover.requested"]
    assert told.address == "C0INTAKE1"  # Jeugdteam Noord's intake channel hears it

    # the same dialog once more: the service's refusal, in the dialog
    twice = _dialog(invoke(served, "task/submit", {"data": {**submit["data"], **fields}}))
    assert f"Voor {case_ref} loopt al een overdracht" in card_text(twice)
    assert len(_handovers(engine)) == 1


def test_afwijzen_opens_the_decline_dialog_for_a_coordinator(
    served: Served, engine: Engine, rules: Rules
) -> None:
    assert served.post(served.activity("conversation_update_team")).status_code == 200
    referral_id, case_ref = _referral(engine, rules, "HAP-92", taken=False)
    served.dispatch(datetime.now(UTC) + timedelta(days=7))
    [intake] = served.fakes.connector.posted(CHANNEL)
    button = _button(intake.card, "Afwijzen…")
    assert button["data"]["dialog_id"] == "decline"

    # Dewi is no coordinator: the dialog answers with a sentence, no form
    refused = invoke(served, "task/fetch", {"data": button["data"]}, user=DEWI, chat=CHANNEL)
    assert refused.json()["task"]["type"] == "message"
    assert refused.json()["task"]["value"].startswith(f"Dit mag niet voor {case_ref}")

    opened = invoke(served, "task/fetch", {"data": button["data"]}, user=EMRE, chat=CHANNEL)
    dialog = _dialog(opened)
    reasons = [c["value"] for c in _field(dialog, "reason")["choices"]]
    assert reasons == [
        "not_our_service",
        "outside_area",
        "already_in_care",
        "needs_consent",
        "other",
    ]
    [submit] = dialog["actions"]

    # no reason: back, nothing stored
    again = _dialog(
        invoke(served, "task/submit", {"data": {**submit["data"], "place": "kompas"}}, user=EMRE)
    )
    assert "Kies…" in card_text(again)
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, referral_id)
        assert referral is not None and referral.status == "received"
        before = uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.person_id == "dr-bakker")
        ).all()

    fields = {"reason": "outside_area", "place": "kompas"}
    done = invoke(served, "task/submit", {"data": {**submit["data"], **fields}}, user=EMRE)
    assert done.json()["task"]["value"].startswith(
        f"{case_ref}: wij nemen deze verwijzing niet aan"
    )
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, referral_id)
        assert referral is not None
        assert (referral.status, referral.decline_reason) == ("declined", "outside_area")
        rows = (
            uow.session.execute(
                select(OutboxMessage)
                .where(OutboxMessage.person_id == "dr-bakker")
                .order_by(OutboxMessage.id)
            )
            .scalars()
            .all()
        )
    [told] = rows[len(before) :]  # the referrer hears once
    # the intake card refreshes to "niet aangenomen", without buttons, for everyone
    refresh = intake.card["refresh"]["action"]["data"]
    shown = execute(served, refresh, user=DEWI, chat=CHANNEL).json()["value"]
    assert card_text(shown) == f"{case_ref} is niet aangenomen." and "actions" not in shown
    assert told.message_key == "referrer.next_step_reason"
    assert "Contactpersoon" not in text(told.message_key, **told.params)
