"""Issue 19: a referrer's reference never reaches an e-mail header; the subject carries our
case reference only, and a stored value from before the rule (CR/LF, a name) does not stop
the mail nor show up in it."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from sqlalchemy import Engine, update

from adapters.email.compose import compose
from bot.app.referrals import intake
from bot.domain.model import Platform
from bot.messages import Message
from bot.ports import Recipient
from store.schema.cases import Referral
from tests.adapters.test_email import (  # fixtures and helpers of the SMTP tests
    BAKKER,
    NOW,
    dispatcher,
    refer,
    run,
    server,
    to,
    world,
)
from tests.fakes.smtp_server import Server
from tests.world import World

__all__ = ["server", "world"]
BAD = "Jan de Boer\r\nBcc: iemand@example.org"


def test_compose_keeps_a_bad_reference_out_of_every_header_and_the_body() -> None:
    message = Message(
        "referrer.receipt",
        {"case_ref": "JT-NRD-2026-0001", "external_ref": BAD, "team": "Jeugdteam Noord"},
        language="nl",
    )
    to_ = Recipient(Platform.EMAIL, "a@example.org", "Dr.\r\nBcc: x@example.org")
    mail = compose(message, to=to_, sender="t <t@example.org>", key="k1")
    assert mail["Subject"] == "Terugkoppeling JT-NRD-2026-0001"
    raw = mail.as_bytes()
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["Bcc"] is None
    assert "Jan de Boer" not in raw.decode()
    headers = raw.split(b"\n\n", 1)[0].decode()
    assert "example.org>" in headers and "\nBcc" not in headers


def test_an_old_row_with_a_bad_reference_still_gets_its_mail_with_a_safe_rendering(
    world: World, server: Server, engine: Engine
) -> None:
    referral = refer(world)
    with world.uow() as uow:  # a row stored before the rule held
        uow.session.execute(
            update(Referral).where(Referral.id == referral).values(external_ref=BAD)  # type: ignore[arg-type]
        )
        uow.commit()
    intake.take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=NOW)
    run(dispatcher(world, server))
    mails = to(server, BAKKER)
    assert len(mails) == 2  # the receipt and the status: nothing failed
    bodies = []
    for received in mails:
        mail = received.message
        assert mail["Subject"].startswith("Terugkoppeling JT-NRD-2026-")
        assert mail["Bcc"] is None
        bodies.append(mail.get_body(("plain",)).get_content())
    assert not any("Jan de Boer" in body for body in bodies)
    assert "uw kenmerk: —" in bodies[-1]  # the status, written after the row went bad
