"""Issue 20, point 6 and the lookup of point 7: the referrer withdraws a referral, adds
information (through the privacy guard) and asks the status, over REST and in the service;
a key finds its referrals by its own reference and never another organisation's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlmodel import select

from bot.app.apikeys import create_key
from bot.app.chat.referrer_acts import read_words
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent, PromptState
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.schema.audit import AuditEntry
from store.schema.cases import Prompt, Referral
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.world import local, make_world

NOW = local(2026, 4, 22, 9)


@pytest.fixture
def keys(engine: Engine, rules: Rules) -> dict[str, str]:
    make_world(engine, rules)
    return {
        "gp": create_key(UnitOfWork(engine), name="hap-noord", now=NOW, organisation="hap-noord"),
        "school": create_key(
            UnitOfWork(engine), name="obs-de-linde", now=NOW, organisation="obs-de-linde"
        ),
    }


@pytest.fixture
def client(engine: Engine, keys: dict[str, str]) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, api_keys=SecretStr(""))  # type: ignore[call-arg]
    app = create_app(build(settings, engine=engine), scheduler=False)
    with TestClient(app) as test_client:
        yield test_client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _taken(engine: Engine, rules: Rules, *, referrer: str, ref: str, consent: Consent) -> str:
    """A referral anna took; its public id."""
    done = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer=referrer,
        external_ref=ref,
        consent=consent,
        now=NOW,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=done.id, by="anna", now=NOW)
    return done.public_id


def _rows(engine: Engine, model: type, *where: object) -> list:  # type: ignore[type-arg]
    with UnitOfWork(engine) as uow:
        return list(uow.session.exec(select(model).where(*where)).all())  # type: ignore[call-overload]


def test_the_chat_words() -> None:
    assert read_words("status JT-NRD-2026-0001") is not None
    words = read_words("aanvullen DLS-1 De moeder belt liever na vieren")
    assert words is not None and words.verb == "add" and words.reference == "DLS-1"
    assert words.information == "De moeder belt liever na vieren"
    assert read_words("intrekken X").verb == "withdraw"  # type: ignore[union-attr]
    assert read_words("") is None and read_words("jt-noord") is None


def test_withdraw_over_rest_stops_prompts_and_tells_the_team(
    client: TestClient, engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    public_id = _taken(engine, rules, referrer="dr-bakker", ref="HAP-71", consent=Consent.NONE)
    answer = client.post(f"/api/v1/referrals/{public_id}/withdraw", headers=auth(keys["gp"]))
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "withdrawn" and answer.json()["phase"] == "ended"
    [referral] = _rows(engine, Referral, Referral.public_id == public_id)
    assert referral.status == "withdrawn" and referral.withdrawn_at is not None
    prompts = _rows(engine, Prompt, Prompt.referral_id == referral.id, Prompt.kind == "feedback")
    assert prompts and all(p.state == PromptState.CANCELLED for p in prompts)
    assert all(p.closed_at is not None for p in prompts)
    told = _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.withdrawn")
    assert [m.person_id for m in told] == ["anna"]
    to_referrer = _rows(engine, OutboxMessage, OutboxMessage.message_key == "referrer.withdrawn")
    assert [m.person_id for m in to_referrer] == ["dr-bakker"]
    # again: 200, nothing changes
    again = client.post(f"/api/v1/referrals/{public_id}/withdraw", headers=auth(keys["gp"]))
    assert again.status_code == 200 and again.json()["status"] == "withdrawn"
    assert (
        len(_rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.withdrawn")) == 1
    )
    events = [
        a.event
        for a in _rows(engine, AuditEntry, AuditEntry.case_ref == referral_case(engine, referral))
    ]
    assert "withdrawn" in events and "disclosed" in events


def referral_case(engine: Engine, referral: Referral) -> str:
    with UnitOfWork(engine) as uow:
        case = uow.cases.get(id=referral.case_id)
        assert case is not None
        return case.ref


def test_another_organisation_cannot_withdraw_or_add(
    client: TestClient, engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    public_id = _taken(engine, rules, referrer="dr-bakker", ref="HAP-72", consent=Consent.STATUS)
    school = auth(keys["school"])
    assert client.post(f"/api/v1/referrals/{public_id}/withdraw", headers=school).status_code == 404
    added = client.post(
        f"/api/v1/referrals/{public_id}/information", headers=school, json={"text": "Graag bellen."}
    )
    assert added.status_code == 404
    [referral] = _rows(engine, Referral, Referral.public_id == public_id)
    assert referral.status == "assigned"
    refused = _rows(engine, AuditEntry, AuditEntry.event == "refused")
    assert {a.basis for a in refused} >= {
        "api:withdraw:other_organisation",
        "api:information:other_organisation",
    }


def test_information_passes_the_privacy_guard_and_reaches_the_professional(
    client: TestClient, engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    public_id = _taken(engine, rules, referrer="dr-bakker", ref="HAP-73", consent=Consent.STATUS)
    gp = auth(keys["gp"])
    refused = client.post(
        f"/api/v1/referrals/{public_id}/information",
        headers=gp,
        json={"text": "Bel moeder op 06-12345678."},
    )
    assert refused.status_code == 422
    assert "telefoonnummer" in refused.json()["detail"]
    assert not _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.information")
    sent = client.post(
        f"/api/v1/referrals/{public_id}/information",
        headers=gp,
        json={"text": "Het gezin is liever na vieren bereikbaar."},
    )
    assert sent.status_code == 200, sent.text
    [told] = _rows(engine, OutboxMessage, OutboxMessage.message_key == "acts.team.information")
    assert told.person_id == "anna"
    assert told.params["information"] == "Het gezin is liever na vieren bereikbaar."


def test_lookup_by_external_ref_is_scoped_to_the_keys_organisation(
    client: TestClient, engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    ours = _taken(engine, rules, referrer="dr-bakker", ref="SHARED-1", consent=Consent.STATUS)
    theirs = _taken(engine, rules, referrer="ib-smits", ref="SHARED-1", consent=Consent.STATUS)
    found = client.get(
        "/api/v1/referrals", params={"external_ref": "SHARED-1"}, headers=auth(keys["gp"])
    )
    assert found.status_code == 200, found.text
    assert [item["id"] for item in found.json()["items"]] == [ours]
    assert found.json()["items"][0]["status"] == "assigned"
    school = client.get(
        "/api/v1/referrals", params={"external_ref": "SHARED-1"}, headers=auth(keys["school"])
    )
    assert [item["id"] for item in school.json()["items"]] == [theirs]
    none = client.get(
        "/api/v1/referrals", params={"external_ref": "OTHER-9"}, headers=auth(keys["gp"])
    )
    assert none.json() == {"items": []}
    bad = client.get("/api/v1/referrals", params={"external_ref": "a b"}, headers=auth(keys["gp"]))
    assert bad.status_code == 422


def test_status_without_consent_tells_only_the_phase(
    client: TestClient, engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    public_id = _taken(engine, rules, referrer="dr-bakker", ref="HAP-74", consent=Consent.NONE)
    view = client.get(f"/api/v1/referrals/{public_id}", headers=auth(keys["gp"])).json()
    assert (view["status"] is None and view["phase"] == "received") or view["status"] == "received"
    assert view["contact"] is None


def test_a_referral_withdrawn_before_feedback_was_due_does_not_count_against_the_norm(
    engine: Engine, rules: Rules, keys: dict[str, str]
) -> None:
    from datetime import timedelta

    from bot.app.cases import load_referral
    from bot.app.referrals.referrer_acts import withdraw

    ids = []
    for ref in ("HAP-81", "HAP-82"):
        done = submit_referral(
            UnitOfWork(engine),
            rules,
            team="jt-noord",
            referrer="dr-bakker",
            external_ref=ref,
            consent=Consent.STATUS,
            now=NOW,
        )
        ids.append(done.id)
    with UnitOfWork(engine) as uow:
        referral, case = load_referral(uow, ids[0], lock=True)
        withdraw(uow, rules, referral, case, by="dr-bakker", channel="test", now=NOW)
        uow.commit()
    later = NOW + timedelta(days=30)
    with UnitOfWork(engine) as uow:
        counts = uow.reports.within_norm(
            team="jt-noord", start=NOW - timedelta(days=1), end=later, norm=5, as_of=later
        )
    # only HAP-82 is measured (and late); the withdrawn one is not the team's delay
    assert (counts.within, counts.measured) == (0, 1)
