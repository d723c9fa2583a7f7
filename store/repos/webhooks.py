"""The status webhooks' repository: registrations and the delivery log."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from store.repos.base import Repository
from store.schema.webhooks import Webhook, WebhookAttempt


class WebhookRepository(Repository):
    def add(self, webhook: Webhook) -> Webhook:
        self.session.add(webhook)
        self.session.flush()
        return webhook

    def get(self, *, id: int) -> Webhook | None:
        return self.session.get(Webhook, id)

    def active(self, *, organisation: str | None = None) -> Sequence[Webhook]:
        stmt = select(Webhook).where(col(Webhook.removed_at).is_(None))
        if organisation is not None:
            stmt = stmt.where(Webhook.organisation_id == organisation)
        return self.session.exec(stmt.order_by(col(Webhook.id))).all()

    def add_attempt(self, attempt: WebhookAttempt) -> None:
        self.session.add(attempt)

    def attempts(self, *, webhook: int | None = None, limit: int = 50) -> Sequence[WebhookAttempt]:
        """The latest attempts first."""
        stmt = select(WebhookAttempt)
        if webhook is not None:
            stmt = stmt.where(WebhookAttempt.webhook_id == webhook)
        stmt = stmt.order_by(col(WebhookAttempt.id).desc()).limit(limit)
        return self.session.exec(stmt).all()
