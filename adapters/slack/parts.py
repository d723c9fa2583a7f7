"""What the Slack ways in work with, handed down as one value: the data, the rules, the
adapter's settings, the sending adapter and (where Graph is read) Teams presence."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.slack.client import SlackAdapter
from adapters.slack.config import SlackConfig
from bot.app.chat.who import PresenceSource
from bot.app.data import Data
from bot.domain.rules import Rules


@dataclass(frozen=True)
class SlackParts:
    data: Data
    rules: Rules
    config: SlackConfig
    slack: SlackAdapter
    presence: PresenceSource | None = None  # contact persons' Teams presence, where read
