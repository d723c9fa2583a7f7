"""The identifier scan: every outbound message rendered and searched for identifiers of a
youth. Used by the test suite (200 cases) and tests/bench/bench_identifier_scan.py.

What counts as a hit: a BSN, phone number, e-mail address or postcode anywhere in a
message, or one of the generated youths' own (fake) names or birth months. Left out on
purpose: the directory's people (names and work e-mail addresses are the contact routes
the messages exist to give) and dates (messages carry procedural dates by design: when a
referral came in, when a question comes back; nothing about a youth's dates is stored
beyond the birth month, which is searched for literally).
"""

from __future__ import annotations

import asyncio
import random
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from sqlalchemy import Engine

from bot.app import prompts as prompt_service
from bot.app.handovers import decide_handover, request_handover
from bot.app.referrals import referrer_acts
from bot.app.referrals.decline import decline_referral
from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain import privacy_guard
from bot.domain.consent import Party, Rule, rule_for
from bot.domain.errors import NoteRefused
from bot.domain.model import Answer, Consent, ReferralStatus
from bot.domain.rules import Rules
from bot.messages import Message, language_of
from store.schema.delivery import OutboxMessage
from store.uow import UnitOfWork
from tests.world import World, local

# The kinds searched for: identifiers, and the planted children's names (as names, the
# scan looks for exactly those; dates and other names in a message are the product's own).
KINDS = frozenset({"bsn", "phone", "email", "postcode", "iban"})
FIRST = ("Jantje", "Fatima", "Sem", "Noor", "Daan", "Yara", "Mohammed", "Lotte", "Milan", "Sara")
LAST = ("de Boer", "Jansen", "El Amrani", "Visser", "Bakker", "Smit", "Yilmaz", "de Jong")
REFERRERS = ("dr-bakker", "ib-smits", "wijkagent-vos")
PARTY = {Rule.PARENTS: Party.PARENTS, Rule.BOTH: Party.BOTH, Rule.YOUTH: Party.YOUTH}


@dataclass
class ScanResult:
    cases: int = 0
    messages_scanned: int = 0
    hits: list[tuple[str, str, list[str]]] = field(default_factory=list)
    disclosures: int = 0
    audit_rows: int = 0
    notes_refused: int = 0


def _bsn(rng: random.Random) -> str:
    while True:
        first = [rng.randint(0, 9) for _ in range(8)]
        last = sum(d * w for d, w in zip(first, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            return "".join(map(str, first)) + str(last)


def scan_rules(rules: Rules) -> Rules:
    """The municipality's configured names (TERUGKOPPEL_PRIVACY_NAMES_FILE): first names."""
    return replace(rules, privacy_names=FIRST)


def generated_run(world: World, *, cases: int, seed: int = 7) -> list[str]:
    """`cases` referrals with fake youths (name, birth month), each moved to a random status
    by the real services; professionals try notes that name the youth, carry a BSN or a
    phone number (the guard must refuse them) before a harmless one. Returns the youths'
    names (full and first) and birth months, for the scan."""
    rules = world.rules
    rng = random.Random(seed)
    secrets: list[str] = []
    start = local(2026, 4, 22, 9)
    for number in range(cases):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        month = f"{rng.randint(2008, 2024)}-{rng.randint(1, 12):02d}"
        secrets += [name, name.split()[0], month]
        consent = rng.choice(list(Consent))
        rule = rule_for(month, rules.today(start))
        referral = submit_referral(
            world.uow(),
            rules,
            team="jt-noord",
            referrer=rng.choice(REFERRERS),
            external_ref=f"EXT-{number}",
            consent=consent,
            now=start,
            birth_month=month,
            consent_given_by=PARTY.get(rule, Party.BOTH),
        ).id
        status = rng.choice(list(ReferralStatus))
        if status is ReferralStatus.RECEIVED:
            continue
        at = start + timedelta(hours=1)
        take_referral(world.uow(), rules, referral_id=referral, by="anna", now=at)
        at += timedelta(hours=1)
        if status is ReferralStatus.DECLINED:
            decline_referral(world.uow(), rules, referral_id=referral, by="bram", now=at)
        elif status is ReferralStatus.HANDED_OVER:
            handover = request_handover(
                world.uow(), rules, referral_id=referral, to_team="st-zuid", by="anna", now=at
            )
            decide_handover(
                world.uow(), rules, handover_id=handover, accept=True, by="dewi", now=at
            )
        elif status is ReferralStatus.WITHDRAWN:
            with world.uow() as uow:
                row = uow.referrals.get(id=referral)
                assert row is not None
                case = uow.cases.get(id=row.case_id)
                assert case is not None
                referrer_acts.withdraw(
                    uow, rules, row, case, by=row.referrer_id, channel="slack", now=at
                )
                uow.commit()
        elif status is not ReferralStatus.ASSIGNED:
            with world.uow() as uow:
                prompt = uow.prompts.open_for(referral=referral, kind="feedback")[-1].id or 0
            tries = [
                f"Gesprek met {name.split()[0]} was goed.",
                f"BSN {_bsn(rng)} is bekend bij ons.",
                f"Bereikbaar op 06-{rng.randint(10000000, 99999999)}.",
                "Eerste gesprek was goed, vervolg over twee weken.",
            ]
            for note in (*rng.sample(tries[:3], 1), tries[3]):
                try:
                    prompt_service.answer_prompt(
                        world.uow(),
                        rules,
                        prompt_id=prompt,
                        answer=Answer(status.value),
                        by="anna",
                        now=at,
                        note=note,
                    )
                    break
                except NoteRefused:
                    continue
    for _ in range(1000):
        report = asyncio.run(world.dispatcher.run(now=start + timedelta(days=1)))
        if report.sent == 0:
            break
    return secrets


def scan(engine: Engine, *, secrets: list[str], cases: int) -> ScanResult:
    """Renders every outbox row (sent or waiting) and searches it; counts disclosures."""
    result = ScanResult(cases=cases)
    with UnitOfWork(engine) as uow:
        people = list(uow.directory.people())
        rows: list[OutboxMessage] = list(uow.outbox.all())
        audit = uow.audit.all()
    allowed = sorted({v for p in people for v in (p.name, p.email) if v}, key=len, reverse=True)
    allowed_re = re.compile("|".join(re.escape(v) for v in allowed)) if allowed else None
    patterns = privacy_guard.name_patterns(secrets)
    for row in rows:
        body = Message(row.message_key, dict(row.params), language=language_of(row.language)).body()
        searched = allowed_re.sub(" ", body) if allowed_re else body
        found = [k for k in privacy_guard.kinds(privacy_guard.check(searched)) if k in KINDS]
        if any(pattern.search(searched) for pattern in patterns):
            found.append("name")
        result.messages_scanned += 1
        if found:
            result.hits.append((row.key, body, found))
    result.disclosures = sum(1 for r in rows if r.disclosure_basis and r.sent_at is not None)
    result.audit_rows = sum(1 for a in audit if a.event == "disclosed")
    result.notes_refused = sum(1 for a in audit if (a.basis or "").startswith("note:"))
    return result
