"""The consent matrix: 3 levels × 8 statuses × chat / e-mail / REST. Per cell, exactly what
the referrer receives (the outbox row, rendered, and the channel it went by) and what
GET /api/v1/referrals/{id} returns; every disclosure has its audit row."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.app.apikeys import create_key
from bot.domain.model import Consent, ReferralStatus
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from bot.messages import Message, text
from tests.bot.consent_paths import NOTE, drive
from tests.world import World, local, make_world

KEY = "matrix-key-0001"
N, S, T = Consent.NONE, Consent.STATUS, Consent.NOTES
R = ReferralStatus

# The message the referrer gets for the last step, per level (None: nothing at all).
EXPECTED_KEY: dict[tuple[Consent, ReferralStatus], str | None] = {
    (N, R.RECEIVED): "referrer.receipt_with_contact",
    (N, R.ASSIGNED): None,
    (N, R.CONTACT_MADE): "referrer.in_progress",
    (N, R.INTAKE_PLANNED): "referrer.in_progress",
    (N, R.HELP_STARTED): "referrer.in_progress",
    (N, R.HANDED_OVER): "referrer.in_progress",
    (N, R.CLOSED): "referrer.ended",
    # a decline is one message: it ended, what to do next, the reason only with consent
    (N, R.DECLINED): "referrer.next_step",
    (S, R.RECEIVED): "referrer.receipt_with_contact",
    (S, R.ASSIGNED): "referrer.status",
    (S, R.CONTACT_MADE): "referrer.status",
    (S, R.INTAKE_PLANNED): "referrer.status",
    (S, R.HELP_STARTED): "referrer.status",
    (S, R.HANDED_OVER): "referrer.handed_over",
    (S, R.CLOSED): "referrer.status",
    (S, R.DECLINED): "referrer.next_step_reason",
    (T, R.RECEIVED): "referrer.receipt_with_contact",
    (T, R.ASSIGNED): "referrer.status",
    (T, R.CONTACT_MADE): "referrer.status_with_note",
    (T, R.INTAKE_PLANNED): "referrer.status_with_note",
    (T, R.HELP_STARTED): "referrer.status_with_note",
    (T, R.HANDED_OVER): "referrer.handed_over",
    (T, R.CLOSED): "referrer.status_with_note",
    (T, R.DECLINED): "referrer.next_step_reason",
    # the referrer withdrew it themselves: the confirmation is procedural, at every level
    (N, R.WITHDRAWN): "referrer.withdrawn",
    (S, R.WITHDRAWN): "referrer.withdrawn",
    (T, R.WITHDRAWN): "referrer.withdrawn",
}
# Who the referrer's channel is: Slack (a school's IB'er) or e-mail (the GP).
CHANNELS = {
    "chat": ("ib-smits", "slack", "Carla Mulder"),
    "email": ("dr-bakker", "email", "Anna de Vries"),
}
CELLS = [(level, status) for level in (N, S, T) for status in R]


@pytest.fixture
def world(engine: Engine, rules: Rules) -> World:
    return make_world(engine, rules)


@pytest.fixture
def org_key(world: World) -> str:
    """Every key is scoped (issue 19): one bound to the e-mail referrer's organisation reads
    its referrals, whichever way they came in."""
    return create_key(
        world.uow(), name="matrix-hap", now=local(2026, 4, 1), organisation="hap-noord"
    )


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    settings = Settings(api_keys=SecretStr(f"matrix:{KEY}"), _env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(build(settings, engine=world.engine), scheduler=False)) as client:
        yield client


def expected_contact(level: Consent, status: ReferralStatus) -> dict[str, str | None] | None:
    if level is N or status is R.RECEIVED:
        return None
    if status is R.HANDED_OVER:
        return {
            "name": "Dewi Pranoto",
            "team": "Sociaal team Zuid",
            "email": "dewi@st-zuid.example",
        }
    return {"name": "Anna de Vries", "team": "Jeugdteam Noord", "email": "anna@jt-noord.example"}


def expected_phase(status: ReferralStatus) -> str:
    if status in (R.RECEIVED, R.ASSIGNED):
        return "received"
    return "ended" if status in (R.CLOSED, R.DECLINED, R.WITHDRAWN) else "in_progress"


@pytest.mark.parametrize(("level", "status"), CELLS, ids=[f"{c[0]}-{c[1]}" for c in CELLS])
def test_consent_matrix(
    world: World, api: TestClient, org_key: str, level: Consent, status: ReferralStatus
) -> None:
    key = EXPECTED_KEY[(level, status)]
    referrals: dict[str, int] = {}
    for channel, (referrer, platform, pair_contact) in CHANNELS.items():
        referral, at = drive(
            world, referrer=referrer, consent=level, status=status, ref=f"R-{channel}"
        )
        referrals[channel] = referral
        with world.uow() as uow:
            rows = [
                r
                for r in uow.outbox.all()
                if r.person_id == referrer
                and r.key.startswith(f"referrer:{referral}:{status.value}:")
            ]
        assert [r.message_key for r in rows] == ([key] if key else []), channel
        asyncio.run(world.dispatcher.run(now=at))
        if key is None:
            continue
        with world.uow() as uow:
            sent = uow.outbox.get(id=rows[0].id or 0)
        assert sent is not None and sent.sent_at is not None and sent.failed_at is None
        assert sent.channel == platform  # the referrer's own channel
        assert any(
            s.recipient.person_id == referrer and s.message.params == sent.params
            for s in world.adapter.sent
        )
        body = Message(sent.message_key, sent.params).body()
        status_text = text(f"status.{status.value}")
        if status is R.DECLINED:  # one message (issue 20): no contact person, the next step
            assert text("decline.next_unknown") in body
            assert (text("reason.other") in body) == (level is not N)
            assert "Anna de Vries" not in body and "Contactpersoon" not in body
            assert NOTE not in body
        # Milestones only with consent; without it the receipt, "in behandeling" and "beëindigd".
        elif (
            level is N
            or key.startswith("referrer.receipt")
            or key in ("referrer.handed_over", "referrer.withdrawn")
        ):
            assert status_text not in body or status is R.RECEIVED
        else:
            assert status_text in body
        contact = expected_contact(level, status)
        if key.startswith("referrer.receipt"):
            assert pair_contact in body  # the organisation's fixed contact, not the case's
        elif contact is not None and key != "referrer.withdrawn" and status is not R.DECLINED:
            assert contact["name"] in body
        else:  # without consent, in a withdrawal's confirmation and a decline: no names
            assert "Anna de Vries" not in body and "Carla Mulder" not in body
        assert (NOTE in body) == (key == "referrer.status_with_note")

    with world.uow() as uow:  # REST names a referral by its opaque public id (issue 19)
        found = uow.referrals.get(id=referrals["email"])
        assert found is not None
        public_id = found.public_id
    got = api.get(f"/api/v1/referrals/{public_id}", headers={"Authorization": f"Bearer {org_key}"})
    assert got.status_code == 200
    view = got.json()
    assert view["consent"] == level.value
    assert view["phase"] == expected_phase(status)
    if status is R.WITHDRAWN:  # what the referrer did is theirs to see at every level
        assert view["status"] == "withdrawn"
    elif level is N:
        assert view["status"] == ("received" if expected_phase(status) == "received" else None)
    else:
        assert view["status"] == status.value
    assert view["contact"] == expected_contact(level, status)
    assert "birth_month" not in view and "note" not in view

    with world.uow() as uow:
        disclosed = [a for a in uow.audit.all() if a.event == "disclosed"]
        sent_disclosures = [r for r in uow.outbox.all() if r.disclosure_basis and r.sent_at]
    # Every disclosure outside the team has exactly one audit row: messages and the GET.
    assert len(disclosed) == len(sent_disclosures) + 1
    [rest] = [a for a in disclosed if a.channel == "rest"]
    assert rest.basis == ("procedural" if level is N else f"consent:{level.value}")
