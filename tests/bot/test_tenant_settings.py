"""Per-municipality settings (issue 22, point 3): each tenant's norms, office hours,
retention and mail sender over the installation's; two municipalities with different norms
promise different "uiterlijk op" dates and are reminded at different times; the regional
digest sums tenant by tenant and suppresses small numbers; metrics carry the tenant."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta
from functools import partial

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from adapters.fake import FakeAdapter
from bot.app.apikeys import create_key
from bot.app.data import Data
from bot.app.digest import regional
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.tenant_rules import TenantRules, TenantSettings, rules_for
from bot.app.tenants import TenantProblem, list_tenants, set_tenant_settings, tenant_scope
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.domain.tenant_settings import BadTenantSetting, checked, rules_with
from bot.main.asgi import create_app
from bot.main.settings import Settings
from bot.main.wiring import build
from reminders.delivery.dispatcher import Dispatcher
from reminders.scheduler import run_tick
from store.tenancy import TENANT_ID
from store.uow import UnitOfWork
from tests.digest_data import referral
from tests.tenant_world import OTHER, PREFIX, make_two
from tests.world import local

NOW = local(2026, 4, 22, 9)  # a Wednesday


def tenant_rules(engine: Engine) -> TenantRules:
    return TenantRules(TenantSettings(partial(UnitOfWork, engine), Rules()))


def test_a_municipality_s_settings_go_over_the_installation_s() -> None:
    base = Rules()
    own = rules_with(base, {"feedback_norm": 2, "office_hours": "07:00-15:30", "stale": 9})
    assert (own.feedback_norm, own.stale, own.help_start) == (2, 9, base.help_start)
    assert (own.calendar.office_start, own.calendar.office_end) == (time(7), time(15, 30))
    # a value edited by hand into something no setting takes: the installation's holds
    assert rules_with(base, {"feedback_norm": 0, "office_hours": "17:00-08:00"}) == base
    assert rules_with(base, {}) is base


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("feedback_norm", 0),
        ("feedback_norm", 61),
        ("feedback_norm", "5"),
        ("retention_days", 10),
        ("office_hours", "17:00-08:30"),
        ("office_hours", "8:30-17"),
        ("mail_from", "geen adres"),
        ("kleur", "blauw"),
    ],
)
def test_a_value_no_setting_takes_is_refused(key: str, value: object) -> None:
    with pytest.raises(BadTenantSetting):
        checked(key, value)


def test_settings_are_stored_shown_and_reset(engine: Engine) -> None:
    make_two(engine)
    set_tenant_settings(
        UnitOfWork(engine),
        OTHER,
        {"feedback_norm": 3, "office_hours": "08:00-16:00", "mail_from": "jeugd@rivierdal.nl"},
    )
    shown = {t.id: dict(t.settings) for t in list_tenants(UnitOfWork(engine))}
    assert shown[OTHER] == {
        "feedback_norm": 3,
        "office_hours": "08:00-16:00",
        "mail_from": "jeugd@rivierdal.nl",
    }
    set_tenant_settings(UnitOfWork(engine), OTHER, {"office_hours": None})
    shown = {t.id: dict(t.settings) for t in list_tenants(UnitOfWork(engine))}
    assert "office_hours" not in shown[OTHER]
    with pytest.raises(TenantProblem) as refused:
        set_tenant_settings(UnitOfWork(engine), OTHER, {"feedback_norm": 99})
    assert refused.value.key == "tenant.bad_setting"
    with pytest.raises(TenantProblem):
        set_tenant_settings(UnitOfWork(engine), "nergens", {"feedback_norm": 3})


def test_the_rules_follow_the_tenant_being_worked_for(engine: Engine) -> None:
    make_two(engine)
    set_tenant_settings(UnitOfWork(engine), OTHER, {"feedback_norm": 2})
    rules = tenant_rules(engine)
    assert rules.feedback_norm == 5  # default: the installation's
    with tenant_scope(OTHER):
        assert rules.feedback_norm == 2
        assert rules.norms(None).feedback == 2
    assert rules_for(rules, OTHER).feedback_norm == 2
    assert type(rules_for(rules, OTHER)) is Rules


def test_two_municipalities_promise_different_dates_over_rest(engine: Engine) -> None:
    make_two(engine)
    set_tenant_settings(UnitOfWork(engine), OTHER, {"feedback_norm": 2})
    here = create_key(UnitOfWork(engine), name="hap-oost", now=NOW)
    with tenant_scope(OTHER):
        there = create_key(UnitOfWork(engine), name="hap-rivier", now=NOW)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    container = build(settings, engine=engine, adapters={})
    promised = {}
    with TestClient(create_app(container, scheduler=False)) as client:
        for tenant, key, prefix in (("default", here, ""), (OTHER, there, PREFIX)):
            made = client.post(
                "/api/v1/referrals",
                json={
                    "team": f"{prefix}jt-noord",
                    "referrer": f"{prefix}dr-bakker",
                    "external_ref": "HAP-1",
                    "consent": "status",
                },
                headers={"Authorization": f"Bearer {key}"},
            )
            assert made.status_code == 201, made.text
            got = client.get(
                f"/api/v1/referrals/{made.json()['id']}",
                headers={"Authorization": f"Bearer {key}"},
            )
            promised[tenant] = got.json()["expected_by"]
    assert promised["default"] != promised[OTHER]
    assert promised[OTHER] < promised["default"]


def feedback_prompts_sent(engine: Engine, tenant: str) -> int:
    with UnitOfWork(engine, tenant=tenant) as uow:
        return sum(1 for row in uow.outbox.all() if row.message_key.startswith("prompt.feedback"))


def test_two_municipalities_are_reminded_at_different_times(engine: Engine) -> None:
    make_two(engine)
    set_tenant_settings(UnitOfWork(engine), OTHER, {"prompt_after": 1})
    rules = tenant_rules(engine)
    for tenant, prefix in (("default", ""), (OTHER, PREFIX)):
        with tenant_scope(tenant):
            made = submit_referral(
                UnitOfWork(engine),
                rules,
                team=f"{prefix}jt-noord",
                referrer=f"{prefix}dr-bakker",
                external_ref="HAP-1",
                consent=Consent.STATUS,
                now=NOW,
            )
            take_referral(
                UnitOfWork(engine), rules, referral_id=made.id, by=f"{prefix}anna", now=NOW
            )
    dispatcher = Dispatcher(engine, rules, {}, console=FakeAdapter())
    thursday = NOW + timedelta(days=1, hours=1)
    asyncio.run(run_tick(engine, rules, dispatcher, now=thursday))
    assert feedback_prompts_sent(engine, OTHER) == 1
    assert feedback_prompts_sent(engine, "default") == 0
    asyncio.run(run_tick(engine, rules, dispatcher, now=thursday + timedelta(days=1)))
    assert feedback_prompts_sent(engine, "default") == 1


def test_the_regional_digest_sums_tenant_by_tenant_and_hides_small_numbers(
    engine: Engine,
) -> None:
    make_two(engine)
    monday = local(2026, 4, 13, 10)
    for day in range(7):
        referral(engine, team="jt-noord", referrer="dr-bakker", received=monday + timedelta(day))
    with tenant_scope(OTHER):
        for day in range(3):
            referral(
                engine,
                team=f"{PREFIX}jt-noord",
                referrer=f"{PREFIX}dr-bakker",
                received=monday + timedelta(day),
            )
    tenants = list_tenants(UnitOfWork(engine))
    figures = regional.compute(
        Data(engine).uow,
        tenant_rules(engine),
        tenants=tenants,
        monday=monday.date(),
        now=NOW,
    )
    assert {m.tenant: m.new for m in figures.municipalities} == {"default": 7, OTHER: 3}
    assert figures.total("new") == 10
    rows = regional.shown(figures)
    # Rivierdal's 3 is hidden; Oosterwaard's 7 too, or the total would give the 3 away
    assert [row[1] for row in rows] == ["≥5", "<5", "10"]
    page = regional.as_text(figures, "nl")
    assert page.splitlines()[0] == "Regionaal overzicht, week 2026-W16"
    assert page.splitlines()[-1].startswith("Regio (2 gemeenten)\t10\t")
    assert "\t3\t" not in page


def test_metrics_carry_the_tenant_and_nothing_personal(engine: Engine) -> None:
    make_two(engine)
    rules = tenant_rules(engine)
    with tenant_scope(OTHER):
        submit_referral(
            UnitOfWork(engine),
            rules,
            team=f"{PREFIX}jt-noord",
            referrer=f"{PREFIX}dr-bakker",
            external_ref="HAP-1",
            consent=Consent.STATUS,
            now=NOW,
        )
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    container = build(settings, engine=engine, adapters={})
    asyncio.run(run_tick(engine, container.rules, container.dispatcher, now=NOW))
    with TestClient(create_app(container, scheduler=False)) as client:
        body = client.get("/metrics").text
    assert f'terugkoppel_tick_duration_seconds_count{{tenant="{OTHER}"}}' in body
    assert 'terugkoppel_tick_duration_seconds_count{tenant="default"}' in body
    assert f'terugkoppel_outbox_depth{{tenant="{OTHER}"}}' in body
    assert 'terugkoppel_outbox_depth{tenant="default"}' in body
    assert f'terugkoppel_referrals_received_last_24h{{tenant="{OTHER}"}}' in body
    sends = [
        line for line in body.splitlines() if line.startswith("terugkoppel_outbox_sends_total")
    ]
    assert sends and all('tenant="' in line for line in sends)
    tenants = {
        part.split('"')[1]
        for line in body.splitlines()
        if not line.startswith("#")
        for part in line.split(",")
        if 'tenant="' in part
    }
    # The registry is the process's: other tests' municipalities may be in it too. Every
    # label is a municipality's id, and none is an id of the directory (a person or team).
    assert {"default", OTHER} <= tenants
    assert all(TENANT_ID.fullmatch(t) for t in tenants)
    directory = {"anna", "bram", "dr-bakker", "jt-noord", f"{PREFIX}anna", f"{PREFIX}jt-noord"}
    assert not tenants & directory
    assert "anna" not in body and "JT-NRD" not in body and "jt-noord" not in body
