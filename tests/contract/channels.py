"""The four channels of the contract suite, each adapter on its real-wire fake on
127.0.0.1: Slack (tests/fakes/slack_server.py), Teams (the Bot Connector, with the login
and Graph fakes of tests/adapters/teams_env.py), e-mail (a real SMTP server with STARTTLS)
and the console (a recording rich Console). Each reads what its recipient received
straight from the wire: Slack's blocks, Teams' Adaptive Card, the e-mail's MIME parts, the
console's printed lines; and injects its provider's faults."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from rich.console import Console

from adapters.console import ConsoleAdapter
from adapters.email.smtp import EmailAdapter, parse_smtp_url
from adapters.slack import SlackAdapter
from adapters.teams.setup import teams_adapter
from bot.app import links
from bot.app.data import Data
from bot.domain.model import Platform
from bot.main.settings import Settings
from bot.main.wiring import answer_links, link_config, teams_config
from bot.messages import text
from bot.ports import ChatAdapter
from bot.ports import Recipient as To
from store.db import make_engine, upgrade
from tests.adapters.teams_env import fakes
from tests.contract.chat import Chat, Seen, closed_port
from tests.fakes import smtp_server
from tests.fakes.slack_server import FakeSlack, dm_channel

SLACK_TOKEN = "xoxb-contract"
LINK_SETTINGS = Settings(  # type: ignore[call-arg]
    _env_file=None,
    link_secret=SecretStr("contract-suite-link-secret-0123456789"),
    public_url="https://terugkoppel.example.nl",
)


class SlackChat(Chat):
    name, platform = "slack", Platform.SLACK
    unreachable_reason = "connection"

    def __init__(self, slack: FakeSlack) -> None:
        self.slack = slack
        super().__init__(self._adapter(slack.url), To(Platform.SLACK, "U0ANNA", "Anna de Vries"))

    def _adapter(self, url: str) -> SlackAdapter:
        return SlackAdapter(SLACK_TOKEN, base_url=url, timeout=5.0)

    @property
    def where(self) -> str:
        return dm_channel(self.to.address)

    def seen(self) -> list[Seen]:
        found = []
        for posted in self.slack.messages:
            if posted.channel != self.where:
                continue
            sections = [b["text"] for b in posted.blocks if b["type"] == "section"]
            assert all(s["type"] == "mrkdwn" for s in sections)
            shown = "".join(s["text"] for s in sections)
            # The notification text is the message too (a file share has none).
            assert posted.text in ("", shown) and (posted.text or posted.files)
            buttons = [e for b in posted.blocks if b["type"] == "actions" for e in b["elements"]]
            shared = [f for f in self.slack.files.shared if f.ts == posted.ts]
            found.append(
                Seen(
                    posted.channel,
                    shown,
                    [b["text"]["text"] for b in buttons],
                    [b["value"] for b in buttons],
                    f"{posted.channel}/{shared[0].id if shared else posted.ts}",
                    shared[0].data if shared else None,
                )
            )
        return found

    def fresh(self) -> ChatAdapter:
        adapter = self._adapter(self.slack.url)
        self.opened.append(adapter)
        return adapter

    def unreachable(self) -> ChatAdapter:
        adapter = SlackAdapter(SLACK_TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/api/")
        self.opened.append(adapter)
        return adapter

    def fault(self, kind: str) -> str:
        if kind == "rate_limit":
            self.slack.rate_limit_next(1, retry_after=7)
            return "ratelimited"
        if kind == "passing":
            self.slack.fail_next(1, status=503)
            return "http_503"
        # a deactivated user; a channel the workspace restricts
        error = "user_disabled" if kind == "gone" else "restricted_action"
        self.slack.fail_channel(self.to.address, error)
        return error

    def heal(self) -> None:
        self.slack.fail_channel(self.to.address, None)


class TeamsChat(Chat):
    name, platform = "teams", Platform.TEAMS
    unreachable_reason = "connection"
    CHANNEL = "19:intake-noord@thread.tacv2"

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stack: ExitStack) -> None:
        self.fakes = stack.enter_context(fakes(tmp_path, monkeypatch))
        self.connector = self.fakes.connector
        # The adapter keeps conversation references in the store: its own SQLite file.
        self.engine = make_engine(f"sqlite:///{tmp_path / 'teams.db'}")
        upgrade(self.engine)
        stack.callback(self.engine.dispose)
        super().__init__(self._adapter(), To(Platform.TEAMS, self.CHANNEL, "Intake Noord"))

    def _adapter(self, **settings: Any) -> ChatAdapter:
        return teams_adapter(teams_config(self.fakes.settings(**settings)), Data(self.engine))

    def seen(self) -> list[Seen]:
        latest = {a.id: a for a in self.connector.updates() if a.conversation == self.CHANNEL}
        found = []
        for posted in self.connector.posted(self.CHANNEL):
            activity = latest.get(posted.id, posted)
            card = activity.card
            body = card["body"]
            actions = [*card.get("actions", [])] + [
                a for block in body if block["type"] == "ActionSet" for a in block["actions"]
            ]
            images = [block["url"] for block in body if block["type"] == "Image"]
            image = None
            if images:
                prefix, _, data = images[0].partition(",")
                assert prefix == "data:image/png;base64"
                image = base64.b64decode(data)
            found.append(
                Seen(
                    posted.conversation,
                    activity.text,
                    [a["title"] for a in actions],
                    [a["data"]["tk_value"] for a in actions],
                    f"{posted.conversation}|{posted.id}",
                    image,
                )
            )
        return found

    def fresh(self) -> ChatAdapter:
        adapter = self._adapter()
        self.opened.append(adapter)
        return adapter

    def unreachable(self) -> ChatAdapter:
        adapter = self._adapter(teams_service_url=f"http://127.0.0.1:{closed_port()}/")
        self.opened.append(adapter)
        return adapter

    def fault(self, kind: str) -> str:
        faults = {
            "rate_limit": (429, {"Retry-After": "7"}, "Throttled"),
            "gone": (404, {}, "ConversationNotFound"),
            "permanent": (400, {}, "BadArgument"),
            "passing": (500, {}, "ServiceError"),
        }
        status, headers, code = faults[kind]
        self.connector.fail_next(status, headers, code=code)
        return f"http_{status}:{code}"


class EmailChat(Chat):
    name, platform = "email", Platform.EMAIL
    unreachable_reason = "smtp_unreachable"
    SENDER = "terugkoppel <terugkoppel@gemeente.example>"

    def __init__(self, tmp_path: Path, stack: ExitStack) -> None:
        self.server = stack.enter_context(smtp_server.running(tmp_path))
        to = To(Platform.EMAIL, "bakker@hap-noord.example", "Dr. Bakker", person_id="dr-bakker")
        super().__init__(self._adapter(self.server.url()), to)

    def _adapter(self, url: str) -> ChatAdapter:
        target = parse_smtp_url(url)
        assert target is not None
        return EmailAdapter(
            target,
            sender=self.SENDER,
            ca_file=self.server.ca_file,
            timeout=5,
            link_for=answer_links(LINK_SETTINGS),
        )

    def seen(self) -> list[Seen]:
        found = []
        for number, received in enumerate(self.server.received, start=1):
            if self.to.address not in received.recipients:
                continue
            assert received.encrypted
            mail = received.message
            plain = mail.get_body(("plain",))
            markup = mail.get_body(("html",))
            assert plain is not None and markup is not None
            # The first paragraph is the message; contact lines and the footer follow.
            shown = plain.get_content().replace("\r\n", "\n").split("\n\n", 1)[0]
            page = markup.get_content()
            assert html.escape(shown) in page  # the HTML alternative says the same
            anchors = re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', page)
            images = [p for p in mail.walk() if p.get_content_type().startswith("image/")]
            found.append(
                Seen(
                    received.recipients[0],
                    shown,
                    [html.unescape(label) for _, label in anchors],
                    [answer(html.unescape(url)) for url, _ in anchors],
                    f"{mail['Message-ID']} Q{number:05d}",
                    images[0].get_content() if images else None,
                )
            )
        return found

    def fresh(self) -> ChatAdapter:
        return self._adapter(self.server.url())

    def unreachable(self) -> ChatAdapter:
        return self._adapter(f"smtp://127.0.0.1:{closed_port()}")

    def fault(self, kind: str) -> str:
        replies = {"gone": "550 5.1.1 mailbox unavailable", "passing": "451 4.3.0 try later"}
        if kind == "permanent":  # the relay refuses the message itself, not the mailbox
            self.server.handler.refuse_data = "554 5.7.1 message refused by policy"
            return "smtp_554"
        self.server.handler.refuse[self.to.address] = replies[kind]
        return f"smtp_{replies[kind][:3]}"

    def heal(self) -> None:
        self.server.handler.refuse.clear()
        self.server.handler.refuse_data = None


class ConsoleChat(Chat):
    name, platform = "console", Platform.CONSOLE

    def __init__(self, tmp_path: Path) -> None:
        self.output = StringIO()
        self.folder = tmp_path / "charts"
        # Wide and in colour, so a line is never wrapped and the buttons (reverse video)
        # can be told from the text around them.
        console = Console(
            file=self.output, width=1000, force_terminal=True, color_system="standard"
        )
        adapter = ConsoleAdapter(console, attachments=self.folder)
        super().__init__(adapter, To(Platform.CONSOLE, "anna", "Anna de Vries"))

    def seen(self) -> list[Seen]:
        found: list[Seen] = []
        head = re.compile(r"^\d\d:\d\d > → (?P<name>.+) \((?P<address>[^)]*)\)$")
        for line in self.output.getvalue().splitlines():
            plain = _ANSI.sub("", line).rstrip()
            started = head.match(plain)
            if started:
                found.append(Seen(started["address"], "", [], None, None))
                continue
            assert found, f"printed before any message: {plain!r}"
            last = found[-1]
            buttons = re.findall(r"\x1b\[7m (.*?) \x1b\[0m", line)
            if buttons:
                found[-1] = Seen(last.address, last.text, buttons, None, None)
            elif plain.strip().startswith(_CHART_LINES):
                path = Path(plain.strip().partition(": ")[2])
                found[-1] = Seen(
                    last.address, last.text, last.buttons, None, None, path.read_bytes()
                )
            else:
                text = plain.removeprefix(" " * 6).rstrip()
                joined = f"{last.text}\n{text}" if last.text else text
                found[-1] = Seen(last.address, joined, last.buttons, None, None, last.image)
        return found

    def fresh(self) -> ChatAdapter:
        return ConsoleAdapter(Console(file=StringIO()), attachments=self.folder)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# How the console names the file it wrote an image to ("Grafiek: /tmp/…"), in nl and en.
_CHART_LINES = tuple(text("digest.chart_file", language, path="") for language in ("nl", "en"))


def answer(url: str) -> str:
    """What an e-mail's answer link answers, as its chat button's value (`7:better`)."""
    token = url.rpartition("/")[2]
    link = links.read(link_config(LINK_SETTINGS), token, now=datetime.now(UTC))
    return f"{link.subject}:{link.choice}"


@contextmanager
def open_chat(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Chat]:
    with ExitStack() as stack:
        builders: dict[str, Callable[[], Chat]] = {
            "slack": lambda: SlackChat(
                stack.enter_context(FakeSlack.running(token=SLACK_TOKEN, min_interval=0))
            ),
            "teams": lambda: TeamsChat(tmp_path, monkeypatch, stack),
            "email": lambda: EmailChat(tmp_path, stack),
            "console": lambda: ConsoleChat(tmp_path),
        }
        chat = builders[name]()
        try:
            yield chat
        finally:
            chat.close()
