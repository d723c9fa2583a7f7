"""A note the privacy guard refuses, in Teams (issue 19): the professional gets the note form
back in the card's place, filled in as sent, with a plain hint per kind and what stands out
marked; nothing is stored until the note passes; the refusal is audited. Over real HTTP
through the Teams SDK: the prompt card from the real dispatcher on the fake Bot Connector,
the note sent with Action.Execute (the invoke response is the card) or, from an older
client, with Action.Submit (the card updated in place)."""

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
from reminders.scheduler import run_due_work
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, FLEUR, TENANT, Served, fakes, serve
from tests.fakes.teams_server import Activity
from tests.world import make_world

CARD = "application/vnd.microsoft.card.adaptive"
DEWI_CHAT = "a:1Dewi-personal-chat-with-terugkoppel"
FLEUR_CHAT = "a:fleur-personal-chat"


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def conversation(chat: str) -> dict[str, str]:
    return {"conversationType": "personal", "id": chat, "tenantId": TENANT}


def prompt_card(
    served: Served,
    engine: Engine,
    rules: Rules,
    *,
    person: str,
    aad: str,
    chat: str,
    referrer: str,
) -> tuple[Activity, int]:
    """`person` installed the app, took a referral with consent for notes, and two working
    days later the prompt came as a card in their chat: the card and the prompt's id."""
    installed = served.activity(
        "installation_update_personal",
        conversation=conversation(chat),
        **{"from": {"id": f"29:{person}", "aadObjectId": aad}},
    )
    assert served.post(installed).status_code == 200
    now = datetime.now(UTC)
    referral = submit_referral(
        UnitOfWork(engine),
        rules,
        team="st-zuid",
        referrer=referrer,
        external_ref=None,
        consent=Consent.NOTES,
        now=now,
    ).id
    assert referral is not None
    take_referral(UnitOfWork(engine), rules, referral_id=referral, by=person, now=now)
    run_due_work(engine, rules, now=now + timedelta(days=14))
    served.dispatch(now + timedelta(days=18))
    [card] = [a for a in served.fakes.connector.posted(chat) if _note_action(a.card)]
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=referral, kind="feedback")
    assert prompt.id is not None
    return card, prompt.id


def _note_action(card: dict[str, Any]) -> dict[str, Any] | None:
    # the note form (a ShowCard with the note input), not a people picker's ShowCard
    found = [
        a
        for a in card.get("actions", [])
        if a["type"] == "Action.ShowCard"
        and any(b.get("id") == "tk_note" for b in a["card"].get("body", []))
    ]
    return found[0] if found else None


def note_data(form: dict[str, Any], submit: dict[str, Any], answer: str, note: str) -> Any:
    """What Teams sends for the note form: the submit's data with the inputs filled in."""
    [choices] = [b for b in form["body"] if b["type"] == "Input.ChoiceSet"]
    [value] = [c["value"] for c in choices["choices"] if c["value"].endswith(f":{answer}")]
    return {**submit["data"], "tk_answer": value, "tk_note": note}


def send_note(
    served: Served,
    *,
    form: dict[str, Any],
    card_id: str,
    chat: str,
    aad: str,
    answer: str,
    note: str,
    invoke: bool,
) -> Any:
    """The professional fills in the note form of `form` and sends it."""
    [submit] = form["actions"]
    data = note_data(form, submit, answer, note)
    sender = {"id": f"29:{aad}", "aadObjectId": aad}
    if invoke:
        body = served.activity(
            "invoke_card_action", conversation=conversation(chat), replyToId=card_id
        )
        body["from"] = sender
        body["value"]["action"].update(title=submit["title"], verb=submit["verb"], data=data)
    else:
        body = served.activity("message_submit", conversation=conversation(chat), replyToId=card_id)
        body["from"] = sender
        body["value"] = data
    response = served.post(body)
    assert response.status_code == 200, response.text
    return response.json() if invoke else None


def texts(card: dict[str, Any]) -> list[str]:
    return [b["text"] for b in card["body"] if b["type"] == "TextBlock"]


def marked_runs(card: dict[str, Any]) -> list[dict[str, Any]]:
    [rich] = [b for b in card["body"] if b["type"] == "RichTextBlock"]
    return list(rich["inlines"])


def field(card: dict[str, Any], kind: str) -> dict[str, Any]:
    [found] = [b for b in card["body"] if b["type"] == kind]
    return found


def assert_nothing_stored(engine: Engine, prompt_id: int, secret: str, kinds: str) -> None:
    with UnitOfWork(engine) as uow:
        prompt = uow.session.get(Prompt, prompt_id)
        assert prompt is not None and prompt.state not in ("answered", "cancelled")
        assert all(secret not in str(row.params) for row in uow.outbox.all())
        refused = (
            uow.session.execute(select(AuditEntry).where(AuditEntry.event == "refused"))
            .scalars()
            .all()
        )
    assert [(r.basis, r.channel) for r in refused] == [(f"note:{kinds}", "teams")]
    assert all(secret not in str(r.model_dump()) for r in refused)


def stored_note(engine: Engine, prompt_id: int) -> str | None:
    with UnitOfWork(engine) as uow:
        prompt = uow.session.get(Prompt, prompt_id)
        assert prompt is not None and prompt.state == "answered"
        notes = [
            row.params.get("note")
            for row in uow.outbox.all()
            if row.message_key == "referrer.status_with_note"
        ]
    assert len(notes) == 1, notes
    return notes[0]


def test_a_refused_note_brings_the_card_back_filled_in_with_hints_and_marks(
    served: Served, engine: Engine, rules: Rules
) -> None:
    prompt, prompt_id = prompt_card(
        served, engine, rules, person="dewi", aad=DEWI, chat=DEWI_CHAT, referrer="dr-bakker"
    )
    note_form = _note_action(prompt.card)
    assert note_form is not None
    typed = "Gesprek met emma, bel 06 12345678"
    response = send_note(
        served,
        form=note_form["card"],
        card_id=prompt.id,
        chat=DEWI_CHAT,
        aad=DEWI,
        answer="contact_made",
        note=typed,
        invoke=True,
    )

    # The invoke response is the note form again, in the prompt card's place.
    assert response["type"] == CARD
    again = response["value"]
    shown = texts(again)
    assert any("niet verstuurd en niet opgeslagen" in t for t in shown), shown
    assert "• dit lijkt een telefoonnummer" in shown
    assert "• dit lijkt een naam" in shown
    runs = marked_runs(again)
    assert "".join(r["text"] for r in runs) == "Gesprek met ⟦emma⟧, bel ⟦06 12345678⟧"
    found = [r["text"] for r in runs if r.get("weight") == "Bolder"]
    assert found == ["⟦emma⟧", "⟦06 12345678⟧"]
    assert field(again, "Input.Text")["value"] == typed  # to fix, not to type again
    assert field(again, "Input.ChoiceSet")["value"] == f"{prompt_id}:contact_made"
    [submit] = again["actions"]
    assert submit["type"] == "Action.Execute" and submit["fallback"]["type"] == "Action.Submit"
    assert_nothing_stored(engine, prompt_id, "12345678", "phone+name")
    assert served.fakes.connector.updates() == []  # the invoke answered; nothing else sent

    # A clean note from the card that came back: stored, and the card says who answered.
    clean = "Eerste gesprek gevoerd, vervolgafspraak gepland."
    response = send_note(
        served,
        form=again,
        card_id=prompt.id,
        chat=DEWI_CHAT,
        aad=DEWI,
        answer="contact_made",
        note=clean,
        invoke=True,
    )
    answered = response["value"]
    assert any("Beantwoord door Dewi Pranoto" in t for t in texts(answered))
    assert "actions" not in answered
    assert stored_note(engine, prompt_id) == clean


def test_in_english_from_an_older_client_the_card_is_updated_in_place(
    served: Served, engine: Engine, rules: Rules
) -> None:
    prompt, prompt_id = prompt_card(
        served, engine, rules, person="fleur", aad=FLEUR, chat=FLEUR_CHAT, referrer="ib-smits"
    )
    note_form = _note_action(prompt.card)
    assert note_form is not None
    typed = "Talked to emma, call 06 12345678"
    send_note(
        served,
        form=note_form["card"],
        card_id=prompt.id,
        chat=FLEUR_CHAT,
        aad=FLEUR,
        answer="contact_made",
        note=typed,
        invoke=False,
    )
    [update] = served.fakes.connector.updates()
    assert (update.conversation, update.id) == (FLEUR_CHAT, prompt.id)
    again = update.card
    shown = texts(again)
    assert any("neither sent nor stored" in t for t in shown), shown
    assert "• this looks like a phone number" in shown
    assert "• this looks like a name" in shown
    assert "".join(r["text"] for r in marked_runs(again)) == "Talked to ⟦emma⟧, call ⟦06 12345678⟧"
    assert field(again, "Input.Text")["value"] == typed
    assert_nothing_stored(engine, prompt_id, "12345678", "phone+name")

    clean = "First meeting held, next one planned."
    send_note(
        served,
        form=again,
        card_id=prompt.id,
        chat=FLEUR_CHAT,
        aad=FLEUR,
        answer="contact_made",
        note=clean,
        invoke=False,
    )
    answered = served.fakes.connector.updates()[-1]
    assert answered.id == prompt.id
    assert "Answered by Fleur Hendriks" in answered.text
    assert "actions" not in answered.card
    assert stored_note(engine, prompt_id) == clean
