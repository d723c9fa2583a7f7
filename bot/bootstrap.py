"""The composition root: settings → engine, rules, adapters, dispatcher. Nothing at import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.console import Console
from sqlalchemy import Engine

from adapters.base import ChatAdapter
from adapters.console import ConsoleAdapter
from bot.domain import Platform
from bot.rules import Rules
from bot.settings import Settings
from reminders.dispatch import Dispatcher
from store.db import make_engine


@dataclass
class Container:
    settings: Settings
    engine: Engine
    rules: Rules
    dispatcher: Dispatcher
    console: ConsoleAdapter | None


def build(
    settings: Settings,
    *,
    console: Console | None = None,
    adapters: Mapping[Platform, ChatAdapter] | None = None,
    engine: Engine | None = None,
) -> Container:
    engine = engine or make_engine(settings.database_url)
    rules = Rules.from_settings(settings)
    printer = (
        ConsoleAdapter(console, timezone=settings.timezone) if settings.console_output else None
    )
    dispatcher = Dispatcher(engine, rules, adapters or {}, console=printer)
    return Container(settings, engine, rules, dispatcher, printer)
