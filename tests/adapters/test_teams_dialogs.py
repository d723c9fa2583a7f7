"""Teams parity (issue 21) over real HTTP with activities signed as the Bot Framework signs
them: the referral form as a dialog (from a card button and from the message extension),
the message extension's case search, the assign picker's typeahead, and card refresh with
a stale button refused. The SDK routes each to its typed handler (data["action"],
data["dialog_id"]); a typed message still reaches the catch-all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select

from bot.domain.rules import Rules
from store.schema.audit import AuditEntry
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.uow import UnitOfWork
from tests.adapters.teams_env import DEWI, EMRE, FLEUR, Served, fakes, serve
from tests.world import make_world

BRAM = "8c2f1e0a-0000-4000-8000-000000000001"  # Jeugdteam Noord: another team
DEWI_CHAT = "a:1Dewi-personal-chat-with-terugkoppel"
CHANNEL = "19:intake-zuid@thread.tacv2"
CARD = "application/vnd.microsoft.card.adaptive"


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def invoke(
    served: Served, name: str, value: dict[str, Any], *, user: str = DEWI, chat: str = DEWI_CHAT
) -> httpx.Response:
    """An invoke from `user` in `chat` (personal), signed by the fake Bot Framework."""
    body = served.activity(
        "invoke_card_action",
        value=value,
        conversation={
            "conversationType": "channel" if chat == CHANNEL else "personal",
            "id": chat,
            "tenantId": "7d1c2b3a-0000-4000-8000-0000000000aa",
        },
    )
    body["name"] = name
    body["from"]["aadObjectId"] = user
    body["from"]["id"] = f"29:{user}"
    body.pop("replyToId", None)
    return served.post(body)


def execute(
    served: Served, data: dict[str, Any], *, user: str = DEWI, chat: str = DEWI_CHAT
) -> httpx.Response:
    """An Action.Execute (a button or a card's refresh) with the card's own data."""
    value = {"action": {"type": "Action.Execute", "verb": data["action"], "data": data}}
    return invoke(served, "adaptiveCard/action", value, user=user, chat=chat)


def form(**fields: str) -> dict[str, Any]:
    base = {"team": "st-zuid", "referrer": "dr-bakker", "consent": "status", "urgent": "false"}
    return {**base, **fields}


def referrals(engine: Engine) -> list[Referral]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.execute(select(Referral)).scalars().all())


def referral_ref(engine: Engine) -> str:
    with UnitOfWork(engine) as uow:
        [case] = uow.session.execute(select(Case)).scalars().all()
    return case.ref


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(str(b.get("text") or "") for b in card["body"])


def test_the_referral_form_is_a_dialog_opened_from_a_card_button(
    served: Served, engine: Engine
) -> None:
    # "verwijzing" in the bot's command list: a card with the button that opens the form
    body = served.activity(
        "message_text",
        text="<at>terugkoppel</at> verwijzing",
        conversation={"conversationType": "personal", "id": DEWI_CHAT},
    )
    body["from"]["aadObjectId"] = DEWI
    assert served.post(body).status_code == 200
    [reply] = served.fakes.connector.posted(DEWI_CHAT)
    [button] = reply.card["actions"]
    assert button["type"] == "Action.Submit"
    assert button["data"]["msteams"] == {"type": "task/fetch"}

    # task/fetch with the button's data: the SDK's on_dialog_open("referral") answers
    opened = invoke(served, "task/fetch", {"data": button["data"], "context": {}})
    assert opened.status_code == 200, opened.text
    task = opened.json()["task"]
    assert task["type"] == "continue" and task["value"]["title"] == "Nieuwe verwijzing"
    dialog = task["value"]["card"]
    assert dialog["contentType"] == CARD
    ids = [b.get("id") for b in dialog["content"]["body"]]
    assert {"team", "referrer", "external_ref", "consent", "urgent"} <= set(ids)
    [submit] = dialog["content"]["actions"]
    assert submit["data"] == {"action": "referral_submit"}

    # a name as the referrer's reference: the form comes back filled in, nothing stored
    refused = invoke(
        served, "task/submit", {"data": {**submit["data"], **form(external_ref="Jan de Boer")}}
    )
    assert refused.status_code == 200
    again = refused.json()["task"]
    assert again["type"] == "continue"
    content = again["value"]["card"]["content"]
    assert "Het formulier is nog niet goed" in card_text(content)
    [typed] = [b for b in content["body"] if b.get("id") == "external_ref"]
    assert typed["value"] == "Jan de Boer"
    assert referrals(engine) == []

    # a plain reference: the referral is made, the dialog closes with the sentence
    done = invoke(
        served, "task/submit", {"data": {**submit["data"], **form(external_ref="HAP-7781")}}
    )
    result = done.json()["task"]
    assert result["type"] == "message"
    assert result["value"].startswith("Verwijzing ST-ZD-")
    assert "staat nu bij Sociaal team Zuid" in result["value"]
    [made] = referrals(engine)
    assert made.external_ref == "HAP-7781" and made.team_id == "st-zuid"


def test_the_message_extension_opens_the_form_and_finds_a_case_of_my_team(
    served: Served, engine: Engine
) -> None:
    opened = invoke(
        served,
        "composeExtension/fetchTask",
        {"commandId": "verwijzing", "commandContext": "compose"},
    )
    assert opened.json()["task"]["type"] == "continue"
    done = invoke(
        served,
        "composeExtension/submitAction",
        {"commandId": "verwijzing", "commandContext": "compose", "data": form(external_ref="X-1")},
    )
    sentence = done.json()["task"]["value"]
    case_ref = sentence.split()[1]
    assert case_ref.startswith("ST-ZD-")

    def search(typed: str, user: str) -> dict[str, Any]:
        value = {
            "commandId": "zaak",
            "parameters": [{"name": "kenmerk", "value": typed}],
            "queryOptions": {"skip": 0, "count": 25},
        }
        response = invoke(served, "composeExtension/query", value, user=user)
        assert response.status_code == 200, response.text
        return dict(response.json()["composeExtension"])

    found = search(f" {case_ref.lower()} ", FLEUR)  # Fleur's team; case as typed
    assert found["type"] == "result"
    [hit] = found["attachments"]
    assert hit["preview"]["content"]["title"] == case_ref
    assert "Sociaal team Zuid" in card_text(hit["content"])
    # Bram works in another team: the same reference finds nothing, as an unknown one
    assert search(case_ref, BRAM) == {"type": "message", "text": "Geen zaak gevonden."}
    assert search("ST-ZD-2099-9999", FLEUR)["text"] == "No case found."  # Fleur reads English
    with UnitOfWork(engine) as uow:
        shown = (
            uow.session.execute(
                select(AuditEntry).where(AuditEntry.message_key == "teamsui.search_found")
            )
            .scalars()
            .all()
        )
    assert [(a.actor, a.case_ref, a.channel) for a in shown] == [("fleur", case_ref, "teams")]


def test_the_assign_picker_types_ahead_over_my_team_and_assigns(
    served: Served, engine: Engine
) -> None:
    def typeahead(typed: str, user: str) -> list[dict[str, str]]:
        value = {
            "queryText": typed,
            "dataset": "professionals",
            "queryOptions": {"skip": 0, "top": 15},
        }
        response = invoke(served, "application/search", value, user=user)
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["type"] == "application/vnd.microsoft.search.searchResponse"
        return list(answer["value"]["results"])

    assert typeahead("fle", EMRE) == [{"value": "fleur", "title": "Fleur Hendriks"}]
    assert [r["value"] for r in typeahead("", EMRE)] == ["dewi", "emre", "fleur"]
    assert typeahead("fle", BRAM) == []  # Fleur is not in Bram's team

    invoke(served, "task/submit", {"data": {"action": "referral_submit", **form()}})
    [referral] = referrals(engine)
    data = {"action": "assign", "tk_action": "assign", "tk_value": str(referral.id)}
    assigned = execute(served, {**data, "tk_person": "fleur"}, user=EMRE, chat="a:emre")
    card = assigned.json()["value"]
    assert "door Emre Yilmaz toegewezen aan Fleur Hendriks" in card_text(card)
    [referral] = referrals(engine)
    assert referral.assignee_id == "fleur"


def test_a_card_refreshes_to_its_current_state_and_a_stale_button_is_refused(
    served: Served, engine: Engine
) -> None:
    assert served.post(served.activity("conversation_update_team")).status_code == 200
    invoke(served, "task/submit", {"data": {"action": "referral_submit", **form()}})
    served.dispatch(datetime.now(UTC) + timedelta(days=7))  # past office hours and pace
    [intake] = served.fakes.connector.posted(CHANNEL)
    refresh = intake.card["refresh"]["action"]
    assert refresh["type"] == "Action.Execute"

    # before anyone acts, a refresh shows the card as it is, with its buttons
    shown = execute(served, refresh["data"], user=FLEUR, chat=CHANNEL).json()["value"]
    titles = [a["title"] for a in shown["actions"]]
    assert titles == ["I'll take it", "Assign to…", "Decline…"]  # Fleur reads English
    take = next(a for a in intake.card["actions"] if a["type"] == "Action.Execute")
    assert take["data"]["action"] == "take"

    # Dewi takes it; every later view shows "opgepakt door Dewi", without buttons
    taken = execute(served, take["data"], user=DEWI, chat=CHANNEL).json()["value"]
    assert "opgepakt door Dewi Pranoto" in card_text(taken)
    now = execute(served, refresh["data"], user=EMRE, chat=CHANNEL).json()["value"]
    assert "is opgepakt door Dewi Pranoto" in card_text(now) and "actions" not in now

    # Emre clicks the stale button on a card his client had not refreshed: refused,
    # told who was first; nothing changes twice
    stale = execute(served, take["data"], user=EMRE, chat=CHANNEL).json()["value"]
    assert "Dewi Pranoto" in card_text(stale) and "actions" not in stale
    [referral] = referrals(engine)
    assert referral.assignee_id == "dewi"

    # someone of another team may not see the card's state
    other = execute(served, refresh["data"], user=BRAM, chat=CHANNEL).json()
    assert other["type"] == "application/vnd.microsoft.activity.message"
    assert other["value"].startswith("Dit mag niet") and "ST-ZD" not in other["value"]
    with UnitOfWork(engine) as uow:
        [refused] = (
            uow.session.execute(
                select(AuditEntry).where(
                    AuditEntry.event == "refused", AuditEntry.basis == "refresh"
                )
            )
            .scalars()
            .all()
        )
    assert (refused.actor, refused.case_ref) == ("bram", referral_ref(engine))


def test_a_long_list_of_referrers_is_searched_as_you_type_in_the_dialog(
    served: Served, engine: Engine
) -> None:
    with UnitOfWork(engine) as uow:
        for n in range(120):
            uow.session.add(
                Person(
                    id=f"gp-{n:03}",
                    name=f"Huisarts {n:03}",
                    organisation_id="hap-noord",
                    roles="referrer",
                )
            )
        uow.commit()
    opened = invoke(served, "task/fetch", {"data": {"dialog_id": "referral"}})
    body = opened.json()["task"]["value"]["card"]["content"]["body"]
    [referrer] = [b for b in body if b.get("id") == "referrer"]
    assert referrer["choices"] == []
    assert referrer["choices.data"] == {"type": "Data.Query", "dataset": "referrer"}
    [team] = [b for b in body if b.get("id") == "team"]
    assert len(team["choices"]) == 2  # a short list stays a list

    value = {"queryText": "huisarts 042", "dataset": "referrer", "queryOptions": {"top": 15}}
    found = invoke(served, "application/search", value).json()["value"]["results"]
    assert found == [{"value": "gp-042", "title": "Huisarts 042 (Huisartsenpraktijk Noord)"}]

    # the form comes back with the referrer chosen still there
    data = {"action": "referral_submit", **form(referrer="gp-042", external_ref="Jan de Boer")}
    again = invoke(served, "task/submit", {"data": data}).json()["task"]["value"]["card"]
    [chosen] = [b for b in again["content"]["body"] if b.get("id") == "referrer"]
    assert chosen["value"] == "gp-042"
    assert chosen["choices"] == [
        {"title": "Huisarts 042 (Huisartsenpraktijk Noord)", "value": "gp-042"}
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("task/fetch", {"data": "referral"}),
        ("task/submit", {"data": {"action": "referral_submit", "team": ["st-zuid"], "urgent": 1}}),
        ("task/submit", {"data": {"action": "referral_submit", "consent": "alles"}}),
        ("composeExtension/query", {"commandId": "zaak", "parameters": "ST-ZD"}),
        ("composeExtension/query", {"commandId": "zaak", "parameters": [{"name": "kenmerk"}]}),
        ("composeExtension/submitAction", {"commandId": "verwijzing", "data": None}),
        ("application/search", {"queryText": 5, "dataset": ["x"]}),
        (
            "adaptiveCard/action",
            {
                "action": {
                    "type": "Action.Execute",
                    "data": {"action": "refresh", "tk_value": "prompt:x"},
                }
            },
        ),
        (
            "adaptiveCard/action",
            {
                "action": {
                    "type": "Action.Execute",
                    "data": {"action": "assign", "tk_value": "1", "tk_person": 7},
                }
            },
        ),
    ],
)
def test_an_invoke_of_the_wrong_shape_is_never_a_5xx_and_stores_nothing(
    served: Served, engine: Engine, name: str, value: dict[str, Any]
) -> None:
    response = invoke(served, name, value)
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text
    assert referrals(engine) == []
