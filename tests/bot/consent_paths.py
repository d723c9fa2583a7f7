"""Drives a referral to each of the nine statuses through the real services (tests only)."""

from __future__ import annotations

from datetime import datetime

from bot.app.cases import load_referral
from bot.app.handovers import decide_handover, request_handover
from bot.app.prompts import answer_prompt
from bot.app.referrals.decline import decline_referral
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.referrals.referrer_acts import withdraw
from bot.domain.model import Answer, Consent, ReferralStatus
from tests.world import World, local

NOTE = "Eerste gesprek was goed, vervolg over twee weken."
RECEIVED_AT = local(2026, 4, 22, 9, 10)
TAKEN_AT = local(2026, 4, 22, 10)
DONE_AT = local(2026, 4, 23, 11)


def drive(
    world: World, *, referrer: str, consent: Consent, status: ReferralStatus, ref: str
) -> tuple[int, datetime]:
    """A referral of `referrer` to Jeugdteam Noord, moved to `status` in one last step
    (taken by Anna first where the status needs someone on the case); with consent for
    notes every prompt answer carries a harmless note. Returns (referral id, last step)."""
    referral = submit_referral(
        world.uow(),
        world.rules,
        team="jt-noord",
        referrer=referrer,
        external_ref=ref,
        consent=consent,
        now=RECEIVED_AT,
    ).id
    if status is ReferralStatus.RECEIVED:
        return referral, RECEIVED_AT
    take_referral(world.uow(), world.rules, referral_id=referral, by="anna", now=TAKEN_AT)
    if status is ReferralStatus.ASSIGNED:
        return referral, TAKEN_AT
    if status is ReferralStatus.WITHDRAWN:  # by the referrer (issue 20)
        with world.uow() as uow:
            row, case = load_referral(uow, referral, lock=True)
            withdraw(uow, world.rules, row, case, by=referrer, channel="email", now=DONE_AT)
            uow.commit()
        return referral, DONE_AT
    if status is ReferralStatus.DECLINED:
        decline_referral(world.uow(), world.rules, referral_id=referral, by="bram", now=DONE_AT)
        return referral, DONE_AT
    if status is ReferralStatus.HANDED_OVER:
        handover = request_handover(
            world.uow(),
            world.rules,
            referral_id=referral,
            to_team="st-zuid",
            by="anna",
            now=TAKEN_AT,
        )
        decide_handover(
            world.uow(), world.rules, handover_id=handover, accept=True, by="dewi", now=DONE_AT
        )
        return referral, DONE_AT
    with world.uow() as uow:
        prompt = uow.prompts.open_for(referral=referral, kind="feedback")[-1].id or 0
    answer_prompt(
        world.uow(),
        world.rules,
        prompt_id=prompt,
        answer=Answer(status.value),
        by="anna",
        now=DONE_AT,
        note=NOTE if consent is Consent.NOTES else None,
    )
    return referral, DONE_AT
