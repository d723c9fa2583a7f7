"""E-mail to referrers and coordinators: the real dispatcher and adapter against a real SMTP
server (aiosmtpd) on 127.0.0.1 with a trustme certificate, trusted through
TERUGKOPPEL_SMTP_CA_FILE. The messages are asserted as the server received them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import trustme
from pydantic import SecretStr
from sqlalchemy import Engine, select

from adapters.email.smtp import EmailAdapter, parse_smtp_url
from adapters.fake import FakeAdapter
from bot.app.referrals import intake
from bot.domain.model import Consent, Platform
from bot.domain.rules import Rules
from bot.main.settings import Settings
from bot.main.wiring import build
from reminders.delivery.dispatcher import Dispatcher
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.fakes import smtp_server
from tests.fakes.smtp_server import Received, Server
from tests.world import World, local, make_world

SENDER = "terugkoppel <terugkoppel@gemeente.example>"
BAKKER = "bakker@hap-noord.example"
NOW = local(2026, 4, 22, 10)


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with smtp_server.running(tmp_path) as running:
        yield running


def dispatcher(
    world: World, server: Server, *, tls: bool = False, ca: Path | None = None
) -> Dispatcher:
    target = parse_smtp_url(server.url(tls=tls))
    assert target is not None
    adapter = EmailAdapter(target, sender=SENDER, ca_file=ca or server.ca_file, timeout=5)
    return Dispatcher(world.engine, world.rules, {Platform.EMAIL: adapter}, console=FakeAdapter())


def refer(world: World, *, consent: Consent = Consent.STATUS) -> int:
    submitted = intake.submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-7781",
        consent=consent,
        now=NOW,
    )
    return submitted.id


def rows_to(engine: Engine, person: str) -> list[OutboxMessage]:
    with UnitOfWork(engine) as uow:
        found = uow.session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.person_id == person)
            .order_by(OutboxMessage.id)  # type: ignore[arg-type]
        )
        return list(found.scalars())


def to(server: Server, address: str) -> list[Received]:
    return [r for r in server.received if address in r.recipients]


def run(dispatch: Dispatcher, now: datetime = NOW) -> None:
    asyncio.run(dispatch.run(now=now))


def test_a_referrer_gets_the_status_by_e_mail_over_starttls_as_plain_text_and_html(
    world: World, server: Server
) -> None:
    referral = refer(world)
    intake.take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=NOW)
    run(dispatcher(world, server))

    receipt, status = to(server, BAKKER)
    assert receipt.encrypted and status.encrypted
    assert receipt.sender == "terugkoppel@gemeente.example"
    mail = status.message
    # issue 19: our case reference in the subject, the referrer's own only in the body
    assert mail["Subject"] == "Terugkoppeling JT-NRD-2026-0001"
    assert "uw kenmerk: HAP-7781" in mail.get_body(("plain",)).get_content()
    assert mail["From"] == SENDER
    assert mail["To"] == f'"Dr. Bakker" <{BAKKER}>'
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["Content-Language"] == "nl"
    assert mail.get_content_type() == "multipart/alternative"
    plain = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert plain is not None and html is not None
    text, markup = plain.get_content(), html.get_content()
    for part in (text, markup):
        assert "JT-NRD-2026-0001" in part and "HAP-7781" in part
        assert "toegewezen aan een medewerker" in part  # the fixed status text
        assert "Anna de Vries" in part and "contactpersoon bij Jeugdteam Noord" in part
        assert "anna@jt-noord.example" in part  # how to reach her
    assert "<html" in markup and "<script" not in markup

    rows = {row.message_key: row for row in rows_to(world.engine, "dr-bakker")}
    sent = rows["referrer.status"]
    assert sent.channel == "email" and sent.sent_at is not None
    # The provider's id: our Message-ID (from the outbox key) and the relay's queue id.
    queue_id = f"Q{server.received.index(status) + 1:05d}"
    assert sent.provider_message_id == f"{mail['Message-ID']} {queue_id}"


def test_the_message_id_comes_from_the_outbox_key_so_a_repeat_is_the_same_message(
    world: World, server: Server
) -> None:
    refer(world)
    (row,) = [r for r in rows_to(world.engine, "dr-bakker")]
    run(dispatcher(world, server))
    first = to(server, BAKKER)[0].message["Message-ID"]
    with UnitOfWork(world.engine) as uow:  # as if the record of the send was lost
        stored = uow.outbox.get(id=row.id or 0)
        assert stored is not None
        stored.sent_at = None
        uow.commit()
    run(dispatcher(world, server), NOW + timedelta(minutes=5))
    again = to(server, BAKKER)[1].message["Message-ID"]
    assert first == again and first.endswith("@gemeente.example>")


def test_smtps_speaks_tls_from_the_first_byte(world: World, tmp_path: Path) -> None:
    with smtp_server.running(tmp_path, mode="tls") as server:
        refer(world)
        run(dispatcher(world, server, tls=True))
        (receipt,) = to(server, BAKKER)
    assert receipt.encrypted
    assert "JT-NRD-2026-0001" in receipt.message["Subject"]


def test_a_relay_without_starttls_is_refused_and_nothing_goes_out_in_clear(
    world: World, tmp_path: Path
) -> None:
    with smtp_server.running(tmp_path, mode="plain") as server:
        refer(world)
        run(dispatcher(world, server))
        assert server.received == []
        assert [verb for verb, _ in server.handler.commands] == ["EHLO"]  # then we hung up
    (row,) = rows_to(world.engine, "dr-bakker")
    # The message waits (e-mail pauses); it is neither sent nor given up.
    assert row.sent_at is None and row.failed_at is None and row.not_before > NOW


def test_an_untrusted_certificate_is_refused(world: World, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    stranger = other / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))  # trusts some other CA only
    with smtp_server.running(tmp_path) as server:
        refer(world)
        run(dispatcher(world, server, ca=stranger))
        assert server.received == []
        assert ("MAIL", False) not in server.handler.commands
        assert all(verb == "EHLO" for verb, _ in server.handler.commands)
    (row,) = rows_to(world.engine, "dr-bakker")
    assert row.sent_at is None and row.failed_at is None


def test_a_refused_recipient_ends_the_message_and_the_coordinator_is_told(
    world: World, server: Server
) -> None:
    server.handler.refuse[BAKKER] = "550 5.1.1 mailbox unavailable"
    refer(world)
    run(dispatcher(world, server))
    (row,) = rows_to(world.engine, "dr-bakker")
    assert row.failed_at is not None and row.error == "smtp_550"
    assert to(server, BAKKER) == []
    # Bram, the coordinator, hears it (by e-mail too: that is his configured channel).
    (notice,) = to(server, "bram@jt-noord.example")
    body = notice.message.get_body(("plain",))
    assert body is not None
    assert "Dr. Bakker" in body.get_content() and "smtp_550" in body.get_content()
    assert notice.message["Subject"] == "terugkoppel: JT-NRD-2026-0001"


def test_a_temporary_refusal_is_retried_later(world: World, server: Server) -> None:
    server.handler.refuse[BAKKER] = "451 4.3.0 try again later"
    refer(world)
    dispatch = dispatcher(world, server)
    run(dispatch)
    (row,) = rows_to(world.engine, "dr-bakker")
    assert row.sent_at is None and row.failed_at is None
    assert row.attempts == 1 and row.error == "smtp_451" and row.not_before > NOW
    assert to(server, BAKKER) == []
    del server.handler.refuse[BAKKER]
    run(dispatch, row.not_before + timedelta(seconds=1))
    (receipt,) = to(server, BAKKER)
    assert "JT-NRD-2026-0001" in receipt.message["Subject"]
    (row,) = rows_to(world.engine, "dr-bakker")
    assert row.sent_at is not None


def test_the_e_mail_never_carries_a_note_and_speaks_english_to_english_readers(
    world: World, server: Server
) -> None:
    from bot.app import prompts
    from bot.domain.model import Answer

    with UnitOfWork(world.engine) as uow:
        bakker = uow.directory.person(id="dr-bakker")
        assert bakker is not None
        bakker.language = "en"
        uow.commit()
    referral = refer(world, consent=Consent.NOTES)
    intake.take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=NOW)
    with UnitOfWork(world.engine) as uow:
        (prompt,) = uow.prompts.open_for(referral=referral)
        prompt_id = prompt.id or 0
    prompts.answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt_id,
        answer=Answer.CONTACT_MADE,
        by="anna",
        now=NOW + timedelta(hours=1),
        note="Eerste gesprek was goed",
    )
    run(dispatcher(world, server), NOW + timedelta(hours=1))
    last = to(server, BAKKER)[-1].message
    assert last["Content-Language"] == "en"
    assert last["Subject"] == "Update on JT-NRD-2026-0001"
    for kind in ("plain", "html"):
        part = last.get_body((kind,))
        assert part is not None
        content = part.get_content()
        assert "Eerste gesprek" not in content
        assert "This update comes with a note" in content


def test_bootstrap_uses_e_mail_only_with_a_relay(tmp_path: Path, server: Server) -> None:
    base = {"database_url": f"sqlite:///{tmp_path / 'b.db'}"}
    plain = build(Settings(_env_file=None, **base))  # type: ignore[call-arg]
    assert Platform.EMAIL not in plain.adapters  # the console prints e-mails, as in the demo
    relay = build(
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            smtp_url=SecretStr(server.url()),
            mail_from=SENDER,
            link_secret=SecretStr("a-link-secret-for-the-tests-only-0002"),
            smtp_ca_file=server.ca_file,
            **base,
        )
    )
    assert isinstance(relay.adapters[Platform.EMAIL], EmailAdapter)
    with pytest.raises(ValueError, match="TERUGKOPPEL_MAIL_FROM"):
        Settings(  # type: ignore[call-arg]
            _env_file=None,
            smtp_url=SecretStr(server.url()),
            link_secret=SecretStr("a-link-secret-for-the-tests-only-0002"),
        )


def test_the_relay_login_travels_only_inside_tls(world: World, tmp_path: Path) -> None:
    users = {"terugkoppel": "relay-pw-1"}
    with smtp_server.running(tmp_path, users=users) as server:
        target = parse_smtp_url(server.url(user="terugkoppel", password="relay-pw-1"))
        assert target is not None
        adapter = EmailAdapter(target, sender=SENDER, ca_file=server.ca_file, timeout=5)
        dispatch = Dispatcher(
            world.engine, world.rules, {Platform.EMAIL: adapter}, console=FakeAdapter()
        )
        refer(world)
        run(dispatch)
        assert server.logins == ["terugkoppel"]
        assert len(to(server, BAKKER)) == 1
        assert all(encrypted for verb, encrypted in server.handler.commands if verb != "EHLO")


def test_a_request_by_e_mail_is_answered_with_its_signed_link(world: World, server: Server) -> None:
    """The loop's "Geregeld" button becomes a signed link in the e-mail (bootstrap's
    answer_links, as `serve` and `worker` wire it); confirming it settles the request."""
    from fastapi.testclient import TestClient

    from bot.app.loop.referrer_requests import ask_referrer
    from bot.domain.model import RequestKind
    from bot.main.asgi import create_app
    from bot.main.wiring import answer_links

    settings = Settings(  # type: ignore[call-arg]
        link_secret=SecretStr("e-mail-link-test-secret-0123456789"),
        public_url="https://terugkoppel.example.nl",
        _env_file=None,
    )
    referral = refer(world)
    intake.take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=NOW)
    ask_referrer(
        world.uow(),
        world.rules,
        case_ref="JT-NRD-2026-0001",
        kind=RequestKind.CONSENT,
        by="anna",
        now=NOW,
    )
    target = parse_smtp_url(server.url())
    assert target is not None
    adapter = EmailAdapter(
        target, sender=SENDER, ca_file=server.ca_file, timeout=5, link_for=answer_links(settings)
    )
    run(Dispatcher(world.engine, world.rules, {Platform.EMAIL: adapter}, console=FakeAdapter()))

    request = to(server, BAKKER)[-1].message
    plain = request.get_body(("plain",))
    assert plain is not None
    addresses = [
        word for word in plain.get_content().split() if word.startswith("https://terugkoppel")
    ]
    assert len(addresses) == 1, plain.get_content()
    path = addresses[0].removeprefix("https://terugkoppel.example.nl")
    with TestClient(create_app(build(settings, engine=world.engine), scheduler=False)) as web:
        assert web.get(path).status_code == 200
        assert web.post(path).status_code == 200
        assert web.post(path).status_code == 409
    keys = [row.message_key for row in rows_to(world.engine, "anna")]
    assert "loop.request_settled" in keys, keys
