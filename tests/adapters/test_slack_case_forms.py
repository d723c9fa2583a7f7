"""Issue 20 on the fake Slack: "Overdragen…" on the "opgepakt" message opens the handover
modal (place, warm, the meeting's day and time), and "Afwijzen…" on the intake message the
decline modal (reason, better place). Their submission is done before the ack: what is
wrong comes back in the open modal (`response_action: errors`) and nothing is stored;
once done the modal shows the answer, and the referrer of a declined referral hears once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.messages import text
from store.schema.cases import Handover, Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, interactive, payload, serve
from tests.adapters.test_slack_loop import _current, click, in_channel
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with UnitOfWork(engine) as uow:  # Bram, the coordinator of Jeugdteam Noord, on Slack
        bram = uow.directory.person(id="bram")
        assert bram is not None
        bram.slack_id = "U0BRAM"
        uow.commit()
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0BRAM", email="bram@jt-noord.example", name="Bram Jansen")
        yield app


def _referral(engine: Engine, rules: Rules, ref: str, *, taken: bool) -> tuple[int, str]:
    now = datetime.now(UTC) - timedelta(days=3)
    made = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=now,
    )
    if taken:
        take_referral(UnitOfWork(engine), rules, referral_id=made.id, by="anna", now=now)
    return made.id, made.case_ref


def _submit(
    served: Served, view: dict[str, Any], values: dict[str, Any], *, user: str = "U0ANNA"
) -> dict[str, Any]:
    """The modal sent back as Slack sends it: our private_metadata, the state's values."""
    body = payload("view_submission_referral")
    body["user"]["id"] = user
    body["view"].update(
        callback_id=view["callback_id"],
        private_metadata=view["private_metadata"],
        state={"values": {block: {block: value} for block, value in values.items()}},
    )
    response = served.post(*interactive(body))
    assert response.status_code == 200
    return json.loads(response.text) if response.text else {}


def _option(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value}}


def _handovers(engine: Engine) -> list[Handover]:
    with UnitOfWork(engine) as uow:
        return list(uow.session.execute(select(Handover)).scalars().all())


def _outbox(engine: Engine, **where: Any) -> list[OutboxMessage]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()
    return [r for r in rows if all(getattr(r, k) == v for k, v in where.items())]


def test_overdragen_opens_the_modal_and_starts_the_handover(
    served: Served, engine: Engine, rules: Rules
) -> None:
    slack = served.slack
    _, case_ref = _referral(engine, rules, "HAP-81", taken=True)
    served.dispatch(datetime.now(UTC) + timedelta(days=1))
    [taken] = eventually(
        lambda: [m for m in in_channel(slack, "D0ANNA") if "is opgepakt door" in m.text]
    )
    click(served, taken, "Overdragen…")
    [view] = eventually(lambda: slack.views)
    assert view["callback_id"] == "handover"
    assert view["title"]["text"] == "Overdragen"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    places = [o["text"]["text"] for o in blocks["place"]["element"]["options"]]
    assert "Sociaal team Zuid (gezinnen in Oosterwaard-Zuid)" in places
    assert "Zorgaanbieder Kompas (behandeling bij angst, somberheid en gedrag)" in places
    assert "Jeugdteam Noord" not in places  # not to the case's own team
    assert blocks["warm"]["element"]["type"] == "checkboxes"
    assert blocks["meeting_day"]["element"]["type"] == "datepicker"
    assert blocks["meeting_time"]["element"]["type"] == "timepicker"

    tomorrow = (datetime.now(rules.calendar.tz) + timedelta(days=2)).date().isoformat()
    day = {"type": "datepicker", "selected_date": tomorrow}
    at = {"type": "timepicker", "selected_time": "10:00"}
    # a meeting without "warm", a day without a time, a meeting in the past: in the modal
    refused = _submit(
        served, view, {"place": _option("st-zuid"), "meeting_day": day, "meeting_time": at}
    )
    assert refused["response_action"] == "errors"
    assert refused["errors"] == {"warm": text("error.meeting_invalid")}
    refused = _submit(served, view, {"place": _option("st-zuid"), "meeting_day": day})
    assert refused["errors"] == {"meeting_time": text("caseform.meeting_both")}
    warm = {"type": "checkboxes", "selected_options": [{"value": "warm"}]}
    past = {"type": "datepicker", "selected_date": "2020-01-06"}
    refused = _submit(
        served,
        view,
        {"place": _option("st-zuid"), "warm": warm, "meeting_day": past, "meeting_time": at},
    )
    assert refused["errors"] == {"meeting_day": text("error.meeting_invalid")}
    refused = _submit(served, view, {"warm": warm})
    assert refused["errors"] == {"place": "Kies…"}
    assert _handovers(engine) == []  # nothing stored

    done = _submit(
        served,
        view,
        {"place": _option("st-zuid"), "warm": warm, "meeting_day": day, "meeting_time": at},
    )
    assert done["response_action"] == "update"
    [answer] = done["view"]["blocks"]
    assert answer["text"]["text"].startswith(
        f"Overdracht van {case_ref} aan Sociaal team Zuid gevraagd"
    )
    [handover] = _handovers(engine)
    assert (handover.to_team_id, handover.warm, handover.requested_by) == ("st-zuid", True, "anna")
    assert handover.meeting_at is not None
    meeting = handover.meeting_at.replace(tzinfo=handover.meeting_at.tzinfo or UTC)
    assert meeting.astimezone(rules.calendar.tz).strftime("%Y-%m-%d %H:%M") == f"{tomorrow} 10:00"
    # the receiving team hears it in its intake channel (Teams, for Sociaal team Zuid)
    [told] = _outbox(engine, message_key="handover.requested")
    assert told.params["case_ref"] == case_ref and "warme overdracht" in told.params["warm"]

    # the same form again: one handover at a time, said in the modal
    again = _submit(served, view, {"place": _option("kompas")})
    assert again["errors"]["place"].startswith(f"Voor {case_ref} loopt al een overdracht")
    assert len(_handovers(engine)) == 1


def test_afwijzen_declines_and_the_referrer_hears_once(
    served: Served, engine: Engine, rules: Rules
) -> None:
    slack = served.slack
    referral_id, case_ref = _referral(engine, rules, "HAP-82", taken=False)
    served.dispatch(datetime.now(UTC) + timedelta(days=1))
    [intake] = eventually(lambda: [m for m in in_channel(slack, "C0INTAKE1") if case_ref in m.text])
    labels = [
        e["text"]["text"]
        for b in intake.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    ]
    assert labels == ["Ik pak hem op", "Afwijzen…"]

    click(served, intake, "Afwijzen…", user="U0ANNA")  # Anna is no coordinator
    [refused] = eventually(lambda: slack.responses)
    assert refused["text"].startswith(f"Dit mag niet voor {case_ref}")
    assert slack.views == []

    click(served, intake, "Afwijzen…", user="U0BRAM")
    [view] = eventually(lambda: slack.views)
    assert view["callback_id"] == "decline_referral"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    reasons = [o["value"] for o in blocks["reason"]["element"]["options"]]
    assert reasons == [
        "not_our_service",
        "outside_area",
        "already_in_care",
        "needs_consent",
        "other",
    ]
    assert blocks["place"]["optional"] is True
    before = len(_outbox(engine, person_id="dr-bakker"))

    refused_form = _submit(served, view, {"place": _option("kompas")}, user="U0BRAM")
    assert refused_form["errors"] == {"reason": "Kies…"}
    done = _submit(
        served,
        view,
        {"reason": _option("not_our_service"), "place": _option("kompas")},
        user="U0BRAM",
    )
    assert done["response_action"] == "update"
    assert done["view"]["blocks"][0]["text"]["text"].startswith(
        f"{case_ref}: wij nemen deze verwijzing niet aan"
    )
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, referral_id)
        assert referral is not None
        assert (referral.status, referral.decline_reason, referral.redirect_to) == (
            "declined",
            "not_our_service",
            "kompas",
        )
    # the intake message shows it, without the buttons: nobody takes it any more
    assert eventually(lambda: _current(slack, intake).text == f"{case_ref} is niet aangenomen.")
    assert not [b for b in _current(slack, intake).blocks if b["type"] == "actions"]
    # one message, with the reason and where to go; no "contact person" named twice
    [told] = _outbox(engine, person_id="dr-bakker")[before:]
    assert told.message_key == "referrer.next_step_reason"
    body = text(told.message_key, **told.params)
    assert "Zorgaanbieder Kompas" in body and "past beter bij een andere plek" in body
    assert "Contactpersoon" not in body

    # the form once more: the referral has ended, said in the modal
    again = _submit(served, view, {"reason": _option("other")}, user="U0BRAM")
    assert again["errors"] == {"reason": text("error.referral_ended", case_ref=case_ref)}
