"""Issue 19: a professional without Slack or Teams answers a feedback prompt by e-mail. The
prompt's buttons become signed links in the mail (over the SMTP fake); the link's page (real
HTTP) offers a note for the referrer when the consent allows notes; a note the privacy guard
refuses comes back marked with plain hints, nothing stored and the link still usable; a
clean note is recorded once and reaches the referrer's status message."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, func, select

from adapters.email.smtp import EmailAdapter, parse_smtp_url
from adapters.fake import FakeAdapter
from bot.app import links
from bot.app.directory.importer import import_directory
from bot.app.referrals import intake
from bot.domain.model import Consent, Platform, PromptState
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import answer_links, build, link_config
from reminders.delivery.dispatcher import Dispatcher
from reminders.scheduler import run_tick
from store.schema.audit import AuditEntry
from store.schema.delivery import OutboxMessage
from store.schema.idempotency import LinkUse
from store.uow import UnitOfWork
from tests.fakes import smtp_server
from tests.fakes.smtp_server import Server
from tests.world import DIRECTORY

PUBLIC = "https://terugkoppel.example.nl"
SENDER = "terugkoppel <terugkoppel@gemeente.example>"
GIJS = "gijs@jt-noord.example"
START = datetime.now(UTC) - timedelta(days=14)  # the page records at the real time
NOTE_WITH_DATA = "Gebeld met de moeder van Emma op 06-12345678 & <b>afspraak</b> gemaakt."
CLEAN_NOTE = "Eerste gesprek gevoerd, de intake volgt."


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        link_secret=SecretStr("prompt-link-test-secret-0123456789"),
        public_url=PUBLIC,
        _env_file=None,
    )


@pytest.fixture
def engine_with_gijs(engine: Engine) -> Engine:
    """The demo directory plus Gijs: a professional with only an e-mail address."""
    data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    data["people"].append(
        {
            "id": "gijs",
            "name": "Gijs Kok",
            "email": GIJS,
            "team": "jt-noord",
            "roles": ["professional"],
        }
    )
    import_directory(UnitOfWork(engine), data, now=START)
    return engine


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with smtp_server.running(tmp_path) as running:
        yield running


@pytest.fixture
def web(engine_with_gijs: Engine, settings: Settings) -> Iterator[TestClient]:
    app = create_app(build(settings, engine=engine_with_gijs), scheduler=False)
    with TestClient(app) as client:
        yield client


def _referral(engine: Engine, rules: Rules, consent: Consent) -> int:
    submitted = intake.submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-5120",
        consent=consent,
        now=START,
    )
    intake.take_referral(UnitOfWork(engine), rules, referral_id=submitted.id, by="gijs", now=START)
    return submitted.id


def _prompt(engine: Engine, referral: int) -> tuple[int, str, datetime]:
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=referral, kind="feedback")
        assert prompt.next_action_at is not None
        return prompt.id or 0, prompt.state, prompt.next_action_at.replace(tzinfo=UTC)


def _mail_the_prompt(
    engine: Engine, rules: Rules, server: Server, settings: Settings, referral: int
) -> None:
    """The prompt falls due and goes out through the real e-mail adapter."""
    target = parse_smtp_url(server.url())
    assert target is not None
    adapter = EmailAdapter(
        target, sender=SENDER, ca_file=server.ca_file, timeout=5, link_for=answer_links(settings)
    )
    dispatcher = Dispatcher(engine, rules, {Platform.EMAIL: adapter}, console=FakeAdapter())
    _, _, due = _prompt(engine, referral)
    asyncio.run(run_tick(engine, rules, dispatcher, now=due))
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.person_id == "gijs")
        ).scalars()
        send_at = max(r.not_before.replace(tzinfo=UTC) for r in rows)
    asyncio.run(dispatcher.run(now=send_at))


def _links_in(server: Server) -> tuple[str, str]:
    """The prompt among the mails to Gijs (he also hears that the case is his)."""
    found: list[tuple[str, str]] = []
    for mail in (r for r in server.received if GIJS in r.recipients):
        plain = mail.message.get_body(("plain",))
        html = mail.message.get_body(("html",))
        assert plain is not None and html is not None
        if plain.get_content().startswith("Hoe staat het met"):
            found.append((plain.get_content(), html.get_content()))
    [prompt] = found
    return prompt


def _paths(plain: str) -> dict[str, str]:
    """label → link path, from the mail's text part ("  Hulp gestart: https://…")."""
    found = re.findall(r"^  (.+?): (https://\S+)\r?$", plain, re.MULTILINE)
    return {label: url.removeprefix(PUBLIC) for label, url in found}


def _referrer_rows(engine: Engine) -> list[OutboxMessage]:
    with UnitOfWork(engine) as uow:
        return list(
            uow.session.execute(
                select(OutboxMessage)
                .where(OutboxMessage.person_id == "dr-bakker")
                .order_by(OutboxMessage.id)  # type: ignore[arg-type]
            ).scalars()
        )


def _count(engine: Engine, table: type) -> int:
    with UnitOfWork(engine) as uow:
        return int(uow.session.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_professional_without_chat_answers_by_mail_with_a_guarded_note(
    engine_with_gijs: Engine, rules: Rules, server: Server, settings: Settings, web: TestClient
) -> None:
    engine = engine_with_gijs
    referral = _referral(engine, rules, Consent.NOTES)
    _mail_the_prompt(engine, rules, server, settings, referral)
    prompt_id, _, _ = _prompt(engine, referral)

    # The mail: a link per answer, the "with a note" button left out but explained, "je".
    plain, html = _links_in(server)
    paths = _paths(plain)
    assert list(paths) == [
        "Contact gelegd",
        "Intake gepland",
        "Hulp gestart",
        "Overgedragen",
        "Afgesloten",
        "Nog niet",
    ]
    assert "Klik op je antwoord" in plain and "toelichting voor de verwijzer" in plain
    assert "Met toelichting" not in plain and "Beantwoorden kan in Slack" not in plain
    assert "Klik op je antwoord" in unescape(html) and html.count(f'href="{PUBLIC}/l/') == 6

    # Opening the link shows the question and the labelled, optional note field.
    path = paths["Intake gepland"]
    page = web.get(path)
    assert page.status_code == 200
    assert '<html lang="nl">' in page.text and "<script" not in page.text
    assert "Hoe staat het met JT-NRD-" in page.text and "Je antwoord: Intake gepland" in page.text
    assert '<label for="note">' in page.text and '<textarea id="note" name="note"' in page.text
    assert "mag leeg blijven" in page.text

    # A note with a phone number and a child's name: the page again, nothing stored.
    referrer_before = _referrer_rows(engine)
    refused = web.post(path, data={"note": NOTE_WITH_DATA})
    assert refused.status_code == 422
    body = refused.text
    assert "dit lijkt een telefoonnummer" in body and "dit lijkt een naam" in body
    assert "<mark>Emma</mark>" in body and "<mark>06-12345678</mark>" in body
    # the note as typed, escaped: in the marked copy and prefilled in the field
    escaped = (
        "Gebeld met de moeder van Emma op 06-12345678 &amp; &lt;b&gt;afspraak&lt;/b&gt; gemaakt."
    )
    assert f">{escaped}</textarea>" in body
    assert "&amp; &lt;b&gt;afspraak&lt;/b&gt; gemaakt." in body.split("<mark>06-12345678</mark>")[1]
    assert "<b>afspraak" not in body
    assert "Pas de toelichting aan en bevestig opnieuw" in body
    assert [r.id for r in _referrer_rows(engine)] == [r.id for r in referrer_before]
    assert _count(engine, LinkUse) == 0  # the link is still usable
    assert _prompt(engine, referral)[1] != PromptState.ANSWERED
    with UnitOfWork(engine) as uow:
        assert all("12345678" not in str(r.params) for r in uow.outbox.all())
        [entry] = uow.session.execute(
            select(AuditEntry).where(AuditEntry.event == "refused")
        ).scalars()
    assert (entry.actor, entry.channel, entry.basis) == ("gijs", "email", "note:phone+name")

    # A clean note: recorded once, thanks; the referrer's status message carries the note.
    done = web.post(path, data={"note": CLEAN_NOTE})
    assert done.status_code == 200, done.text
    assert "Genoteerd: JT-NRD-" in done.text and "intakegesprek gepland" in done.text
    with UnitOfWork(engine) as uow:
        prompt = uow.prompts.get(id=prompt_id)
        assert prompt is not None
        assert (prompt.state, prompt.answer, prompt.answered_by) == (
            "answered",
            "intake_planned",
            "gijs",
        )
    [told] = [r for r in _referrer_rows(engine) if r.id not in {b.id for b in referrer_before}]
    assert told.message_key == "referrer.status_with_note"
    assert told.params["note"] == CLEAN_NOTE
    assert _count(engine, LinkUse) == 1

    # Used once: the same link says so, another answer's link says it was answered.
    again = web.post(path, data={"note": CLEAN_NOTE})
    assert again.status_code == 409 and "Deze link is al gebruikt" in again.text
    other = web.get(paths["Hulp gestart"])
    assert other.status_code == 409 and "Dit was al beantwoord" in other.text
    assert "Gijs Kok" in other.text


def test_without_consent_for_notes_the_page_has_no_note_field_and_ignores_one(
    engine_with_gijs: Engine, rules: Rules, settings: Settings, web: TestClient
) -> None:
    engine = engine_with_gijs
    referral = _referral(engine, rules, Consent.STATUS)
    prompt_id, _, _ = _prompt(engine, referral)
    address = links.url_for(
        link_config(settings),
        "prompt",
        prompt_id,
        "help_started",
        language="nl",
        now=datetime.now(UTC),
    )
    path = address.removeprefix(PUBLIC)
    page = web.get(path)
    assert page.status_code == 200 and "Je antwoord: Hulp gestart" in page.text
    assert "<textarea" not in page.text
    # A note posted anyway (a crafted form) is neither checked, sent nor kept.
    done = web.post(path, data={"note": NOTE_WITH_DATA})
    assert done.status_code == 200
    told = _referrer_rows(engine)[-1]
    assert told.message_key == "referrer.status" and "note" not in told.params
    assert told.params["status"] == "de hulp is gestart"
    with UnitOfWork(engine) as uow:
        assert all("12345678" not in str(r.params) for r in uow.outbox.all())


def test_a_note_over_the_limit_comes_back_and_an_expired_link_speaks_je(
    engine_with_gijs: Engine, rules: Rules, settings: Settings, web: TestClient
) -> None:
    engine = engine_with_gijs
    referral = _referral(engine, rules, Consent.NOTES)
    prompt_id, _, _ = _prompt(engine, referral)
    config = link_config(settings)
    path = links.url_for(
        config, "prompt", prompt_id, "contact_made", language="nl", now=datetime.now(UTC)
    ).removeprefix(PUBLIC)
    long = web.post(path, data={"note": "a" * 1001})
    assert long.status_code == 422 and "te lang" in long.text and _count(engine, LinkUse) == 0
    old = links.url_for(
        config,
        "prompt",
        prompt_id,
        "contact_made",
        language="nl",
        now=datetime.now(UTC) - timedelta(days=30),
    ).removeprefix(PUBLIC)
    expired = web.get(old)
    assert expired.status_code == 410 and "nieuwste e-mail" in expired.text
