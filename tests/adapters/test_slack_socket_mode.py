"""Socket Mode: the same Bolt app takes a slash command over the fake Slack's WebSocket."""

from __future__ import annotations

from pydantic import SecretStr
from sqlalchemy import Engine

from bot.domain.rules import Rules
from tests.adapters.slack_inbound import APP_TOKEN, eventually, payload, serve
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


def test_a_command_over_socket_mode_is_acknowledged_and_answered(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    with (
        FakeSlack.running() as slack,
        serve(engine, slack, socket_mode=True, slack_app_token=SecretStr(APP_TOKEN)),
    ):
        eventually(lambda: slack.socket_connected)
        command = payload("command_verwijzing")
        command.update(command="/wie", text="OBS De Linde", response_url=slack.response_url("sm"))
        slack.socket_send(
            {
                "envelope_id": "57d6a792-4d35-4d0b-b6aa-3361493e1caf",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": command,
            }
        )
        [ack] = eventually(lambda: slack.socket_acks)
        assert ack["envelope_id"] == "57d6a792-4d35-4d0b-b6aa-3361493e1caf"
        [reply] = eventually(lambda: slack.responses)
        assert reply["text"].startswith("Vaste contactpersonen voor OBS De Linde:")
