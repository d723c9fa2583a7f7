"""Status webhooks: an organisation's case system hears the status of its referrals.

A registration is a URL and a signing secret per organisation (`terugkoppel webhook add`).
Every status the referrer is told (bot/app/referrals/flow.py) also becomes one outbox row
per active webhook of the referrer's organisation, in the same transaction, on the same
consent basis: the dispatcher delivers it like every other message (retries, backoff,
nothing lost) and drops it when the consent has since been lowered. The adapter
(adapters/webhook/) signs it by the Standard Webhooks specification and records every
attempt here, which is what `webhook log` shows the operator.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from bot.app.referrals.view import phase_of, visible_status
from bot.domain.errors import TerugkoppelError
from bot.domain.model import Platform, ReferralStatus
from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.schema.webhooks import Webhook, WebhookAttempt
from store.uow import UnitOfWork

EVENT = "referral.status"
MESSAGE_KEY = "webhook.referral_status"  # the catalogue's line for the console and the demo
_SECRET_PREFIX = "whsec_"


class WebhookInvalid(TerugkoppelError):
    """A webhook that cannot be registered: no such organisation, or not an HTTPS URL."""

    key = "webhook.invalid"


@dataclass(frozen=True)
class Target:
    """Where one delivery goes and how it is signed."""

    webhook_id: int
    url: str
    secret: str


@dataclass(frozen=True)
class Registered:
    id: int
    organisation: str
    url: str
    secret: str  # shown once


@dataclass(frozen=True)
class Listed:
    id: int
    organisation: str
    url: str
    created_at: datetime


@dataclass(frozen=True)
class LogLine:
    webhook_id: int
    message_id: str
    event: str
    at: datetime
    status_code: int | None
    error: str | None


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return _SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def message_id(outbox_key: str) -> str:
    """The `webhook-id` of an outbox row: the same on every retry, unguessable from outside."""
    return "msg_" + hashlib.sha256(outbox_key.encode()).hexdigest()[:24]


def url_allowed(url: str) -> bool:
    """HTTPS only, except to 127.0.0.1 (tests, a receiver on the same machine)."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")


def register(uow: UnitOfWork, *, organisation: str, url: str, now: datetime) -> Registered:
    url = url.strip()
    if len(url) > 500 or not url_allowed(url):
        raise WebhookInvalid(what=url[:80])
    with uow:
        if uow.directory.organisation(id=organisation) is None:
            raise WebhookInvalid(what=organisation[:80])
        hook = uow.webhooks.add(
            Webhook(organisation_id=organisation, url=url, secret=new_secret(), created_at=now)
        )
        uow.commit()
        return Registered(hook.id or 0, organisation, url, hook.secret)


def listed(uow: UnitOfWork) -> list[Listed]:
    with uow:
        return [
            Listed(h.id or 0, h.organisation_id, h.url, h.created_at) for h in uow.webhooks.active()
        ]


def remove(uow: UnitOfWork, *, webhook_id: int, now: datetime) -> bool:
    """Stops deliveries to it (queued ones fail as gone); the log stays. False: none such."""
    with uow:
        hook = uow.webhooks.get(id=webhook_id)
        if hook is None or hook.removed_at is not None:
            return False
        hook.removed_at = now
        uow.commit()
        return True


def log(uow: UnitOfWork, *, webhook_id: int | None = None, limit: int = 50) -> list[LogLine]:
    with uow:
        rows: Sequence[WebhookAttempt] = uow.webhooks.attempts(webhook=webhook_id, limit=limit)
        return [
            LogLine(r.webhook_id, r.message_id, r.event, r.at, r.status_code, r.error) for r in rows
        ]


def target(uow: UnitOfWork, *, address: str) -> Target | None:
    """The delivery target of an outbox row's address (the webhook's id); None when the
    webhook was removed or never existed."""
    if not address.isdigit():
        return None
    with uow:
        hook = uow.webhooks.get(id=int(address))
        if hook is None or hook.removed_at is not None:
            return None
        return Target(hook.id or 0, hook.url, hook.secret)


def record_attempt(
    uow: UnitOfWork,
    *,
    webhook_id: int,
    outbox_key: str,
    event: str,
    at: datetime,
    status_code: int | None,
    error: str | None,
) -> None:
    with uow:
        uow.webhooks.add_attempt(
            WebhookAttempt(
                webhook_id=webhook_id,
                message_id=message_id(outbox_key),
                event=event[:40],
                at=at,
                status_code=status_code,
                error=error[:200] if error else None,
            )
        )
        uow.commit()


def body(
    referral: Referral, case: Case, status: ReferralStatus, *, now: datetime
) -> dict[str, Any]:
    """The event as the referrer may know it: the status only where consent allows it,
    the phase (received, in progress, ended) always."""
    return {
        "type": EVENT,
        "case_ref": case.ref,
        "external_ref": referral.external_ref,
        "status": visible_status(status.value, referral.consent),
        "phase": phase_of(status.value),
        "at": now.isoformat(),
    }


def status_changed(
    uow: UnitOfWork,
    referral: Referral,
    case: Case,
    status: ReferralStatus,
    *,
    referrer: Person,
    basis: str,
    now: datetime,
) -> int:
    """Within the status change's transaction: one outbox row per active webhook of the
    referrer's organisation. Called only for what the referrer is told, so a webhook
    never learns more than the referrer does; each is audited as a disclosure when it is
    delivered (reminders/delivery/book.py), like a message to the referrer. Returns how
    many were queued."""
    if not referrer.organisation_id:
        return 0
    queued = 0
    for hook in uow.webhooks.active(organisation=referrer.organisation_id):
        queued += uow.outbox.enqueue(
            key=f"webhook:{hook.id}:{referral.id}:{status.value}:{now.isoformat()}",
            conversation=f"webhook:{hook.id}",
            platform=Platform.WEBHOOK.value,
            address=str(hook.id),
            message_key=MESSAGE_KEY,
            params=body(referral, case, status, now=now),
            referral_id=referral.id,
            case_ref=case.ref,
            disclosure_basis=basis,
            created_at=now,
            not_before=now,  # a case system hears at any hour
        )
    return queued
