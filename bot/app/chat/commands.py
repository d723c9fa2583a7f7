"""The typed commands of every chat, as one table: `wie`, `afwezig`, `mijn open vragen`,
`verwijzer`, `verwijzing` (the referral form, or with `status|intrekken|aanvullen REF`
the referrer's act), and for a case `overdracht`, `regie` and `afwijzen`
(bot/app/chat/case_commands.py). Slack reaches them as slash commands,
Teams as the bot's command list; each chat only reads the words and shows the answer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.app.chat import away, case_commands, home, who
from bot.app.chat.actor import Actor
from bot.app.chat.intents import NotUnderstood, organisation_query
from bot.app.chat.referrer import referrer_request_command
from bot.app.chat.referrer_acts import read_words, referrer_act
from bot.app.data import Data
from bot.domain.rules import Rules
from bot.messages import Message

OPEN_ROWS = 15
REFERRAL_FORM = "referral"  # the command that opens the referral form (a dialog, a modal)
HELP = "help"


@dataclass(frozen=True)
class Typed:
    """One typed command: who, the words after the command, when, from which chat, and
    where presence is read (Teams' Graph), if anywhere."""

    person: Actor
    rest: str
    now: datetime
    source: str
    presence: who.PresenceSource | None = None


Command = Callable[[Data, Rules, Typed], Awaitable[Message]]


async def who_is(data: Data, rules: Rules, typed: Typed) -> Message:
    query = organisation_query(typed.rest, usage=f"{typed.source}.wie_usage")
    return await who.who_is(
        data, rules, query, typed.person.language, typed.now, typed.presence, asker=typed.person
    )


async def absent(data: Data, rules: Rules, typed: Typed) -> Message:
    return await away.away(
        data,
        rules,
        typed.person,
        typed.rest,
        typed.now,
        typed.source,
        usage=f"{typed.source}.afwezig_usage",
    )


async def open_questions(data: Data, rules: Rules, typed: Typed) -> Message:
    return await asyncio.to_thread(home.open_prompts, data, rules, typed.person, limit=OPEN_ROWS)


async def referrer(data: Data, rules: Rules, typed: Typed) -> Message:
    return await referrer_request_command(
        data, rules, typed.person, typed.rest, typed.now, typed.source
    )


async def handover(data: Data, rules: Rules, typed: Typed) -> Message:
    """`overdracht <kenmerk> naar <team of organisatie> [warm] [moment]`."""
    return await case_commands.start_handover(
        data, rules, typed.person, typed.rest, typed.now, typed.source
    )


async def lead(data: Data, rules: Rules, typed: Typed) -> Message:
    """`regie <kenmerk> <persoon>`: the regisseur set or changed."""
    return await case_commands.set_lead(
        data, rules, typed.person, typed.rest, typed.now, typed.source
    )


async def decline(data: Data, rules: Rules, typed: Typed) -> Message:
    """`afwijzen <kenmerk> <reden> [naar <team of organisatie>]`."""
    return await case_commands.decline_referral(
        data, rules, typed.person, typed.rest, typed.now, typed.source
    )


async def referral_form(data: Data, rules: Rules, typed: Typed) -> Message:
    """A chat without a form of its own answers with a button that opens the form;
    `verwijzing status|intrekken|aanvullen REF …` is the referrer's act instead."""
    if read_words(typed.rest) is not None:
        return await referrer_act(data, rules, typed.person, typed.rest, typed.now, typed.source)
    return Message("chatcmd.referral_open", language=typed.person.language)


# Every typed command, by the word (or words) that start it, Dutch and English.
COMMANDS: Mapping[str, Command] = {
    "wie": who_is,
    "who": who_is,
    "afwezig": absent,
    "away": absent,
    "verwijzer": referrer,
    "referrer": referrer,
    "verwijzing": referral_form,
    "referral": referral_form,
    "overdracht": handover,
    "handover": handover,
    "regie": lead,
    "lead": lead,
    "afwijzen": decline,
    "decline": decline,
    "mijn open vragen": open_questions,
    "open vragen": open_questions,
    "my open questions": open_questions,
    "open questions": open_questions,
}
# The command names, as the chat's command list and the help show them.
LISTED = (
    "verwijzing",
    "wie",
    "afwezig",
    "mijn open vragen",
    "verwijzer",
    "overdracht",
    "regie",
    "afwijzen",
    HELP,
)


def parse(typed: str) -> tuple[str, str] | None:
    """The command named in `typed` and the words after it; None for none we know. Phrases
    (`mijn open vragen`) are matched whole, without a trailing question mark."""
    words = " ".join(typed.split())
    lowered = words.lower().rstrip("?").strip()
    if lowered in COMMANDS and " " in lowered:
        return lowered, ""
    word, _, rest = words.partition(" ")
    if word.lower() in COMMANDS:
        return word.lower(), rest.strip()
    return None


async def run(
    data: Data,
    rules: Rules,
    person: Actor,
    typed: str,
    now: datetime,
    source: str,
    *,
    presence: who.PresenceSource | None = None,
) -> Message:
    """The answer to what the person typed; the chat's help for anything else."""
    found = parse(typed)
    if found is None:
        return Message(f"{source}.help", language=person.language)
    name, rest = found
    if name in ("wie", "who") and not rest:
        raise NotUnderstood(f"{source}.wie_usage")
    return await COMMANDS[name](data, rules, Typed(person, rest, now, source, presence))


def is_referral_form(typed: str) -> bool:
    found = parse(typed)
    return (
        found is not None
        and COMMANDS[found[0]] is referral_form
        and read_words(found[1]) is None  # not the referrer's act
    )
