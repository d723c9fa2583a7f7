"""Issue 20 on the fake Slack: `/overdracht`, `/regie` and `/afwijzen` typed, and a
handover refused with the reason on its button (the message changes in place and names the
reason); the same use cases as the CLI, REST and Teams."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.app.handovers import start_handover
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, interactive, payload, serve
from tests.adapters.test_slack_loop import _current, click, in_channel
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0CARLA", email="carla@jt-noord.example", name="Carla Mulder")
        yield app


def _taken(engine: Engine, rules: Rules, *, team: str, by: str, ref: str) -> str:
    now = datetime.now(UTC) - timedelta(days=3)
    made = submit_referral(
        UnitOfWork(engine),
        rules,
        team=team,
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=now,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=made.id, by=by, now=now)
    return made.case_ref


def test_typed_handover_lead_and_decline(served: Served, engine: Engine, rules: Rules) -> None:
    slack = served.slack
    case_ref = _taken(engine, rules, team="jt-noord", by="anna", ref="HAP-71")

    served.command("/overdracht", f"{case_ref} naar st-zuid warm")
    [started] = eventually(lambda: slack.responses)
    assert started["text"].startswith(f"Overdracht van {case_ref} aan Sociaal team Zuid gevraagd")
    served.command("/overdracht", f"{case_ref} naar kompas")
    [*_, pending] = eventually(lambda: slack.responses[1:])
    assert pending["text"].startswith(f"Voor {case_ref} loopt al een overdracht")
    served.command("/overdracht", "zomaar")
    [*_, usage] = eventually(lambda: slack.responses[2:])
    assert usage["text"].startswith("Zo vraag je een overdracht")

    served.command("/regie", f"{case_ref} carla")
    [*_, lead] = eventually(lambda: slack.responses[3:])
    assert lead["text"] == f"{case_ref}: Carla Mulder is nu de regisseur."
    served.command("/regie", f"{case_ref} carla", user="U0CARLA")
    [*_, same] = eventually(lambda: slack.responses[4:])
    assert "was al de regisseur" in same["text"]

    other = _taken(engine, rules, team="jt-noord", by="anna", ref="HAP-72")
    served.command("/afwijzen", f"{other} outside_area naar st-zuid")  # Anna: no coordinator
    [*_, refused] = eventually(lambda: slack.responses[5:])
    assert refused["text"].startswith(f"Dit mag niet voor {other}")
    served.command("/afwijzen", f"{other} geen-reden")
    [*_, bad] = eventually(lambda: slack.responses[6:])
    assert bad["text"].startswith("Zo wijs je een verwijzing af") and "outside_area" in bad["text"]


def test_a_handover_refused_on_its_reason_button(
    served: Served, engine: Engine, rules: Rules
) -> None:
    slack = served.slack
    now = datetime.now(UTC)
    case_ref = _taken(engine, rules, team="st-zuid", by="dewi", ref="HAP-73")
    start_handover(UnitOfWork(engine), rules, case_ref=case_ref, to="jt-noord", by="dewi", now=now)
    served.dispatch(now + timedelta(days=4))  # the intake channel hears it in office hours
    [request] = eventually(
        lambda: [m for m in in_channel(slack, "C0INTAKE1") if "over te nemen" in m.text]
    )
    labels = [
        e["text"]["text"] for b in request.blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert labels[0] == "Overdracht accepteren"
    assert "Weigeren: geen plek" in labels
    click(served, request, "Weigeren: geen plek", user="U0ANNA")
    assert eventually(lambda: "Reden: er is nu geen plek" in _current(slack, request).text)
    with UnitOfWork(engine) as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.team_id == "st-zuid"  # the case stayed


def test_the_taker_picks_another_regisseur(served: Served, engine: Engine, rules: Rules) -> None:
    """The "opgepakt" message carries a people picker: the picked colleague becomes the
    regisseur (bot/app/chat/picks.py, the same rules as `/regie`)."""
    slack = served.slack
    case_ref = _taken(engine, rules, team="jt-noord", by="anna", ref="HAP-74")
    served.dispatch(datetime.now(UTC) + timedelta(days=1))
    [taken] = eventually(
        lambda: [m for m in in_channel(slack, "D0ANNA") if "is opgepakt door" in m.text]
    )
    elements = [e for b in taken.blocks if b["type"] == "actions" for e in b["elements"]]
    [picker] = [e for e in elements if e["type"] == "users_select"]
    assert [e["text"]["text"] for e in elements if e["type"] == "button"] == ["Overdragen…"]
    pick = payload("block_actions_users_select")
    pick["user"]["id"] = "U0ANNA"
    pick["container"].update(channel_id=taken.channel, message_ts=taken.ts)
    pick["actions"][0].update(action_id=picker["action_id"], selected_user="U0CARLA")
    pick["response_url"] = slack.response_url("lead")
    assert served.post(*interactive(pick)).status_code == 200
    assert eventually(
        lambda: _current(slack, taken).text == f"{case_ref}: Carla Mulder is nu de regisseur."
    )
    with UnitOfWork(engine) as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.lead_id == "carla"
