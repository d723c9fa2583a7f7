"""The dispatcher's bookkeeping in the database: claiming due rows, and recording what
became of each message (sent, deferred, moved to e-mail, failed). Each call is one short
transaction; the dispatcher runs them in a worker thread."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.app import notify
from bot.domain.model import Platform
from bot.domain.rules import Rules
from store.outbox import Claim, Queued, Sent
from store.schema.directory import Person
from store.uow import UnitOfWork

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
        with UnitOfWork(self.engine) as uow:
            claims = uow.outbox.claim_due(
                now=now,
                limit=self.batch,
                lease_until=now + self.lease,
                worker=self.worker,
                horizon=now + ahead,
            )
            uow.commit()
            people = {
                p.id: p
                for p in uow.directory.people_by_ids(
                    ids={c.row.person_id for c in claims if c.row.person_id}
                )
            }
            consents = uow.referrals.consents(
                ids={c.row.referral_id for c in claims if c.row.referral_id is not None}
            )
        return [
            Job(
                claim,
                people.get(claim.row.person_id or ""),
                consents.get(claim.row.referral_id or 0),
            )
            for claim in claims
        ]

    def next_due(self) -> datetime | None:
        with UnitOfWork(self.engine) as uow:
            return uow.outbox.next_due()

    def release(self) -> int:
        with UnitOfWork(self.engine) as uow:
            released = uow.outbox.release(worker=self.worker)
            uow.commit()
        return released

    def defer(self, row: Queued, until: datetime, error: str, attempt: bool) -> None:
        with UnitOfWork(self.engine) as uow:
            uow.outbox.defer(id=row.id, until=until, error=error[:200], attempt=attempt)
            uow.commit()

    def record_sent(self, results: list[tuple[Queued, Sent]]) -> None:
        with UnitOfWork(self.engine) as uow:
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
        with UnitOfWork(self.engine) as uow:
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
        with UnitOfWork(self.engine) as uow:
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
