"""Issue 20 on the command line and over REST: `handover start|accept|decline`,
`referral decline|lead`, and the same as /api/v1/referrals/{id}/… routes; bad input is a
plain Dutch sentence (exit 2, or a 4xx), never a traceback, and nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine

from bot.app.apikeys import create_key
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from store.db import make_engine, upgrade
from store.uow import UnitOfWork
from tests.bot.test_cli import no_traceback, run
from tests.world import World, local, make_world

NOW = local(2026, 4, 21, 9)


def referral(world: World, ref: str) -> tuple[str, str]:
    """A referral to Jeugdteam Noord taken by Anna: (case reference, public id)."""
    made = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref=ref,
        consent=Consent.STATUS,
        now=NOW,
    )
    take_referral(world.uow(), world.rules, referral_id=made.id, by="anna", now=NOW)
    return made.case_ref, made.public_id


def test_handover_and_referral_verbs_on_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'handover.db'}"
    engine = make_engine(url)
    upgrade(engine)
    world = make_world(engine, Rules())
    first, _ = referral(world, "HAP-1")
    second, _ = referral(world, "HAP-2")
    engine.dispose()
    env = {"TERUGKOPPEL_DATABASE_URL": url}

    started = run(
        [
            "handover",
            "start",
            first,
            "--to",
            "st-zuid",
            "--warm",
            "--by",
            "anna",
            "--meeting",
            "2030-12-10T10:00",
        ],
        tmp_path,
        **env,
    )
    assert started.returncode == 0, started.stderr
    assert f"Overdracht van {first} aan Sociaal team Zuid gevraagd" in started.stdout
    no_reason = run(["handover", "decline", first, "--by", "dewi"], tmp_path, **env)
    assert no_reason.returncode == 2 and "Kies een reden" in no_reason.stderr
    no_traceback(no_reason)
    declined = run(
        ["handover", "decline", first, "--by", "dewi", "--reason", "no_capacity"], tmp_path, **env
    )
    assert declined.returncode == 0, declined.stderr
    assert "overdracht geweigerd" in declined.stdout
    again = run(["handover", "accept", first, "--by", "dewi"], tmp_path, **env)
    assert again.returncode == 2 and f"Voor {first} loopt geen overdracht" in again.stderr
    run(["handover", "start", first, "--to", "st-zuid", "--by", "anna"], tmp_path, **env)
    accepted = run(["handover", "accept", first, "--by", "dewi"], tmp_path, **env)
    assert accepted.returncode == 0 and "overdracht geaccepteerd" in accepted.stdout
    nowhere = run(["handover", "start", second, "--to", "nergens", "--by", "anna"], tmp_path, **env)
    assert nowhere.returncode == 2 and "geen team of organisatie 'nergens'" in nowhere.stderr
    no_traceback(nowhere)

    lead = run(["referral", "lead", second, "carla", "--by", "bram"], tmp_path, **env)
    assert lead.returncode == 0 and "Carla Mulder is nu de regisseur" in lead.stdout
    same = run(["referral", "lead", second, "carla"], tmp_path, **env)
    assert same.returncode == 0 and "was al de regisseur" in same.stdout
    bad = run(
        ["referral", "decline", second, "--by", "bram", "--reason", "geen-idee"], tmp_path, **env
    )
    assert (
        bad.returncode == 2 and "ander_aanbod" in bad.stderr
    )  # the Dutch word for not_our_service
    done = run(
        [
            "referral",
            "decline",
            second,
            "--by",
            "bram",
            "--reason",
            "not_our_service",
            "--suggest",
            "kompas",
        ],
        tmp_path,
        **env,
    )
    assert done.returncode == 0, done.stderr
    assert "nemen deze verwijzing niet aan" in done.stdout

    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        declined_row = uow.loop.referral_of_case(case_id=uow.cases.by_ref(ref=second).id or 0)  # type: ignore[union-attr]
        assert declined_row is not None and declined_row.redirect_to == "kompas"
        moved = uow.loop.referral_of_case(case_id=uow.cases.by_ref(ref=first).id or 0)  # type: ignore[union-attr]
        assert moved is not None and (moved.intake_team_id, moved.team_id) == (
            "jt-noord",
            "st-zuid",
        )
    engine.dispose()


@pytest.fixture
def api(engine: Engine, rules: Rules) -> Iterator[tuple[TestClient, World, dict[str, str]]]:
    world = make_world(engine, rules)
    keys = {
        "team": create_key(UnitOfWork(engine), name="jeugdteam-systeem", now=NOW),
        "gp": create_key(UnitOfWork(engine), name="hap-noord", now=NOW, organisation="hap-noord"),
    }
    settings = Settings(_env_file=None, api_keys=SecretStr("x:unused-key-0001"))  # type: ignore[call-arg]
    with TestClient(create_app(build(settings, engine=engine), scheduler=False)) as client:
        yield client, world, keys


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_handover_decline_and_lead_over_rest(
    api: tuple[TestClient, World, dict[str, str]],
) -> None:
    client, world, keys = api
    case_ref, public_id = referral(world, "HAP-3")
    base = f"/api/v1/referrals/{public_id}"
    team = bearer(keys["team"])

    refused = client.post(
        f"{base}/handover", json={"to": "st-zuid", "by": "anna"}, headers=bearer(keys["gp"])
    )
    assert refused.status_code == 403  # a referrer's key acts for no team
    started = client.post(
        f"{base}/handover",
        json={
            "to": "st-zuid",
            "by": "anna",
            "warm": True,
            "meeting_at": "2030-12-10T10:00:00+01:00",
        },
        headers=team,
    )
    assert started.status_code == 201, started.text
    assert started.json()["case_ref"] == case_ref
    twice = client.post(f"{base}/handover", json={"to": "kompas", "by": "anna"}, headers=team)
    assert twice.status_code == 409 and "loopt al een overdracht" in twice.json()["detail"]
    no_reason = client.post(f"{base}/handover/decline", json={"by": "dewi"}, headers=team)
    assert no_reason.status_code == 422 and "Kies een reden" in no_reason.json()["detail"]
    not_theirs = client.post(f"{base}/handover/accept", json={"by": "carla"}, headers=team)
    assert not_theirs.status_code == 403
    declined = client.post(
        f"{base}/handover/decline", json={"by": "dewi", "reason": "outside_area"}, headers=team
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"

    lead = client.put(f"{base}/lead", json={"person": "carla", "by": "anna"}, headers=team)
    assert lead.status_code == 200 and "Carla Mulder" in lead.json()["detail"]
    unknown = client.put(f"{base}/lead", json={"person": "niemand", "by": "anna"}, headers=team)
    assert unknown.status_code == 422

    bad = client.post(f"{base}/decline", json={"by": "bram", "reason": "zomaar"}, headers=team)
    assert bad.status_code == 422
    done = client.post(
        f"{base}/decline",
        json={"by": "bram", "reason": "outside_area", "suggest": "st-zuid"},
        headers=team,
    )
    assert done.status_code == 200, done.text
    ended = client.post(f"{base}/handover", json={"to": "st-zuid", "by": "anna"}, headers=team)
    assert ended.status_code == 409
    missing = client.post(
        "/api/v1/referrals/nope/decline", json={"by": "bram", "reason": "other"}, headers=team
    )
    assert missing.status_code == 404
    with world.uow() as uow:
        refusals = [a for a in uow.audit.all() if a.event == "refused"]
    assert any(a.actor == "api:hap-noord" for a in refusals)
    assert any(a.actor == "carla" for a in refusals)
