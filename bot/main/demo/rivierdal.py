"""The demo's second municipality, Rivierdal, in the same installation as Oosterwaard: its
own tenant, directory and referrals. The tick serves both; neither sees the other's data;
each gets its own municipal digest (issue 22)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.app.directory.importer import import_directory
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.tenants import create_tenant, tenant_scope
from bot.domain.model import Consent
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


class Rivierdal:
    def __init__(self, sim: Simulation, start: datetime) -> None:
        self.sim = sim
        local = sim.rules.calendar.local(start)
        self.pending = sorted(
            (local.replace(hour=hour) + timedelta(days=day), referrer, ref, taker)
            for day, hour, referrer, ref, taker in REFERRALS
        )
        self.taking: list[tuple[datetime, int, str]] = []
        create_tenant(sim.uow(), id=TENANT, name=NAME, now=start)
        with tenant_scope(TENANT):
            data = yaml.safe_load(DIRECTORY.read_text("utf-8"))
            import_directory(sim.uow(), data, now=start)
        sim.console.print(text("demo.second_tenant", sim.language, name=NAME), markup=False)

    def step(self, now: datetime) -> None:
        """Rivierdal's referrals and takes that are due by `now`, in Rivierdal's tenant."""
        rules = self.sim.rules
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
