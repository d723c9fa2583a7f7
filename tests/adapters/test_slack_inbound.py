"""The pure half of Slack inbound: recorded payloads in, our commands out."""

from __future__ import annotations

from datetime import date

import pytest
from slack_sdk.signature import Clock, SignatureVerifier

from adapters.slack.endpoint import malformed, rejection
from adapters.slack.inbound import (
    click_from_block_action,
    inbound_key,
    referral_form,
    status_change,
)
from bot.app.chat.intents import NotUnderstood, absence_period, prompt_answer
from bot.domain.model import Answer, Consent
from tests.adapters.slack_inbound import SECRET, payload, signed_headers

TODAY = date(2026, 11, 23)  # a Monday


def test_a_button_click_names_the_action_its_value_and_the_message() -> None:
    click = click_from_block_action(payload("block_actions_button"))
    assert (click.name, click.value) == ("answer", "1:contact_made")  # "answer-1" → answer
    assert (click.channel, click.message_ts) == ("D0ANNA", "1776848400.000100")
    assert prompt_answer(click.value) == (1, Answer.CONTACT_MADE)


def test_the_people_picker_carries_the_referral_in_its_action_id() -> None:
    click = click_from_block_action(payload("block_actions_users_select"))
    assert (click.name, click.value, click.selected_user) == ("assign", "1", "U0CARLA")


def test_inbound_keys_repeat_for_a_retry_and_differ_per_request() -> None:
    assert inbound_key(payload("event_user_change")) == "slack:event:Ev0USER00001"
    assert inbound_key(payload("block_actions_button")) == (
        "slack:action:T0FAKE:U0ANNA:1776848460.123456"
    )
    assert inbound_key(payload("view_submission_referral")) == (
        "slack:view:V00000001:1776848480.Hq7wZbL2"
    )
    assert inbound_key(payload("url_verification")) is None


def test_the_referral_form_reads_the_modal_state() -> None:
    form, problems = referral_form(payload("view_submission_referral")["view"])
    assert problems == {}
    assert form is not None
    assert (form.team, form.referrer, form.external_ref, form.consent, form.urgent) == (
        "jt-noord",
        "dr-bakker",
        "HAP-7781",
        Consent.STATUS,
        False,
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("morgen", (date(2026, 11, 24), date(2026, 11, 24))),
        ("24-11 27-11", (date(2026, 11, 24), date(2026, 11, 27))),
        ("van 24-11-2026 t/m 27-11-2026", (date(2026, 11, 24), date(2026, 11, 27))),
        ("2026-12-28 tot 3-1", (date(2026, 12, 28), date(2027, 1, 3))),
        ("vandaag", (TODAY, TODAY)),
    ],
)
def test_absence_periods_people_type(text: str, period: tuple[date, date]) -> None:
    assert absence_period(text, TODAY) == period


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "slack.afwezig_usage"),
        ("volgende week", "slack.afwezig_bad_date"),
        ("31-02", "slack.afwezig_bad_date"),
        ("01-11-2026 02-11-2026", "slack.afwezig_past"),
        ("24-11 24-06-2027", "slack.afwezig_too_long"),
    ],
)
def test_absence_text_that_cannot_be_used_is_explained(text: str, key: str) -> None:
    with pytest.raises(NotUnderstood) as raised:
        absence_period(text, TODAY)
    assert raised.value.key == key


def test_a_status_emoji_means_away_until_the_status_expires() -> None:
    event = payload("event_user_change")["event"]
    emoji = frozenset({":palm_tree:"})
    change = status_change(event, emoji=emoji, today=TODAY, timezone="Europe/Amsterdam")
    assert change is not None and change.away_until == TODAY
    event["user"]["profile"]["status_expiration"] = 1764543600  # 2025-12-01 00:00 Amsterdam
    change = status_change(
        event, emoji=emoji, today=date(2025, 11, 24), timezone="Europe/Amsterdam"
    )
    assert change is not None and change.away_until == date(2025, 11, 30)
    event["user"]["profile"]["status_emoji"] = ":coffee:"
    change = status_change(event, emoji=emoji, today=TODAY, timezone="Europe/Amsterdam")
    assert change is not None and change.away_until is None


class _At(Clock):
    def now(self) -> float:
        return 1_800_000_000.0


def test_rejection_and_malformed_bodies() -> None:
    verifier = SignatureVerifier(SECRET, clock=_At())
    body = b"token=x&command=%2Fwie"
    headers = {k.lower(): v for k, v in signed_headers(body, timestamp=1_800_000_000).items()}
    assert rejection(headers, body, verifier, now=1_800_000_000) is None
    assert rejection(headers, body, verifier, now=1_800_000_301) is not None
    assert rejection(headers, body + b"&x=1", verifier, now=1_800_000_000) is not None
    assert malformed("application/x-www-form-urlencoded", body) is None
    assert malformed("application/json", b"{]") is not None
