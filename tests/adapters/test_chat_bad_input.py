"""Malformed chat requests are a 4xx, never a 5xx: Slack requests with odd timestamps or
signed payloads of the wrong shape, and authenticated Teams activities with missing fields,
wrong types or control characters, over real HTTP to the app on uvicorn."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.adapters import slack_inbound, teams_env
from tests.adapters.slack_inbound import form, interactive, payload
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def slack_app(engine: Engine, rules: Rules) -> Iterator[slack_inbound.Served]:
    make_world(engine, rules)
    with FakeSlack().running() as slack, slack_inbound.serve(engine, slack) as served:
        yield served


@pytest.mark.parametrize("timestamp", ["9" * 400, "9" * 20, "1e9", "-5", "1.5", "0x10"])
def test_an_unsigned_slack_request_with_an_odd_timestamp_is_a_401(
    slack_app: slack_inbound.Served, timestamp: str
) -> None:
    response = httpx.post(
        f"{slack_app.url}/slack/events",
        content=b"command=%2Fwie",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": "v0=" + "ab" * 32,
        },
    )
    assert response.status_code == 401


def _click(**changes: Any) -> dict[str, Any]:
    body = payload("block_actions_button")
    body.update(changes)
    return body


def _action(**changes: Any) -> dict[str, Any]:
    body = payload("block_actions_button")
    body["actions"] = [{**body["actions"][0], **changes}]
    return body


def _view(**changes: Any) -> dict[str, Any]:
    body = payload("view_submission_referral")
    body["view"] = {**body["view"], **changes}
    return body


SIGNED_SLACK = {
    "payload is not JSON": (b"payload=%7Bnot", "application/x-www-form-urlencoded"),
    "payload is a list": form({"payload": "[1]"}),
    "block_actions without actions": interactive({"type": "block_actions", "user": {"id": "U"}}),
    "actions a string": interactive(_click(actions="x")),
    "actions of numbers": interactive(_click(actions=[1])),
    "action without id": interactive(_click(actions=[{}])),
    "team a number": interactive(_click(team=5)),
    "container a string": interactive(_click(container="x")),
    "message a string": interactive(_click(message="x")),
    "NUL in a value": interactive(_action(value="1\x00:contact_made")),
    "view null": interactive({**payload("view_submission_referral"), "view": None}),
    "view a string": interactive({**payload("view_submission_referral"), "view": "x"}),
    "view state a string": interactive(_view(state="x")),
    "callback_id a number": interactive(_view(callback_id=5)),
    "event a string": (
        json.dumps({"type": "event_callback", "event": "x"}).encode(),
        "application/json",
    ),
    "type a number": (b'{"type": 5}', "application/json"),
    "JSON a number": (b"5", "application/json"),
    "NUL in a command": form({**payload("command_verwijzing"), "text": "wie \x00"}),
    "not UTF-8": (b"payload=%ff%fe", "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize("case", sorted(SIGNED_SLACK))
def test_a_signed_slack_payload_of_the_wrong_shape_is_a_400(
    slack_app: slack_inbound.Served, case: str
) -> None:
    response = slack_app.post(*SIGNED_SLACK[case])
    assert response.status_code == 400, response.text
    assert "Traceback" not in response.text


SIGNED_SLACK_HANDLED = {
    # Bolt has no listener for these: 404, which Slack shows as a failed action.
    "unknown action id": (interactive(_action(action_id="zzz")), 404),
    "empty payload": (interactive({}), 404),
    # Acknowledged as Slack expects; the lazy half answers "not understood" to the person.
    "a prompt id of forty digits": (interactive(_action(value="9" * 40 + ":contact_made")), 200),
    "a /wie of 5000 digits": (
        form({**payload("command_verwijzing"), "command": "/wie", "text": "9" * 5000}),
        200,
    ),
}


@pytest.mark.parametrize("case", sorted(SIGNED_SLACK_HANDLED))
def test_a_signed_slack_payload_nobody_handles_is_a_4xx_or_acknowledged(
    slack_app: slack_inbound.Served, engine: Engine, case: str
) -> None:
    (body, content_type), status = SIGNED_SLACK_HANDLED[case]
    response = slack_app.post(body, content_type)
    assert response.status_code == status, response.text


@pytest.fixture
def teams_app(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[teams_env.Served]:
    make_world(engine, rules)
    with (
        teams_env.fakes(tmp_path, monkeypatch) as the_fakes,
        teams_env.serve(engine, the_fakes) as served,
    ):
        yield served


def _without(body: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in body.items() if key not in keys}


def _teams_cases(served: teams_env.Served) -> dict[str, dict[str, Any]]:
    text = served.activity("message_text")
    submit = served.activity("message_submit")
    invoke = served.activity("invoke_card_action")
    return {
        "type a number": {**text, "type": 5},
        "text a number": {**text, "text": 5},
        "text a list": {**text, "text": ["wie"]},
        "NUL in the text": {**text, "text": "<at>terugkoppel</at> wie \x00"},
        "from a string": {**text, "from": "x"},
        "no from": _without(text, "from"),
        "no conversation": _without(text, "conversation"),
        "conversation a list": {**text, "conversation": [1]},
        "recipient a number": {**text, "recipient": 7},
        "channelData a string": {**text, "channelData": "x"},
        "entities of numbers": {**text, "entities": [1, 2]},
        "attachments a string": {**text, "attachments": "x"},
        "value a string": {**submit, "value": "x"},
        "value of wrong types": {**submit, "value": {"action": 5, "referral": [1]}},
        "value with a huge id": {
            **submit,
            "value": {**(submit.get("value") or {}), "prompt": 10**30},
        },
        "invoke value a list": {**invoke, "value": [1]},
        "invoke name a number": {**invoke, "name": 5},
        "id a number": {**text, "id": 10**30},
        "timestamp nonsense": {**text, "timestamp": "gisteren"},
        "locale a number": {**text, "locale": 5},
    }


def test_an_authenticated_teams_activity_of_the_wrong_shape_is_never_a_5xx(
    teams_app: teams_env.Served, engine: Engine
) -> None:
    statuses: dict[str, int] = {}
    for name, body in _teams_cases(teams_app).items():
        token = teams_app.fakes.login.activity_token(teams_app.fakes.connector.url)
        response = teams_app.post(copy.deepcopy(body), token=token)
        statuses[name] = response.status_code
        assert "Traceback" not in response.text
    assert {name: status for name, status in statuses.items() if status >= 500} == {}
    # wrong types and missing fields are refused as unreadable, not acknowledged
    for name in ("type a number", "text a number", "from a string", "NUL in the text"):
        assert statuses[name] == 400, (name, statuses[name])
    token = teams_app.fakes.login.activity_token(teams_app.fakes.connector.url)
    broken = teams_app.post(b'{"type": "message", "text": ', token=token)
    assert broken.status_code == 400
    with UnitOfWork(engine) as uow:
        assert uow.referrals.count() == 0
