"""What a refreshed card shows (bot/app/chat/card_state.py), straight on the services."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.app.chat import card_state, people
from bot.app.chat.intents import NotUnderstood
from bot.app.data import Data
from bot.app.referrals import intake
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.messages import Action, Message
from tests.world import make_world

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_the_state_key_names_the_prompt_or_the_referral() -> None:
    prompt = Message(
        "prompt.feedback", actions=(Action("answer", "action.contact_made", "7:contact_made"),)
    )
    take = Message("intake.new", actions=(Action("take", "action.take", "12"),))
    other = Message("loop.x", actions=(Action("accept", "action.accept", "3"),))
    assert card_state.state_key(prompt) == "prompt:7"
    assert card_state.state_key(take) == "intake:12"
    assert card_state.state_key(other) is None


def test_a_prompt_card_is_never_mistaken_for_the_intake_card_of_the_same_number(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    data = Data(engine)
    made = intake.submit_referral(
        data.uow(),
        rules,
        team="st-zuid",
        referrer="dr-bakker",
        external_ref=None,
        consent=Consent.STATUS,
        urgent=False,
        now=NOW,
        source="test",
    )
    dewi = people.person(data, "dewi")
    anna = people.person(data, "anna")
    assert dewi is not None and anna is not None
    shown = card_state.current(data, rules, dewi, "intake:1", NOW, "teams")
    assert [a.id for a in shown.actions][:1] == ["take"]
    # prompt 1 is the intake's own question: no answer buttons were sent for it
    asked = card_state.current(data, rules, dewi, "prompt:1", NOW, "teams")
    assert asked.key == "chatcard.open" and asked.params == {"case_ref": made.case_ref}
    try:
        card_state.current(data, rules, anna, "intake:1", NOW, "teams")
    except NotUnderstood as exc:
        assert exc.params == {"case_ref": "—"}
    else:
        raise AssertionError("another team's card was shown")
