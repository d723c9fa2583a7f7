"""The demo's steps of issue 20: a handover refused with a reason, a referral declined with
the better place, the regisseur changed."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.app.handovers import decide_handover
from bot.app.lead import set_lead
from bot.app.referrals.decline import decline_referral
from bot.domain.rules import Rules
from bot.main.demo.script import DeclineReferral, RefuseHandover, SetLead
from bot.messages import text
from store.uow import UnitOfWork


class Simulation(Protocol):
    rules: Rules
    language: str
    referrals: dict[str, int]

    def uow(self) -> UnitOfWork: ...
    def name(self, person_id: str) -> str: ...
    def narrate(self, who: str, key: str, **params: object) -> None: ...
    def case_ref(self, external_ref: str) -> str: ...


def apply(
    sim: Simulation, event: RefuseHandover | DeclineReferral | SetLead, now: datetime
) -> None:
    if isinstance(event, RefuseHandover):
        with sim.uow() as uow:
            handover = uow.handovers.open_for(referral=sim.referrals[event.external_ref])[0]
        label = text(f"action.refuse.{event.reason.value}", sim.language)
        sim.narrate(
            event.person, "demo.clicks", label=label, case_ref=sim.case_ref(event.external_ref)
        )
        decide_handover(
            sim.uow(),
            sim.rules,
            handover_id=handover.id or 0,
            accept=False,
            by=event.person,
            now=now,
            reason=event.reason,
            channel="demo",
        )
    elif isinstance(event, DeclineReferral):
        reason = text(f"reason.{event.reason.value}", sim.language)
        sim.narrate(
            event.person, "demo.declines", case_ref=sim.case_ref(event.external_ref), reason=reason
        )
        decline_referral(
            sim.uow(),
            sim.rules,
            referral_id=sim.referrals[event.external_ref],
            by=event.person,
            now=now,
            reason=event.reason,
            suggest=event.suggest,
            channel="demo",
        )
    else:
        case_ref = sim.case_ref(event.external_ref)
        sim.narrate(event.person, "demo.sets_lead", case_ref=case_ref, name=sim.name(event.lead))
        set_lead(
            sim.uow(),
            sim.rules,
            case_ref=case_ref,
            person=event.lead,
            by=event.person,
            now=now,
            channel="demo",
        )
