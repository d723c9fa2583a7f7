"""The App Home tab of one person, as Block Kit (bot/app/chat/home.py says what is on it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.slack.views import home_view
from bot.app.chat.actor import Actor
from bot.app.chat.home import home_for
from bot.app.data import Data
from bot.domain.rules import Rules


def home_tab(
    data: Data,
    rules: Rules,
    person: Actor | None,
    *,
    now: datetime,
    overview_url: str | None = None,
) -> dict[str, Any]:
    """The view to publish; an unknown person sees how to get registered. A known person
    gets a button to the overview page (`overview_url`), where one is served."""
    home = home_for(data, rules, person, now=now)
    return home_view(
        heading=home.heading,
        updated=home.updated,
        notice=home.notice,
        sections=home.sections,
        language=home.language,
        overview_url=overview_url if person is not None else None,
    )
