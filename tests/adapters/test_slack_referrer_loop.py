"""The referrer's own loop on the fake Slack: Anna types `/verwijzer <kenmerk> toestemming`,
the school's IB'er gets the request as a DM with "Geregeld", clicks it (the DM changes in
place), and Anna hears it; later the check-in's "Slechter" reaches Anna the same way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Answer, Consent
from bot.domain.rules import Rules
from reminders.scheduler import run_due_work
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import Served, eventually, serve
from tests.adapters.test_slack_loop import _current, click, in_channel
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def served(engine: Engine, rules: Rules) -> Iterator[Served]:
    make_world(engine, rules)
    with FakeSlack.running() as fake, serve(engine, fake) as app:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0SMITS", email="ib@obs-de-linde.example", name="M. Smits")
        yield app


def _taken_referral(engine: Engine, rules: Rules, now: datetime) -> tuple[int, str]:
    submitted = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="ib-smits",
        external_ref="DLS-12",
        consent=Consent.STATUS,
        now=now - timedelta(days=3),
    )
    take_referral(
        UnitOfWork(engine), rules, referral_id=submitted.id, by="anna", now=now - timedelta(days=3)
    )
    return submitted.id, submitted.case_ref


def test_verwijzer_command_geregeld_click_and_checkin(
    served: Served, engine: Engine, rules: Rules
) -> None:
    slack = served.slack
    now = datetime.now(UTC)
    referral_id, case_ref = _taken_referral(engine, rules, now)

    # Anna marks the referral as waiting for consent.
    assert served.command("/verwijzer", f"{case_ref.lower()} toestemming").status_code == 200
    [reply] = eventually(lambda: slack.responses)
    assert reply["text"].startswith(f"{case_ref} wacht nu op toestemming van M. Smits (IB'er).")

    # The IB'er gets the request in her DM at once, with one button.
    served.dispatch(now)
    [request] = eventually(
        lambda: [m for m in in_channel(slack, "D0SMITS") if m.text.startswith("Voor uw")]
    )
    assert request.text.startswith(f"Voor uw verwijzing {case_ref} (uw kenmerk: DLS-12)")
    assert [e["text"]["text"] for e in request.blocks[-1]["elements"]] == ["Geregeld"]

    # Anna cannot answer the referrer's question; the IB'er can, once.
    click(served, request, "Geregeld", user="U0ANNA")
    [refusal] = eventually(lambda: slack.responses[1:])
    assert refusal["text"].startswith(f"Dit mag niet voor {case_ref}")
    click(served, request, "Geregeld", user="U0SMITS")
    assert eventually(lambda: "Beantwoord door M. Smits" in _current(slack, request).text)
    assert _current(slack, request).text.startswith(
        f"Dank u. Genoteerd: toestemming voor {case_ref} is geregeld."
    )
    served.dispatch(now + timedelta(days=4))  # Anna hears it in office hours
    [settled] = eventually(
        lambda: [m for m in in_channel(slack, "D0ANNA") if "is geregeld" in m.text]
    )
    assert (
        settled.text
        == f"M. Smits (IB'er) (OBS De Linde) meldt bij {case_ref}: toestemming is geregeld."
    )

    # `/verwijzer … klaar` with nothing open says so, in a sentence.
    served.command("/verwijzer", f"{case_ref} klaar")
    [*_, nothing] = eventually(lambda: slack.responses[2:])
    assert nothing["text"] == f"{case_ref} wacht niet op de verwijzer."
    served.command("/verwijzer", "zomaar iets")
    [*_, usage] = eventually(lambda: slack.responses[3:])
    assert usage["text"].startswith("Typ: verwijzer &lt;kenmerk&gt;")  # escaped for Slack

    # Help starts; twenty working days later the check-in arrives with four buttons.
    with UnitOfWork(engine) as uow:
        [prompt] = uow.prompts.open_for(referral=referral_id, kind="feedback")
    answer_prompt(
        UnitOfWork(engine),
        rules,
        prompt_id=prompt.id or 0,
        answer=Answer.HELP_STARTED,
        by="anna",
        now=now,
    )
    run_due_work(engine, rules, now=now + timedelta(days=40))
    served.dispatch(now + timedelta(days=40))
    [checkin] = eventually(
        lambda: [m for m in in_channel(slack, "D0SMITS") if "Merkt u verschil?" in m.text]
    )
    labels = [e["text"]["text"] for e in checkin.blocks[-1]["elements"]]
    assert labels == ["Beter", "Hetzelfde", "Slechter", "Weet ik niet"]
    click(served, checkin, "Slechter", user="U0SMITS")
    assert eventually(lambda: "Beantwoord door M. Smits" in _current(slack, checkin).text)
    served.dispatch(now + timedelta(days=44))
    [answer] = eventually(
        lambda: [m for m in in_channel(slack, "D0ANNA") if "Merkt u verschil?" in m.text]
    )
    assert answer.text.endswith(": slechter.")
