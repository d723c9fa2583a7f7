"""Prints each message as its recipient would see it in chat, buttons included."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import ClassVar

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from adapters.base import Delivery, Recipient
from bot.domain import Platform
from bot.messages import Message

_ICONS = {"slack": "#", "teams": "T", "email": "@", "console": ">"}


class ConsoleAdapter:
    platform: ClassVar[Platform] = Platform.CONSOLE

    def __init__(self, console: Console | None = None, *, clock_tz: str | None = None) -> None:
        self.console = console or Console(highlight=False)
        self._ids = itertools.count(1)
        self.clock_tz = clock_tz
        self.now: datetime | None = None  # the demo sets its simulated time here

    async def send(self, to: Recipient, message: Message) -> Delivery:
        stamp = self.now.strftime("%H:%M") if self.now else datetime.now().strftime("%H:%M")
        via = _ICONS.get(to.platform.value, ">")
        head = Text.assemble(
            (f"{stamp} ", "dim"),
            (f"{via} ", "cyan"),
            (f"→ {to.name}", "bold"),
            (f" ({to.address})", "dim"),
        )
        self.console.print(head)
        self.console.print(Padding(Text(message.body()), (0, 0, 0, 6)))
        if message.actions:
            buttons = "  ".join(
                f"[reverse] {escape(label)} [/reverse]" for label in message.labels()
            )
            self.console.print(Padding(buttons, (0, 0, 0, 6)))
        return Delivery(self.platform, to, f"console-{next(self._ids)}")

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        await self.send(delivery.recipient, message)
        return delivery
