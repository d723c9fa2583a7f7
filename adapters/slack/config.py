"""What the Slack adapter is told by the composition root: plain values, no Settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlackConfig:
    api_url: str
    signing_secret: str | None  # SLACK_SIGNING_SECRET: the HTTP endpoint needs it
    app_token: str | None  # SLACK_APP_TOKEN: Socket Mode needs it
    absence_emoji: frozenset[str]  # a status with one of these means: away
    timezone: str  # where a status's expiry falls on a day
    overview_url: str | None = None  # {public_url}/overzicht: App Home links to it
