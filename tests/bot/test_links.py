"""Signed single-use e-mail links and their page, over the app's real HTTP stack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.app import links
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build, link_config
from store.schema.audit import AuditEntry
from store.schema.idempotency import LinkUse
from store.uow import UnitOfWork

SECRET = "a-link-secret-for-the-tests-only-0001"


def _record_probe(uow: UnitOfWork, link: links.Link, now: datetime) -> None:
    """The test's answer kind: an answer becomes an audit row naming the choice."""
    if link.choice == "nee" and link.subject == 13:
        raise links.LinkRefused("links.used")
    uow.audit.add(
        AuditEntry(
            at=now, event="probe", actor="referrer", message_key=f"{link.subject}:{link.choice}"
        )
    )


links.register(
    "probe",
    links.LinkKind(
        question_key="links.title",
        choices=frozenset({"ja", "nee"}),
        choice_key=lambda _choice: "links.confirm",
        apply=_record_probe,
    ),
)


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        link_secret=SecretStr(SECRET), public_url="https://terugkoppel.example.nl", _env_file=None
    )


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    container = build(settings, engine=engine)
    with TestClient(create_app(container, scheduler=False)) as test_client:
        yield test_client


def path(settings: Settings, subject: int = 7, choice: str = "ja", **kw: object) -> str:
    now = kw.pop("now", datetime.now(UTC))
    assert isinstance(now, datetime)
    url = links.url_for(
        link_config(settings),
        "probe",
        subject,
        choice,
        language=str(kw.get("language", "nl")),
        now=now,
    )
    assert url.startswith("https://terugkoppel.example.nl/l/")
    return url.removeprefix("https://terugkoppel.example.nl")


def answers(engine: Engine) -> list[str]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.exec(select(AuditEntry).where(AuditEntry.event == "probe")).all()
        return [row.message_key or "" for row in rows]


def uses(engine: Engine) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.exec(select(func.count()).select_from(LinkUse)).one())


def test_opening_a_link_asks_to_confirm_and_records_nothing(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    url = path(settings)
    for _ in range(3):  # a mail scanner opening the link, then the reader
        page = client.get(url)
        assert page.status_code == 200
        assert '<form method="post">' in page.text and "Bevestigen" in page.text
        assert page.headers["cache-control"] == "no-store"
    assert answers(engine) == [] and uses(engine) == 0


def test_a_link_records_its_answer_once(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    url = path(settings, subject=7, choice="nee")
    first = client.post(url)
    assert first.status_code == 200 and "vastgelegd" in first.text
    again = client.post(url)
    assert again.status_code == 409 and "al gebruikt" in again.text
    assert client.get(url).status_code == 409
    assert answers(engine) == ["7:nee"] and uses(engine) == 1
    # Another link for the same question is a link of its own.
    assert client.post(path(settings, subject=7, choice="ja")).status_code == 200
    assert answers(engine) == ["7:nee", "7:ja"]


def test_forged_changed_or_foreign_links_are_refused(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    url = path(settings)
    token = url.removeprefix("/l/")
    other = Settings(link_secret=SecretStr("x" * 32), _env_file=None)  # type: ignore[call-arg]
    foreign = links.make(link_config(other), "probe", 7, "ja", language="nl", now=datetime.now(UTC))
    changed = token[:-2] + ("BB" if token.endswith("AA") else "AA")
    for bad in (changed, foreign, "nonsense"):
        for method in (client.get, client.post):
            response = method(f"/l/{bad}")
            assert response.status_code == 404 and "niet geldig" in response.text
    assert answers(engine) == [] and uses(engine) == 0


def test_an_expired_link_says_so_in_the_readers_language(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=settings.link_days, seconds=1)
    url = path(settings, now=long_ago, language="en")
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 410 and "expired" in response.text
        assert '<html lang="en">' in response.text
    assert answers(engine) == [] and uses(engine) == 0


def test_a_refused_answer_leaves_the_link_unused(
    client: TestClient, engine: Engine, settings: Settings
) -> None:
    url = path(settings, subject=13, choice="nee")
    response = client.post(url)
    assert response.status_code == 409
    assert answers(engine) == [] and uses(engine) == 0


def test_unknown_kinds_and_choices_make_no_link(settings: Settings) -> None:
    now = datetime.now(UTC)
    with pytest.raises(ValueError):
        links.make(link_config(settings), "probe", 1, "misschien", language="nl", now=now)
    with pytest.raises(ValueError):
        links.make(link_config(settings), "unknown", 1, "ja", language="nl", now=now)


def test_e_mail_needs_a_long_link_secret() -> None:
    relay = SecretStr("smtp://relay.example:587")
    with pytest.raises(ValidationError, match="TERUGKOPPEL_LINK_SECRET"):
        Settings(smtp_url=relay, _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="at least 24"):
        Settings(smtp_url=relay, link_secret=SecretStr("short"), _env_file=None)  # type: ignore[call-arg]
    Settings(  # type: ignore[call-arg]
        smtp_url=relay,
        link_secret=SecretStr(SECRET),
        mail_from="terugkoppel@gemeente.example",  # e-mail needs a sender as well
        _env_file=None,
    )
