"""Typed in either chat (Slack `/overdracht`, `/regie`, `/afwijzen`; Teams `overdracht`,
`regie`, `afwijzen`): start a handover, set the regisseur, decline a referral. Parsed here,
once, for both chats; the use cases do the rest."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.app import handovers, lead, moves
from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.app.referrals import decline
from bot.domain.reasons import REFERRAL_REASONS, DeclineReason, parse_reason
from bot.domain.rules import Rules
from bot.messages import Message

_TO = ("naar", "to", "aan")
_WARM = ("warm", "warme")


@dataclass(frozen=True)
class HandoverCommand:
    case_ref: str
    to: str
    warm: bool
    meeting: datetime | None


def handover_command(typed: str, rules: Rules) -> HandoverCommand | None:
    """`<kenmerk> naar <team of organisatie> [warm] [2026-12-10T10:00]`; None if not that."""
    words = typed.split()
    if len(words) < 3 or words[1].lower() not in _TO:
        return None
    case_ref, to, rest = words[0], words[2], [w.lower() for w in words[3:]]
    warm = any(w in _WARM for w in rest)
    meeting = None
    for word in rest:
        if word in _WARM:
            continue
        try:
            moment = datetime.fromisoformat(word)
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=rules.calendar.tz)
        meeting = moment
    return HandoverCommand(case_ref, to, warm or meeting is not None, meeting)


async def start_handover(
    data: Data, rules: Rules, person: Actor, typed: str, now: datetime, source: str
) -> Message:
    command = handover_command(typed, rules)
    if command is None:
        return Message("chat.handover_usage", language=person.language)
    return await handover(data, rules, person, command, now, source)


async def handover(
    data: Data, rules: Rules, person: Actor, command: HandoverCommand, now: datetime, source: str
) -> Message:
    """The handover asked, typed or from a chat's form (bot/app/chat/case_forms.py).
    `naar rivierdal/jt-rivier`: the youth moves to a team of another municipality."""
    if "/" in command.to:
        to_tenant, _, team = command.to.partition("/")
        moved = await asyncio.to_thread(
            moves.start_move,
            data,
            rules,
            case_ref=command.case_ref,
            to_tenant=to_tenant,
            to_team=team,
            by=person.id,
            now=now,
            warm=command.warm,
            channel=source,
        )
        params = {"case_ref": moved.case_ref, "to": moved.to, "their_ref": moved.to_case_ref or "—"}
        return Message("cli.move_started", params, language=person.language)
    started = await asyncio.to_thread(
        handovers.start_handover,
        data.uow(),
        rules,
        case_ref=command.case_ref,
        to=command.to,
        by=person.id,
        now=now,
        warm=command.warm,
        meeting_at=command.meeting,
        channel=source,
    )
    params = {"case_ref": started.case_ref, "to": started.to, "due": started.due}
    return Message("cli.handover_started", params, language=person.language)


async def set_lead(
    data: Data, rules: Rules, person: Actor, typed: str, now: datetime, source: str
) -> Message:
    """`<kenmerk> <persoon-id>`: the regisseur set or changed."""
    language = person.language
    words = typed.split()
    if len(words) != 2:
        return Message("chat.lead_usage", language=language)
    done = await asyncio.to_thread(
        lead.set_lead,
        data.uow(),
        rules,
        case_ref=words[0],
        person=words[1],
        by=person.id,
        now=now,
        channel=source,
    )
    key = "cli.lead_set" if done.changed else "cli.lead_same"
    return Message(key, {"case_ref": done.case_ref, "name": done.name}, language=language)


async def decline_referral(
    data: Data, rules: Rules, person: Actor, typed: str, now: datetime, source: str
) -> Message:
    """`<kenmerk> <reden> [naar <team of organisatie>]`: not taken into care."""
    language = person.language
    words = typed.split()
    reason = parse_reason(words[1], REFERRAL_REASONS) if len(words) >= 2 else None
    suggest = None
    if len(words) == 4 and words[2].lower() in _TO:
        suggest = words[3]
    elif len(words) != 2:
        reason = None
    if reason is None:
        codes = ", ".join(r.value for r in REFERRAL_REASONS)
        return Message("chat.decline_usage", {"codes": codes}, language=language)
    return await declined(data, rules, person, words[0], reason, suggest, now, source)


async def declined(
    data: Data,
    rules: Rules,
    person: Actor,
    case_ref: str,
    reason: DeclineReason,
    suggest: str | None,
    now: datetime,
    source: str,
) -> Message:
    """The referral declined, typed or from a chat's form (bot/app/chat/case_forms.py)."""
    done = await asyncio.to_thread(
        decline.decline_by_ref,
        data.uow(),
        rules,
        case_ref=case_ref,
        by=person.id,
        now=now,
        reason=reason,
        suggest=suggest,
        channel=source,
    )
    return Message("cli.referral_declined", {"case_ref": done}, language=person.language)
