"""Prometheus metrics of the reminder engine: counters per process, outbox gauges from the
database at scrape time (so every replica reports the same depth)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine

from store.repos.ops import escalation_counts
from store.uow import UnitOfWork

SENDS = Counter(
    "terugkoppel_outbox_sends",
    "Outbox delivery attempts by channel and result "
    "(sent, reconciled, retried, rate_limited, failed).",
    ["channel", "result"],
    registry=None,
)
CLAIMS_TAKEN_OVER = Counter(
    "terugkoppel_outbox_claims_taken_over",
    "Outbox rows claimed again after the claim of a crashed or stalled worker expired.",
    registry=None,
)
TICK_SECONDS = Histogram(
    "terugkoppel_tick_duration_seconds",
    "Duration of one scheduler tick (due prompts, handovers, coverage).",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=None,
)


class OutboxCollector(Collector):
    """Depth and the age of the oldest message that is due but not yet sent; escalations."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = datetime.now(UTC)
        with UnitOfWork(self.engine) as uow:
            depth = uow.outbox.pending_count()
            first_due = uow.outbox.next_due()
            escalations_open, escalations_day = escalation_counts(uow.session, now=now)
        yield GaugeMetricFamily(
            "terugkoppel_outbox_depth", "Messages in the outbox not yet sent or failed.", depth
        )
        age = max(0.0, (now - first_due).total_seconds()) if first_due else 0.0
        yield GaugeMetricFamily(
            "terugkoppel_outbox_oldest_pending_age_seconds",
            "Seconds the longest-waiting due message has been due (0 when none is due).",
            age,
        )
        yield GaugeMetricFamily(
            "terugkoppel_escalations_open", "Escalations not yet resolved.", escalations_open
        )
        yield GaugeMetricFamily(
            "terugkoppel_escalations_last_24h",
            "Escalations raised to coordinators in the last 24 hours.",
            escalations_day,
        )


def registry_for(engine: Engine) -> CollectorRegistry:
    registry = CollectorRegistry()
    for collector in (SENDS, CLAIMS_TAKEN_OVER, TICK_SECONDS, OutboxCollector(engine)):
        registry.register(collector)
    return registry
