"""Prometheus metrics of the reminder engine: counters per process, outbox gauges from the
database at scrape time (so every replica reports the same depth)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine

from store.repos.ops import escalation_counts, referrals_received
from store.tenancy import DEFAULT_TENANT
from store.uow import UnitOfWork

SENDS = Counter(
    "terugkoppel_outbox_sends",
    "Outbox delivery attempts by channel and result "
    "(sent, reconciled, retried, rate_limited, failed), per tenant.",
    ["channel", "result", "tenant"],
    registry=None,
)
CLAIMS_TAKEN_OVER = Counter(
    "terugkoppel_outbox_claims_taken_over",
    "Outbox rows claimed again after the claim of a crashed or stalled worker expired.",
    registry=None,
)
TICK_SECONDS = Histogram(
    "terugkoppel_tick_duration_seconds",
    "Duration of one tenant's due work in a scheduler tick (due prompts, handovers, coverage).",
    ["tenant"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=None,
)


class OutboxCollector(Collector):
    """Per tenant: depth and the age of the oldest message that is due but not yet sent;
    escalations; referrals received. Read tenant by tenant, one unit of work each: the label
    is the tenant's id, never a person, team or case, and there are as many values as the
    installation has tenants."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = datetime.now(UTC)
        families = {
            "depth": GaugeMetricFamily(
                "terugkoppel_outbox_depth",
                "Messages in the outbox not yet sent or failed.",
                labels=["tenant"],
            ),
            "age": GaugeMetricFamily(
                "terugkoppel_outbox_oldest_pending_age_seconds",
                "Seconds the longest-waiting due message has been due (0 when none is due).",
                labels=["tenant"],
            ),
            "open": GaugeMetricFamily(
                "terugkoppel_escalations_open", "Escalations not yet resolved.", labels=["tenant"]
            ),
            "day": GaugeMetricFamily(
                "terugkoppel_escalations_last_24h",
                "Escalations raised to coordinators in the last 24 hours.",
                labels=["tenant"],
            ),
            "received": GaugeMetricFamily(
                "terugkoppel_referrals_received_last_24h",
                "Referrals received in the last 24 hours.",
                labels=["tenant"],
            ),
        }
        with UnitOfWork(self.engine) as uow:
            tenants = uow.tenants.ids() or [DEFAULT_TENANT]
        for tenant in tenants:
            TICK_SECONDS.labels(tenant=tenant)  # zero until this process ticks for it
            with UnitOfWork(self.engine, tenant=tenant) as uow:
                depth = uow.outbox.pending_count()
                first_due = uow.outbox.next_due()
                escalations_open, escalations_day = escalation_counts(uow.session, now=now)
                received = referrals_received(uow.session, now=now)
            age = max(0.0, (now - first_due).total_seconds()) if first_due else 0.0
            families["depth"].add_metric([tenant], depth)
            families["age"].add_metric([tenant], age)
            families["open"].add_metric([tenant], escalations_open)
            families["day"].add_metric([tenant], escalations_day)
            families["received"].add_metric([tenant], received)
        yield from families.values()


def registry_for(engine: Engine) -> CollectorRegistry:
    """The registry `/metrics` serves. It reads nothing at start (the database may be away);
    the gauges come first, so each tenant's tick series exists from the first scrape."""
    registry = CollectorRegistry()
    for collector in (OutboxCollector(engine), SENDS, CLAIMS_TAKEN_OVER, TICK_SECONDS):
        registry.register(collector)
    return registry
