"""The satisfaction question as an Adaptive Card: ten Action.Execute buttons in two rows in
the card's body (Teams folds more than six card actions into a menu), and the click read
back as the score."""

from __future__ import annotations

from adapters.teams.cards import card_from_message, click_from_activity
from bot.app.loop import satisfaction
from bot.messages import Message


def test_the_ten_scores_are_two_rows_of_action_execute_buttons() -> None:
    message = Message(
        satisfaction.QUESTION,
        {"case_ref": "ST-ZD-2026-0001", "external_ref": "HAP-1", "team": "Sociaal team Zuid"},
        satisfaction.actions(17),
    )
    card = card_from_message(message)
    assert "actions" not in card
    rows = [block for block in card["body"] if block["type"] == "ActionSet"]
    assert [[a["title"] for a in row["actions"]] for row in rows] == [
        ["1", "2", "3", "4", "5"],
        ["6", "7", "8", "9", "10"],
    ]
    eight = rows[1]["actions"][2]
    assert eight["type"] == "Action.Execute" and eight["fallback"]["type"] == "Action.Submit"
    invoke = {
        "type": "invoke",
        "name": "adaptiveCard/action",
        "value": {"action": {"verb": eight["verb"], "data": eight["data"]}},
    }
    click = click_from_activity(invoke)
    assert click is not None and click.name == satisfaction.KIND
    assert satisfaction.parse(click.value) == (17, 8)
