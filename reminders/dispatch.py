"""The outbox dispatcher: claims due rows, renders and sends them, records the result."""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from adapters.base import ChatAdapter, Recipient
from bot.domain import Consent, Platform
from bot.errors import ChannelUnavailable, DeliveryFailed, RateLimited, RecipientGone
from bot.messages import Action, Message, language_of
from bot.rules import Rules
from bot.services import notify
from store.tables import OutboxMessage
from store.uow import UnitOfWork

log = logging.getLogger(__name__)

# A person is reached on the first channel that is both configured and known for them.
_PERSON_CHANNELS: tuple[tuple[Platform, str], ...] = (
    (Platform.SLACK, "slack_id"),
    (Platform.TEAMS, "teams_id"),
    (Platform.EMAIL, "email"),
)
_CONSENT_RANK = {Consent.NONE: 0, Consent.STATUS: 1, Consent.NOTES: 2}


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        rules: Rules,
        adapters: Mapping[Platform, ChatAdapter],
        *,
        console: ChatAdapter | None = None,
        batch: int = 200,
        lease: timedelta = timedelta(minutes=2),
        max_attempts: int = 8,
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.adapters = dict(adapters)
        self.console = console
        self.batch = batch
        self.lease = lease
        self.max_attempts = max_attempts
        self.worker = uuid.uuid4().hex[:8]

    async def run(self, *, now: datetime) -> DispatchReport:
        """Delivers everything due at `now`, batch by batch, until nothing due is left."""
        report = DispatchReport()
        while True:
            with UnitOfWork(self.engine) as uow:
                rows = uow.outbox.claim_due(now=now, limit=self.batch, lease_until=now + self.lease)
                uow.commit()
            if not rows:
                return report
            for row in rows:
                await self._deliver(row, now=now, report=report)

    async def _deliver(self, row: OutboxMessage, *, now: datetime, report: DispatchReport) -> None:
        try:
            recipient, adapter = self._route(row)
            if self._consent_withdrawn(row):
                raise ChannelUnavailable(reason="consent_withdrawn")
            message = Message(
                key=row.message_key,
                params=dict(row.params),
                actions=tuple(Action.from_dict(a) for a in row.actions),
                language=language_of(row.language),
            )
            delivery = await adapter.send(recipient, message)
        except RateLimited as exc:
            self._retry(
                row, now=now, delay=timedelta(seconds=exc.retry_after), error="rate_limited"
            )
            report.retried += 1
        except (RecipientGone, ChannelUnavailable) as exc:
            self._fail(row, now=now, error=str(exc.params.get("reason", type(exc).__name__)))
            report.failed += 1
        except DeliveryFailed as exc:
            if row.attempts + 1 >= self.max_attempts:
                self._fail(row, now=now, error="too_many_attempts")
                report.failed += 1
            else:
                delay = timedelta(
                    seconds=min(3600, 30 * 2**row.attempts) * random.uniform(0.5, 1.5)
                )
                self._retry(row, now=now, delay=delay, error=str(exc.params.get("reason", "")))
                report.retried += 1
        else:
            self._record_sent(row, recipient, delivery.message_id, now=now)
            report.sent += 1

    def _route(self, row: OutboxMessage) -> tuple[Recipient, ChatAdapter]:
        if row.platform and row.address:
            platform = Platform(row.platform)
            adapter = self.adapters.get(platform) or self.console
            if adapter is None:
                raise ChannelUnavailable(reason=f"no_{platform.value}")
            return Recipient(platform, row.address, row.address), adapter
        with UnitOfWork(self.engine) as uow:
            person = uow.directory.person(id=row.person_id or "")
        if person is None or not person.active:
            raise RecipientGone(reason="person_left")
        for platform, attribute in _PERSON_CHANNELS:
            address = getattr(person, attribute)
            if address and platform in self.adapters:
                return Recipient(platform, address, person.name, person.id), self.adapters[platform]
        if self.console is not None:
            for platform, attribute in _PERSON_CHANNELS:
                address = getattr(person, attribute)
                if address:
                    return Recipient(platform, address, person.name, person.id), self.console
        raise ChannelUnavailable(reason="no_channel")

    def _consent_withdrawn(self, row: OutboxMessage) -> bool:
        """A disclosure queued under a consent that has since been lowered is not sent."""
        basis = row.disclosure_basis or ""
        if not basis.startswith("consent:") or row.referral_id is None:
            return False
        with UnitOfWork(self.engine) as uow:
            referral = uow.referrals.get(id=row.referral_id)
        if referral is None:
            return True
        needed = _CONSENT_RANK[Consent(basis.removeprefix("consent:"))]
        return _CONSENT_RANK[Consent(referral.consent)] < needed

    def _record_sent(
        self, row: OutboxMessage, recipient: Recipient, message_id: str, *, now: datetime
    ) -> None:
        with UnitOfWork(self.engine) as uow:
            stored = uow.outbox.get(id=row.id or 0)
            assert stored is not None
            stored.sent_at = now
            stored.channel = recipient.platform.value
            stored.provider_message_id = message_id
            stored.claimed_until = None
            stored.attempts += 1
            if stored.disclosure_basis:
                notify.audit(
                    uow,
                    event="disclosed",
                    now=now,
                    actor="terugkoppel",
                    case_ref=stored.case_ref,
                    recipient=stored.person_id,
                    channel=recipient.platform.value,
                    basis=stored.disclosure_basis,
                    message_key=stored.message_key,
                )
            uow.commit()

    def _retry(self, row: OutboxMessage, *, now: datetime, delay: timedelta, error: str) -> None:
        delay = max(delay, timedelta(seconds=1))  # a retry is never due in the same pass
        with UnitOfWork(self.engine) as uow:
            stored = uow.outbox.get(id=row.id or 0)
            assert stored is not None
            stored.attempts += 1
            stored.not_before = now + delay
            stored.claimed_until = None
            stored.error = error[:200]
            uow.commit()
        log.warning("outbox %s retry in %ss: %s", row.id, int(delay.total_seconds()), error)

    def _fail(self, row: OutboxMessage, *, now: datetime, error: str) -> None:
        """Permanent failure: the row ends with a reason and a coordinator is told."""
        with UnitOfWork(self.engine) as uow:
            stored = uow.outbox.get(id=row.id or 0)
            assert stored is not None
            stored.failed_at = now
            stored.claimed_until = None
            stored.error = error[:200]
            referral = uow.referrals.get(id=stored.referral_id) if stored.referral_id else None
            person = uow.directory.person(id=stored.person_id or "")
            if (
                referral is not None
                and stored.message_key != "delivery.failed"
                and error != "consent_withdrawn"
            ):
                notify.to_coordinators(
                    uow,
                    key=f"delivery-failed:{stored.id}",
                    team_id=referral.team_id,
                    message_key="delivery.failed",
                    params={
                        "recipient": person.name if person else (stored.address or "?"),
                        "case_ref": stored.case_ref or "",
                        "reason": error,
                    },
                    now=now,
                    not_before=self.rules.calendar.next_send_moment(now),
                    referral=referral,
                    case_ref=stored.case_ref,
                )
            uow.commit()
        log.error("outbox %s failed permanently: %s", row.id, error)
