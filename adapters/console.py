"""Prints each message as its recipient would see it in chat, buttons included."""

from __future__ import annotations

import itertools
import tempfile
from datetime import datetime
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from bot.domain.model import Platform
from bot.messages import Message, text
from bot.ports import Attachment, Delivery, Recipient, attachment_filename

_ICONS = {"slack": "#", "teams": "T", "email": "@", "console": ">"}


class ConsoleAdapter:
    platform: ClassVar[Platform] = Platform.CONSOLE
    channel_interval: ClassVar[float] = 0.0

    def __init__(
        self,
        console: Console | None = None,
        *,
        timezone: str = "Europe/Amsterdam",
        attachments: Path | None = None,
    ) -> None:
        self.console = console or Console(highlight=False)
        self._ids = itertools.count(1)
        self.tz = ZoneInfo(timezone)
        self.now: datetime | None = None  # the demo sets its simulated time here
        # Where images (the digest chart) are written; the printed message names the file.
        self.attachments = attachments or Path(tempfile.gettempdir()) / "terugkoppel-charts"
        # Names for addresses that are no person (a team's intake channel), set by whoever
        # knows them (the demo, from its directory); an address without one is shown as is.
        self.names: dict[str, str] = {}
        # The usual language: a message in another one gets a line saying why, in
        # `note_language` (the demo sets both).
        self.explain_language: str | None = None
        self.note_language = "nl"

    async def send(self, to: Recipient, message: Message, *, key: str = "") -> Delivery:
        stamp = (self.now or datetime.now(self.tz)).strftime("%H:%M")
        via = _ICONS.get(to.platform.value, ">")
        name = self.names.get(to.address, to.name)
        # An e-mail address says something to the reader; a Slack or Teams id (U0…,
        # 19:…@thread, a GUID) does not, so it is left out (a channel without a name in
        # `names` is shown by its id, as its name).
        chat_id = to.platform in (Platform.SLACK, Platform.TEAMS)
        shown = "" if chat_id or name == to.address else f" ({to.address})"
        head = Text.assemble(
            (f"{stamp} ", "dim"), (f"{via} ", "cyan"), (f"→ {name}", "bold"), (shown, "dim")
        )
        self.console.print(head)
        self.console.print(Padding(Text(message.body()), (0, 0, 0, 6)))
        if self.explain_language and message.language != self.explain_language:
            note = text("console.other_language", self.note_language, name=name)
            self.console.print(Padding(Text(note, style="dim italic"), (0, 0, 0, 6)))
        if message.actions:
            buttons = "  ".join(
                f"[reverse] {escape(label)} [/reverse]" for label in message.labels()
            )
            self.console.print(Padding(buttons, (0, 0, 0, 6)))
        return Delivery(self.platform, to, f"console-{next(self._ids)}")

    async def send_with_attachment(
        self, to: Recipient, message: Message, attachment: Attachment, *, key: str = ""
    ) -> Delivery:
        """The text, then the path of the image, written to `attachments`."""
        self.attachments.mkdir(parents=True, exist_ok=True)
        path = self.attachments / attachment_filename(key, attachment.filename)
        path.write_bytes(attachment.data)
        delivery = await self.send(to, message, key=key)
        line = text("digest.chart_file", message.language, path=path)
        self.console.print(Padding(Text(line, style="dim"), (0, 0, 0, 6)))
        return delivery

    async def update(self, delivery: Delivery, message: Message) -> Delivery:
        await self.send(delivery.recipient, message)
        return delivery

    async def find(self, to: Recipient, *, key: str, since: datetime) -> Delivery | None:
        return None

    async def close(self) -> None:
        return None
