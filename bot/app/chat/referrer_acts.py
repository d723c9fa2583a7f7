"""The referrer's own words in chat, shared by Slack and Teams:
`/verwijzing status REF`, `/verwijzing intrekken REF`, `/verwijzing aanvullen REF <tekst>`
(English `status`, `withdraw`, `add` too). REF is the case reference or the referrer's own.
Each is one transaction (bot/app/referrals/referrer_acts.py) and returns the sentence."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.app.referrals import referrer_acts
from bot.domain.errors import NotAllowed, UnknownPerson
from bot.domain.rules import Rules
from bot.messages import Message

_VERBS = {
    "status": "status",
    "stand": "status",
    "intrekken": "withdraw",
    "withdraw": "withdraw",
    "aanvullen": "add",
    "add": "add",
}


@dataclass(frozen=True)
class ActWords:
    verb: str  # status | withdraw | add
    reference: str
    information: str  # only for add


def read_words(typed: str) -> ActWords | None:
    """The act typed after `/verwijzing`, or None: not an act (the form opens instead)."""
    words = typed.strip().split(maxsplit=2)
    if not words or words[0].lower() not in _VERBS:
        return None
    verb = _VERBS[words[0].lower()]
    reference = words[1] if len(words) > 1 else ""
    information = words[2] if len(words) > 2 else ""
    return ActWords(verb, reference, information)


async def referrer_act(
    data: Data, rules: Rules, person: Actor, typed: str, now: datetime, source: str
) -> Message:
    """One act by a referrer; the usage for words that cannot be read."""
    language = person.language
    words = read_words(typed)
    if words is None or not words.reference or (words.verb == "add" and not words.information):
        return Message("acts.usage", language=language)
    if len(words.information) > referrer_acts.INFO_LIMIT:
        return Message("acts.too_long", {"limit": str(referrer_acts.INFO_LIMIT)}, language=language)
    return await asyncio.to_thread(_act, data, rules, person, words, now, source)


def _act(
    data: Data, rules: Rules, actor: Actor, words: ActWords, now: datetime, source: str
) -> Message:
    language = actor.language
    with data.uow() as uow:
        person = uow.directory.person(id=actor.id)
        if person is None:
            raise UnknownPerson(person=actor.id)
        if not person.has_role("referrer"):
            raise NotAllowed(case_ref=words.reference[:40])
        referral, case = referrer_acts.find(uow, person, words.reference, now=now, channel=source)
        if words.verb == "status":
            view = referrer_acts.status(
                uow, rules, referral, recipient=person.id, channel=source, now=now
            )
            uow.commit()
            return referrer_acts.status_message(view, language)
        if words.verb == "withdraw":
            done = referrer_acts.withdraw(
                uow, rules, referral, case, by=person.id, channel=source, now=now
            )
            uow.commit()
            key = "acts.withdrawn_before" if done.already else "acts.withdrawn"
            return Message(key, {"case_ref": done.case_ref}, language=language)
        case_ref = referrer_acts.add_information(
            uow,
            rules,
            referral,
            case,
            information=words.information,
            by=person.id,
            language=language,
            channel=source,
            now=now,
        )
        uow.commit()
        return Message("acts.information_sent", {"case_ref": case_ref}, language=language)
