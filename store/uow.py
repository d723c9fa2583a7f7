"""Unit of work: one session, one transaction, the repositories bound to it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session

from store.outbox import OutboxRepository
from store.repos.apikeys import ApiKeyRepository
from store.repos.audit import AuditRepository
from store.repos.cases import (
    CaseRepository,
    EscalationRepository,
    HandoverRepository,
    PromptRepository,
    ReferralRepository,
)
from store.repos.directory import DirectoryRepository
from store.repos.due import DueRepository
from store.repos.home import HomeRepository
from store.repos.idempotency import ApiIdempotencyRepository, InboundRepository, JobRepository
from store.repos.loop import LoopRepository
from store.repos.moves import MoveRepository
from store.repos.overview import OverviewRepository
from store.repos.privacy import PrivacyRepository
from store.repos.reported import ReportedRepository
from store.repos.reports import ReportRepository
from store.repos.retention import RetentionRepository
from store.repos.satisfaction import SatisfactionRepository
from store.repos.tenants import TenantRepository
from store.repos.waits import WaitRepository
from store.repos.webhooks import WebhookRepository
from store.tenancy import current_tenant


class UnitOfWork:
    """`with uow: ...; uow.commit()` — leaving the block without commit rolls back."""

    session: Session

    def __init__(self, engine: Engine, *, tenant: str | None = None) -> None:
        self.engine = engine
        # The municipality this work belongs to: every query and new row is scoped to it
        # (store/tenancy.py). None: the tenant of the work in progress (`tenant_scope`).
        self.tenant = tenant or current_tenant()

    def __enter__(self) -> UnitOfWork:
        self.session = Session(self.engine, expire_on_commit=False, info={"tenant": self.tenant})
        s = self.session
        self.directory = DirectoryRepository(s)
        self.cases = CaseRepository(s)
        self.referrals = ReferralRepository(s)
        self.prompts = PromptRepository(s)
        self.handovers = HandoverRepository(s)
        self.escalations = EscalationRepository(s)
        self.outbox = OutboxRepository(s)
        self.audit = AuditRepository(s)
        self.inbound = InboundRepository(s)
        self.jobs = JobRepository(s)
        self.due = DueRepository(s)
        self.reports = ReportRepository(s)
        self.reported = ReportedRepository(s)  # digests as sent: reported weeks stay
        self.home = HomeRepository(s)
        self.overview = OverviewRepository(s)  # the overview page (/overzicht)
        self.satisfaction = SatisfactionRepository(s)  # referrer satisfaction
        self.loop = LoopRepository(s)  # the referrer's own loop
        self.api_keys = ApiKeyRepository(s)
        self.api_idempotency = ApiIdempotencyRepository(s)
        self.privacy = PrivacyRepository(s)
        self.retention = RetentionRepository(s)
        self.waits = WaitRepository(s)  # waiting times and stalled care
        self.webhooks = WebhookRepository(s)  # status webhooks per organisation
        self.tenants = TenantRepository(s)  # the installation's tenants (not scoped)
        self.moves = MoveRepository(s)  # moves between tenants (both sides read them)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() ends the transaction (uncommitted work is rolled back) without expiring
        # the rows already loaded, so callers may still read them after the block.
        self.session.close()

    def commit(self) -> None:
        self.outbox.flush_collected()
        self.session.commit()

    def rollback(self) -> None:
        self.outbox.discard_collected()
        self.session.rollback()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name
