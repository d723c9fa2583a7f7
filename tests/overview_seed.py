"""A seeded overview for the page tests: the demo directory, three referrals in two teams,
a prompt open for Anna and an intake that climbed the ladder to an escalation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import Engine

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.rules import Rules
from bot.main.settings import Settings
from store.uow import UnitOfWork
from tests.fakes.oidc_server import FakeOidc, User
from tests.world import World, local, make_world

CLIENT_ID = "6f1c2b7e-0000-4000-8000-00000000c11e"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
TENANT = "7d3a9e51-0000-4000-8000-0000000000aa"
LINK_SECRET = "a-link-secret-for-the-tests-only-0001"

ANNA = User(email="Anna@jt-noord.example")  # matched by e-mail, case-insensitive
BRAM = User(email="someone-else@example.org", oid="8c2f1e0a-0000-4000-8000-000000000001")
DEWI = User(email="dewi@st-zuid.example")
STRANGER = User(email="niemand@example.org")
REFERRER = User(email="bakker@hap-noord.example")


@dataclass(frozen=True)
class Seeded:
    world: World
    new_ref: str  # jt-noord, received, escalated (nobody took it)
    new_id: int
    taken_ref: str  # jt-noord, taken by Anna, her prompt is open
    other_ref: str  # st-zuid: not Bram's team
    other_id: int


def seed(engine: Engine, rules: Rules) -> Seeded:
    world = make_world(engine, rules)
    start = local(2026, 4, 20, 9)
    new = submit_referral(
        UnitOfWork(engine), rules, team="jt-noord", referrer="dr-bakker",
        external_ref="HAP-1", consent="status", now=start,
    )  # fmt: skip
    taken = submit_referral(
        UnitOfWork(engine), rules, team="jt-noord", referrer="ib-smits",
        external_ref="OBS-2", consent="status", now=start,
    )  # fmt: skip
    other = submit_referral(
        UnitOfWork(engine), rules, team="st-zuid", referrer="dr-bakker",
        external_ref="HAP-3", consent="status", now=start,
    )  # fmt: skip
    take_referral(UnitOfWork(engine), rules, referral_id=taken.id, by="anna", now=start)
    for day in (20, 21, 22, 23, 24, 27, 28, 29, 30):
        world.tick(local(2026, 4, day, 10))
    return Seeded(world, new.case_ref, new.id, taken.case_ref, other.case_ref, other.id)


def settings_for(oidc: FakeOidc, public_url: str) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        link_secret=SecretStr(LINK_SECRET),
        public_url=public_url,
        oidc_issuer=oidc.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=SecretStr(CLIENT_SECRET),
        teams_tenant_id=TENANT,
        teams_login_url=oidc.url,
        console_output=False,
    )


def fake_oidc(folder: Path) -> FakeOidc:
    return FakeOidc(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, tenant=TENANT, folder=folder)
