"""The demo's second municipality, Rivierdal, in the same installation as Oosterwaard: its
own tenant, directory and referrals. The tick serves both; neither sees the other's data;
each gets its own municipal digest (issue 22)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.app.data import Data
from bot.app.directory.importer import import_directory
from bot.app.moves import start_move
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.tenants import DEFAULT_TENANT, create_tenant, set_tenant_settings, tenant_scope
from bot.domain.model import Consent
from bot.domain.moves import link_id
from bot.messages import text

if TYPE_CHECKING:
    from bot.main.demo import Simulation

TENANT = "rivierdal"
NAME = "Rivierdal"
DIRECTORY = Path(__file__).with_name("rivierdal.yaml")
# (working day from the start, hour, referrer, their reference, who takes it an hour later)
REFERRALS = (
    (0, 10, "rd-dr-peters", "HCR-101", "rd-sanne"),
    (1, 14, "rd-ib-jansen", "BRUG-7", "rd-tom"),
    (3, 9, "rd-dr-peters", "HCR-102", None),  # nobody takes it: the ladder reminds
)
# A family of Oosterwaard moves to Rivierdal (issue 22, point 4): (day from the start, hour, Oosterwaard's referral by its referrer's reference, who asks, who takes it on
# in Rivierdal an hour later). Only procedural facts go along.
MOVE = (14, 9, "HAP-7811", "anna", "rd-sanne")


class Rivierdal:
    def __init__(self, sim: Simulation, start: datetime) -> None:
        self.sim = sim
        local = sim.rules.calendar.local(start)
        self.pending = sorted(
            (local.replace(hour=hour) + timedelta(days=day), referrer, ref, taker)
            for day, hour, referrer, ref, taker in REFERRALS
        )
        self.taking: list[tuple[datetime, int, str]] = []
        day, hour, ref, by, taker = MOVE
        when = local.replace(hour=hour) + timedelta(days=day)
        self.move: tuple[datetime, str, str, str] | None = (when, ref, by, taker)
        # the first municipality's name: Rivierdal reads it when a family moves there
        set_tenant_settings(sim.uow(), DEFAULT_TENANT, {}, name="Oosterwaard")
        create_tenant(sim.uow(), id=TENANT, name=NAME, now=start)
        with tenant_scope(TENANT):
            data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
            import_directory(sim.uow(), data, now=start)
        sim.console.print(text("demo.second_tenant", sim.language, name=NAME), markup=False)

    def step(self, now: datetime) -> None:
        """Rivierdal's referrals and takes that are due by `now`, in Rivierdal's tenant."""
        rules = self.sim.rules
        if self.move is not None and self.move[0] <= now:
            self._move(now)
        with tenant_scope(TENANT):
            while self.pending and self.pending[0][0] <= now:
                _, referrer, ref, taker = self.pending.pop(0)
                made = submit_referral(
                    self.sim.uow(), rules, team="rd-jeugdteam", referrer=referrer,
                    external_ref=ref, consent=Consent.STATUS, now=now,
                )  # fmt: skip
                if taker is not None:
                    self.taking.append((now + timedelta(hours=1), made.id, taker))
            for item in [t for t in self.taking if t[0] <= now]:
                self.taking.remove(item)
                take_referral(self.sim.uow(), rules, referral_id=item[1], by=item[2], now=now)

    def _move(self, now: datetime) -> None:
        """Oosterwaard asks Rivierdal's team to take the case over; Rivierdal's referral
        is taken on an hour later, and the tick tells Oosterwaard's side."""
        assert self.move is not None
        _, ref, by, taker = self.move
        self.move = None
        sim = self.sim
        case_ref = sim.case_ref(ref)
        sim.narrate(by, "demo.moves", case_ref=case_ref, name=NAME)
        moved = start_move(
            Data(sim.engine), sim.rules, case_ref=case_ref, to_tenant=TENANT,
            to_team="rd-jeugdteam", by=by, now=now,
        )  # fmt: skip
        with tenant_scope(TENANT), sim.uow() as uow:
            there = uow.referrals.by_external_ref(
                referrer=link_id(DEFAULT_TENANT, TENANT), external_ref=moved.case_ref
            )
        if there is not None and there.id is not None:
            self.taking.append((now + timedelta(hours=1), there.id, taker))
