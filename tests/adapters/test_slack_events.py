"""POST /slack/events over real HTTP: signatures, idempotency, commands, events, App Home."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.wiring import build
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt, Referral
from store.schema.directory import Absence, Person
from store.schema.idempotency import InboundKey
from store.uow import UnitOfWork
from tests.adapters.slack_inbound import (
    Served,
    event,
    eventually,
    form,
    interactive,
    payload,
    serve,
    settings_for,
    signed_headers,
)
from tests.fakes.slack_server import FakeSlack
from tests.world import make_world


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack.running() as fake:
        fake.add_user("U0ANNA", email="anna@jt-noord.example", name="Anna de Vries")
        fake.add_user("U0BRAM", email="bram@jt-noord.example", name="Bram Jansen")
        fake.add_user("U0CARLA", email="carla@jt-noord.example", name="Carla Mulder")
        yield fake


@pytest.fixture
def served(engine: Engine, rules: Rules, slack: FakeSlack) -> Iterator[Served]:
    make_world(engine, rules)
    with serve(engine, slack) as app:
        yield app


def stored(engine: Engine) -> dict[str, int]:
    """Rows an inbound request could have written."""
    with UnitOfWork(engine) as uow:
        count = lambda table: uow.session.exec(select(func.count()).select_from(table)).one()  # noqa: E731
        return {
            "inbound": count(InboundKey),
            "audit": count(AuditEntry),
            "referrals": count(Referral),
            "absences": count(Absence),
        }


# -- signatures ---------------------------------------------------------------------------

NOW = int(time.time())


def _tampered(body: bytes) -> dict[str, str]:
    headers = signed_headers(body)
    return {**headers, "X-Slack-Signature": headers["X-Slack-Signature"][:-4] + "0000"}


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("no signature", lambda body: {}),
        ("bad signature", _tampered),
        ("other secret", lambda body: signed_headers(body, secret="not-our-secret")),
        ("stale timestamp", lambda body: signed_headers(body, timestamp=int(time.time()) - 301)),
        ("future timestamp", lambda body: signed_headers(body, timestamp=int(time.time()) + 360)),
        (
            "missing timestamp",
            lambda body: {"X-Slack-Signature": signed_headers(body)["X-Slack-Signature"]},
        ),
        ("non-integer timestamp", lambda body: signed_headers(body, timestamp="1776848400.5")),
        ("word as timestamp", lambda body: signed_headers(body, timestamp="gisteren")),
        ("empty timestamp", lambda body: {**signed_headers(body), "X-Slack-Request-Timestamp": ""}),
    ],
)
def test_a_request_slack_did_not_sign_is_refused_with_401_and_changes_nothing(
    served: Served, engine: Engine, case: str, headers: object
) -> None:
    body, content_type = form(
        {**payload("command_verwijzing"), "command": "/afwezig", "text": "morgen"}
    )
    before = stored(engine)
    response = served.post(body, content_type, headers=headers(body), sign=False)  # type: ignore[operator]
    assert response.status_code == 401, case
    time.sleep(0.3)  # would-be background work has had its chance
    assert stored(engine) == before
    assert served.slack.calls() == []
    assert served.slack.responses == []


def test_a_signature_just_inside_five_minutes_is_accepted(served: Served) -> None:
    body, content_type = event(payload("url_verification"))
    for skew in (-290, 290):
        headers = signed_headers(body, timestamp=int(time.time()) + skew)
        response = served.post(body, content_type, headers=headers, sign=False)
        assert response.status_code == 200


def test_url_verification_answers_the_challenge(served: Served) -> None:
    response = served.post(*event(payload("url_verification")))
    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2, 3]", "application/json"),
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        (b"no-equals-sign", "application/x-www-form-urlencoded"),
        (b"<xml/>", "text/xml"),
    ],
)
def test_a_signed_but_malformed_body_is_a_400_and_changes_nothing(
    served: Served, engine: Engine, body: bytes, content_type: str
) -> None:
    before = stored(engine)
    response = served.post(body, content_type)
    assert response.status_code == 400
    time.sleep(0.2)
    assert stored(engine) == before


def test_without_a_signing_secret_the_endpoint_says_slack_is_not_configured(
    engine: Engine, slack: FakeSlack
) -> None:
    from fastapi.testclient import TestClient

    settings = settings_for(slack).model_copy(update={"slack_signing_secret": None})
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as client:
        response = client.post("/slack/events", content=b"{}")
    assert response.status_code == 503
    assert "SLACK_SIGNING_SECRET" in response.json()["detail"]


# -- who are you --------------------------------------------------------------------------


def test_an_unknown_slack_user_gets_a_polite_dutch_refusal_and_the_attempt_is_audited(
    served: Served, engine: Engine
) -> None:
    response = served.command("/wie", "Huisartsenpraktijk Noord", user="U0STRANGER")
    assert response.status_code == 200
    [reply] = eventually(lambda: served.slack.responses)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].startswith("Je bent niet bekend bij terugkoppel.")
    with UnitOfWork(engine) as uow:
        [entry] = [a for a in uow.audit.all() if a.event == "refused"]
    assert entry.actor == "slack:T0FAKE:U0STRANGER"
    assert entry.basis == "command:/wie" and entry.channel == "slack"


def test_a_directory_person_without_slack_id_is_recognised_by_email_and_linked(
    served: Served, engine: Engine
) -> None:
    """Bram is in the directory with his e-mail address only; Slack knows the same address."""
    served.command("/wie", "hap-noord", user="U0BRAM")
    [reply] = eventually(lambda: served.slack.responses)
    assert "Anna de Vries" in reply["text"]
    with UnitOfWork(engine) as uow:
        bram = uow.directory.person(id="bram")
        assert bram is not None and bram.slack_id == "U0BRAM"


# -- commands -----------------------------------------------------------------------------


def test_wie_answers_the_contact_person_and_backup_ephemerally(served: Served) -> None:
    response = served.command("/wie", "Huisartsenpraktijk Noord")
    assert response.status_code == 200 and response.text == ""
    [reply] = eventually(lambda: served.slack.responses)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].splitlines() == [
        "Vaste contactpersonen voor Huisartsenpraktijk Noord:",
        "Jeugdteam Noord: Anna de Vries (vervanger: Carla Mulder). "
        "Vandaag bereikbaar: Anna de Vries.",
        "Sociaal team Zuid: Dewi Pranoto (vervanger: Emre Yilmaz). "
        "Vandaag bereikbaar: Dewi Pranoto.",
    ]


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("", "Gebruik: /wie &lt;organisatie&gt;"),  # mrkdwn-escaped, as Slack needs
        ("Bakkerij", "Geen organisatie gevonden voor 'Bakkerij'."),
        ("o", "Meerdere organisaties passen bij 'o'"),
    ],
)
def test_wie_explains_what_it_needs(served: Served, text: str, opening: str) -> None:
    served.command("/wie", text)
    [reply] = eventually(lambda: served.slack.responses)
    assert reply["text"].startswith(opening)


def test_afwezig_records_the_absence_and_the_backup_is_told(served: Served, engine: Engine) -> None:
    rules = served.container.rules
    today = rules.today(datetime.now(UTC))
    start, end = today + timedelta(days=1), today + timedelta(days=3)
    served.command("/afwezig", f"{start:%d-%m} tot {end:%d-%m-%Y}")
    [reply] = eventually(lambda: served.slack.responses)
    assert reply["text"] == (
        f"Genoteerd: je bent afwezig van {start:%d-%m-%Y} tot en met {end:%d-%m-%Y}. "
        "Je vervanger en je partners horen wie ze in die tijd kunnen bellen."
    )
    with UnitOfWork(engine) as uow:
        [absence] = uow.session.exec(select(Absence)).all()
    assert (absence.person_id, absence.starts_on, absence.ends_on, absence.source) == (
        "anna",
        start,
        end,
        "slack",
    )


def test_afwezig_with_an_unreadable_date_records_nothing(served: Served, engine: Engine) -> None:
    served.command("/afwezig", "volgende week")
    [reply] = eventually(lambda: served.slack.responses)
    assert reply["text"].startswith("'volgende' is geen datum.")
    assert stored(engine)["absences"] == 0


def test_verwijzing_opens_the_modal_with_teams_referrers_and_consent(served: Served) -> None:
    served.command("/verwijzing")
    [view] = eventually(lambda: served.slack.views)
    assert view["callback_id"] == "referral"
    assert view["title"]["text"] == "Nieuwe verwijzing"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert [o["value"] for o in blocks["team"]["element"]["options"]] == ["jt-noord", "st-zuid"]
    assert "dr-bakker" in [o["value"] for o in blocks["referrer"]["element"]["options"]]
    assert [o["value"] for o in blocks["consent"]["element"]["options"]] == [
        "none",
        "status",
        "notes",
    ]
    meta = json.loads(view["private_metadata"])
    assert meta["response_url"].endswith("/_response/verwijzing")


def _many_referrers(engine: Engine, count: int) -> None:
    with UnitOfWork(engine) as uow:
        for i in range(count):
            uow.directory.add(
                Person(
                    id=f"docent-{i:03d}",
                    name=f"Docent {i:03d}",
                    organisation_id="obs-de-linde",
                    roles="referrer",
                )
            )
        uow.commit()


def test_a_long_referrer_list_is_searched_as_the_professional_types(
    served: Served, engine: Engine
) -> None:
    _many_referrers(engine, 120)
    served.command("/verwijzing")
    [view] = eventually(lambda: served.slack.views)
    element = {b.get("block_id"): b for b in view["blocks"]}["referrer"]["element"]
    assert element["type"] == "external_select"
    assert "options" not in element
    team = {b.get("block_id"): b for b in view["blocks"]}["team"]["element"]
    assert team["type"] == "static_select"  # two teams: listed in full

    def suggest(value: str, user: str = "U0ANNA") -> list[dict[str, object]]:
        body = payload("block_suggestion_referrer")
        body["value"] = value
        body["user"]["id"] = user
        response = served.post(*interactive(body))
        assert response.status_code == 200
        return list(response.json()["options"])

    [bakker] = suggest("bakker")
    assert bakker["value"] == "dr-bakker"
    assert bakker["text"]["text"].startswith("Dr. Bakker")
    # every typed word occurs somewhere in the label, in the list's order
    assert [o["value"] for o in suggest("DOCENT 11")] == ["docent-011"] + [
        f"docent-11{i}" for i in range(10)
    ]
    assert len(suggest("docent")) == 100  # Slack shows at most 100 options
    assert suggest("niemand-heet-zo") == []
    assert suggest("bakker", user="U0STRANGER") == []  # not in the directory: nothing to see


def test_a_referrer_on_slack_refers_for_themselves(served: Served) -> None:
    served.command("/verwijzing", user="U0SMITS")
    [view] = eventually(lambda: served.slack.views)
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert texts == ["Verwijzer: M. Smits (IB'er) (OBS De Linde)"]
    assert "referrer" not in {b.get("block_id") for b in view["blocks"]}


def test_a_referral_modal_with_personal_data_in_the_reference_is_sent_back(
    served: Served, engine: Engine
) -> None:
    submission = payload("view_submission_referral")
    submission["view"]["state"]["values"]["external_ref"]["external_ref"]["value"] = (
        "tel 0612345678"
    )
    response = served.post(*interactive(submission))
    assert response.status_code == 200
    assert response.json()["response_action"] == "errors"
    assert "dit lijkt een telefoonnummer" in response.json()["errors"]["external_ref"]
    time.sleep(0.2)
    assert stored(engine)["referrals"] == 0


# -- retries ------------------------------------------------------------------------------


def test_a_retried_event_changes_state_once(served: Served, engine: Engine) -> None:
    status = payload("event_user_change")
    first = served.post(*event(status))
    retry = served.post(
        *event(status), headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert first.status_code == retry.status_code == 200
    eventually(lambda: stored(engine)["absences"] == 1)
    time.sleep(0.3)
    assert stored(engine)["absences"] == 1
    with UnitOfWork(engine) as uow:
        assert uow.session.get(InboundKey, "slack:event:Ev0USER00001") is not None


def test_clearing_the_absence_status_ends_the_absence(served: Served, engine: Engine) -> None:
    away = payload("event_user_change")
    served.post(*event(away))
    eventually(lambda: stored(engine)["absences"] == 1)
    back = payload("event_user_change")
    back["event_id"] = "Ev0USER00002"
    back["event"]["user"]["profile"].update(status_emoji="", status_text="")
    served.post(*event(back))
    eventually(lambda: stored(engine)["absences"] == 0)


def test_a_repeated_click_changes_state_once(served: Served, engine: Engine) -> None:
    prompt_id = _prompt_for_anna(served)
    click = payload("block_actions_button")
    click["actions"][0].update(action_id="answer-9", value=f"{prompt_id}:not_yet")
    click["response_url"] = served.slack.response_url("click")
    for retry in ("0", "1"):
        assert (
            served.post(*interactive(click), headers={"X-Slack-Retry-Num": retry}).status_code
            == 200
        )
    eventually(lambda: _prompt_state(engine, prompt_id) == "snoozed")
    time.sleep(0.3)
    assert served.slack.responses == []  # no "Dit kan niet" for the repeat


def _prompt_for_anna(served: Served) -> int:
    uow = UnitOfWork(served.container.engine)
    now = datetime.now(UTC)
    referral = submit_referral(
        uow,
        served.container.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-1",
        consent=Consent.STATUS,
        now=now,
    )
    take_referral(
        UnitOfWork(served.container.engine),
        served.container.rules,
        referral_id=referral.id,
        by="anna",
        now=now,
    )
    with UnitOfWork(served.container.engine) as uow:
        [prompt] = uow.prompts.open_for(referral=referral.id, kind="feedback")
        return prompt.id or 0


def _prompt_state(engine: Engine, prompt_id: int) -> str:
    with UnitOfWork(engine) as uow:
        prompt = uow.session.get(Prompt, prompt_id)
        return prompt.state if prompt else ""


# -- App Home -----------------------------------------------------------------------------


def test_app_home_lists_my_open_questions_and_contact_assignments(served: Served) -> None:
    served.post(*event(payload("event_app_home_opened")))
    home = eventually(lambda: served.slack.home("U0ANNA"))
    texts = [b["text"]["text"] for b in home["blocks"] if b["type"] in ("header", "section")]
    assert texts[0] == "terugkoppel — Anna de Vries"
    assert "*Mijn openstaande vragen*" in texts
    assert "*Ik ben vaste contactpersoon voor*" in texts
    contacts = texts[texts.index("*Ik ben vaste contactpersoon voor*") + 1]
    assert "Huisartsenpraktijk Noord (Jeugdteam Noord): contactpersoon" in contacts
    assert "OBS De Linde (Jeugdteam Noord): vervanger" in contacts


def test_a_coordinators_app_home_also_shows_the_team(served: Served) -> None:
    opened = payload("event_app_home_opened")
    opened["event"]["user"] = "U0BRAM"
    served.post(*event(opened))
    home = eventually(lambda: served.slack.home("U0BRAM"))
    texts = [b["text"]["text"] for b in home["blocks"] if b["type"] == "section"]
    assert "*Jeugdteam Noord: verwijzingen over de norm*" in texts
    assert "*Jeugdteam Noord: open opschalingen*" in texts


def test_an_unknown_persons_app_home_says_how_to_get_registered(served: Served) -> None:
    opened = payload("event_app_home_opened")
    opened["event"]["user"] = "U0STRANGER"
    served.post(*event(opened))
    home = eventually(lambda: served.slack.home("U0STRANGER"))
    assert any("Vraag je coördinator" in json.dumps(b, ensure_ascii=False) for b in home["blocks"])


def test_app_home_links_the_overview_page_for_known_people_only(served: Served) -> None:
    served.post(*event(payload("event_app_home_opened")))
    home = eventually(lambda: served.slack.home("U0ANNA"))
    [links] = [b for b in home["blocks"] if b["type"] == "actions"]
    [button] = links["elements"]
    assert button["text"]["text"] == "Open het overzicht"
    assert button["url"] == "http://127.0.0.1:8000/overzicht"  # TERUGKOPPEL_PUBLIC_URL
    # Slack sends the click of a link button too: acknowledged, nothing else happens
    click = payload("block_actions_button")
    click["actions"][0].update(action_id="open_overview", value="", block_id="overview")
    before = len(served.slack.calls())
    assert served.post(*interactive(click)).status_code == 200
    assert served.slack.calls()[before:] == [] and served.slack.responses == []
    opened = payload("event_app_home_opened")
    opened["event"]["user"] = "U0STRANGER"
    served.post(*event(opened))
    stranger = eventually(lambda: served.slack.home("U0STRANGER"))
    assert not [b for b in stranger["blocks"] if b["type"] == "actions"]


def test_ack_comes_back_before_the_work(served: Served) -> None:
    """The HTTP answer does not wait for Slack calls: the fake answers views.open slowly."""
    served.slack.latency = 0.0
    started = time.perf_counter()
    response = served.command("/verwijzing")
    assert response.status_code == 200
    assert time.perf_counter() - started < 1.0
    eventually(lambda: served.slack.views)
