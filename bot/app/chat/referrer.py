"""The referrer's chat side, shared by Slack and Teams: the referrer's clicks ("geregeld",
the check-in's answers, the satisfaction score) and the professional's `verwijzer` command,
each one service call that returns the sentence to show."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.app.chat.actor import Actor
from bot.app.chat.referrer_words import referrer_command
from bot.app.data import Data
from bot.app.loop import checkins, referrer_requests, satisfaction
from bot.domain.errors import UnknownCase
from bot.domain.model import CheckInAnswer, parse_id
from bot.domain.rules import Rules
from bot.messages import Message, text


async def referrer_click(
    data: Data, rules: Rules, person: Actor, name: str, value: str, now: datetime, source: str
) -> Message:
    """A referrer's click: recorded once; the message shows their answer, who and when."""
    language = person.language
    if name == referrer_requests.SETTLED:
        answered = await asyncio.to_thread(
            referrer_requests.answer_request,
            data.uow(),
            rules,
            request_id=_number(value),
            by=person.id,
            now=now,
            channel=source,
        )
    else:
        subject, _, choice = value.partition(":")
        try:
            answer = CheckInAnswer(choice)
        except ValueError as exc:
            raise UnknownCase(case_ref=value) from exc
        answered = await asyncio.to_thread(
            checkins.answer_checkin,
            data.uow(),
            rules,
            checkin_id=_number(subject),
            answer=answer,
            by=person.id,
            now=now,
            channel=source,
        )
    reply = text(answered.reply_key, language, **answered.reply_params)
    return Message(
        "slack.answered_by",
        {"reply": reply, "name": person.name, "at": rules.moment_text(now)},
        language=language,
    )


async def satisfaction_click(
    data: Data, person: Actor, value: str, now: datetime, source: str
) -> Message:
    """The referrer's score, recorded once; a second click is told the first one counts.
    ValueError for a value that is not `<id>:<score>`."""
    satisfaction_id, score = satisfaction.parse(value)
    recorded, case_ref = await asyncio.to_thread(
        satisfaction.answer,
        data.uow(),
        satisfaction_id=satisfaction_id,
        score=score,
        by=person.id,
        channel=source,
        now=now,
    )
    key = "satisfaction.thanks" if recorded else "satisfaction.already"
    params = {"case_ref": case_ref, "score": str(score)}
    return Message(key, params, language=person.language)


async def referrer_request_command(
    data: Data, rules: Rules, person: Actor, typed: str, now: datetime, source: str
) -> Message:
    """`verwijzer <kenmerk> toestemming|informatie|klaar` by a professional of the team."""
    language = person.language
    command = referrer_command(typed)
    if command is None:
        return Message("loop.usage", language=language)
    if command.kind is None:
        case_ref, count = await asyncio.to_thread(
            referrer_requests.close_requests,
            data.uow(),
            rules,
            case_ref=command.case_ref,
            by=person.id,
            now=now,
            channel=source,
        )
        return Message("loop.closed", {"case_ref": case_ref, "count": count}, language=language)
    asked = await asyncio.to_thread(
        referrer_requests.ask_referrer,
        data.uow(),
        rules,
        case_ref=command.case_ref,
        kind=command.kind,
        by=person.id,
        now=now,
        channel=source,
    )
    key = "loop.asked" if asked.created else "loop.asked_again"
    params = {
        "case_ref": asked.case_ref,
        "what": text(f"loop.kind.{command.kind.value}", language),
        "referrer": asked.referrer,
    }
    return Message(key, params, language=language)


def _number(value: str) -> int:
    found = parse_id(value)
    if found is None:
        raise UnknownCase(case_ref=value[:20])
    return found
