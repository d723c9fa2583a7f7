"""The dispatcher's bookkeeping in the database: claiming due rows, and recording what
became of each message (sent, deferred, moved to e-mail, failed). Each call is one short
transaction; the dispatcher runs them in a worker thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine

from bot.app import notify
from bot.domain.model import Platform
from bot.domain.rules import Rules
from store.outbox import Claim, Queued, Sent
from store.schema.directory import Person
from store.tenancy import DELIVERY
from store.uow import UnitOfWork

T = TypeVar("T")

log = logging.getLogger("reminders.delivery.dispatcher")


@dataclass(frozen=True)
class Job:
    """A claim with what routing needs, loaded in the claiming transaction."""

    claim: Claim
    person: Person | None
    consent: str | None

    @property
    def row(self) -> Queued:
        return self.claim.row


class OutboxBook:
    def __init__(
        self, engine: Engine, rules: Rules, *, worker: str, batch: int, lease: timedelta
    ) -> None:
        self.engine = engine
        self.rules = rules
        self.worker = worker
        self.batch = batch
        self.lease = lease

    def claim(self, now: datetime, ahead: timedelta) -> list[Job]:
        """Claims due rows of every tenant (the outbox is the one table the delivery sees
        whole), then reads routing facts tenant by tenant."""
        with UnitOfWork(self.engine, tenant=DELIVERY) as uow:
            claims = uow.outbox.claim_due(
                now=now,
                limit=self.batch,
                lease_until=now + self.lease,
                worker=self.worker,
                horizon=now + ahead,
            )
            uow.commit()
        people: dict[tuple[str, str], Person] = {}
        consents: dict[tuple[str, int], str] = {}
        for tenant, group in _by_tenant(claims, lambda c: c.row.tenant_id).items():
            with UnitOfWork(self.engine, tenant=tenant) as uow:
                for p in uow.directory.people_by_ids(
                    ids={c.row.person_id for c in group if c.row.person_id}
                ):
                    people[tenant, p.id] = p
                found = uow.referrals.consents(
                    ids={c.row.referral_id for c in group if c.row.referral_id is not None}
                )
                consents.update({(tenant, id): consent for id, consent in found.items()})
        return [
            Job(
                claim,
                people.get((claim.row.tenant_id, claim.row.person_id or "")),
                consents.get((claim.row.tenant_id, claim.row.referral_id or 0)),
            )
            for claim in claims
        ]

    def next_due(self) -> datetime | None:
        with UnitOfWork(self.engine, tenant=DELIVERY) as uow:
            return uow.outbox.next_due()

    def release(self) -> int:
        with UnitOfWork(self.engine, tenant=DELIVERY) as uow:
            released = uow.outbox.release(worker=self.worker)
            uow.commit()
        return released

    def defer(self, row: Queued, until: datetime, error: str, attempt: bool) -> None:
        with UnitOfWork(self.engine, tenant=row.tenant_id) as uow:
            uow.outbox.defer(id=row.id, until=until, error=error[:200], attempt=attempt)
            uow.commit()

    def record_sent(self, results: list[tuple[Queued, Sent]]) -> None:
        """What was sent and its disclosures, in one transaction per tenant."""
        for tenant, group in _by_tenant(results, lambda r: r[0].tenant_id).items():
            self._record_sent(tenant, group)

    def _record_sent(self, tenant: str, results: list[tuple[Queued, Sent]]) -> None:
        with UnitOfWork(self.engine, tenant=tenant) as uow:
            uow.outbox.mark_sent([sent for _, sent in results])
            for row, sent in results:
                if row.disclosure_basis:
                    notify.audit(
                        uow,
                        event="disclosed",
                        now=sent.at,
                        actor="terugkoppel",
                        case_ref=row.case_ref,
                        # a person, or a case system's webhook (no person)
                        recipient=row.person_id or f"{row.platform}:{row.address}",
                        channel=sent.channel,
                        basis=row.disclosure_basis,
                        message_key=row.message_key,
                    )
            uow.commit()

    def reach_elsewhere(self, row: Queued, now: datetime, error: str) -> None:
        """The person's channel cannot reach them: send this message by e-mail instead (the
        row keeps its place in the person's queue) and tell the team's coordinators once a
        day per person. Without an e-mail address it fails like any permanent failure."""
        with UnitOfWork(self.engine, tenant=row.tenant_id) as uow:
            stored = uow.outbox.get(id=row.id)
            person = uow.directory.person(id=row.person_id or "")
            if stored is None or person is None or not person.email or row.platform:
                uow.rollback()
                missing = True
            else:
                missing = False
                stored.platform, stored.address = Platform.EMAIL.value, person.email
                stored.claimed_until, stored.not_before, stored.error = None, now, error[:200]
                if person.team_id:
                    notify.to_coordinators(
                        uow,
                        key=f"channel-fallback:{person.id}:{self.rules.today(now).isoformat()}",
                        team_id=person.team_id,
                        message_key="teams.fallback_email",
                        params={"name": person.name, "reason": error},
                        now=now,
                        not_before=self.rules.calendar.next_send_moment(now),
                    )
                uow.commit()
        if missing:
            self.fail(row, now, error)
        else:
            log.warning("outbox %s: %s, sent by e-mail instead", row.id, error)

    def fail(self, row: Queued, now: datetime, error: str) -> None:
        """Permanent failure: the row ends with a reason and a coordinator is told."""
        with UnitOfWork(self.engine, tenant=row.tenant_id) as uow:
            stored = uow.outbox.get(id=row.id)
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


def _by_tenant(items: Iterable[T], tenant_of: Callable[[T], str]) -> dict[str, list[T]]:
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(tenant_of(item), []).append(item)
    return groups
