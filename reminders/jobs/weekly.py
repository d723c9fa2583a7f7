"""The weekly digest: once per cluster and week, into the outbox for each team's
coordinators and for the municipality's recipients.

Sent once per team and week even with several workers: the job runs under the cluster
lock and is recorded in `job_runs` per reported week, and every outbox row's idempotency
key names the team (or the municipality), the week and the recipient, so a job that ran
twice (a crash before it was recorded) still queues each digest once.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from bot.app import notify
from bot.app.digest.figures import Digest, week_label
from bot.app.digest.frozen import report
from bot.app.digest.render import as_text, chart_spec
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.messages import language_of
from reminders.delivery.attachments import CHART
from reminders.jobs.once import once_per_cluster
from store.uow import UnitOfWork

log = logging.getLogger(__name__)

JOB = "digest"
MESSAGE_KEY = "digest.message"


def run_weekly_digests(engine: Engine, rules: Rules, *, now: datetime) -> int:
    """Queues the digests whose send moment has come and that were not queued yet;
    returns how many outbox rows it added (a row whose key exists is not added again)."""
    due = rules.digest.latest_due(rules.calendar, now)
    if due is None:
        return 0
    monday, _ = due
    period = week_label(monday)
    queued = once_per_cluster(
        engine,
        job=JOB,
        period=period,
        now=now,
        work=lambda: queue_digests(engine, rules, monday=monday, now=now),
    )
    if queued is None:
        return 0
    log.info("digest %s: %s messages queued", period, queued)
    return queued


def queue_digests(engine: Engine, rules: Rules, *, monday: date, now: datetime) -> int:
    """One digest per team to its coordinators, and the municipal one; each team in its
    own transactions, so one that fails does not stop the others."""
    queued = 0
    with UnitOfWork(engine) as uow:
        teams = [team.id for team in uow.directory.teams()]
    for team in teams:
        try:
            queued += _queue_team(engine, rules, team=team, monday=monday, now=now)
        except Exception:
            log.exception("digest for team %s failed", team)
    if rules.digest.municipality:
        try:
            queued += _queue_municipality(engine, rules, monday=monday, now=now)
        except Exception:
            log.exception("municipal digest failed")
    return queued


def _queue_team(engine: Engine, rules: Rules, *, team: str, monday: date, now: datetime) -> int:
    figures = report(UnitOfWork(engine), rules, team=team, monday=monday, now=now)
    not_before = rules.calendar.next_send_moment(now)
    added = 0
    with UnitOfWork(engine) as uow:
        uow.outbox.collect()  # INSERT … ON CONFLICT DO NOTHING: a second run adds nothing
        for coordinator in uow.directory.members(team=team, role="coordinator"):
            key = f"digest:{team}:{figures.week}:{coordinator.id}"
            if uow.outbox.exists(key=key):
                continue
            language = language_of(coordinator.language)
            added += notify.to_person(
                uow,
                key=key,
                person=coordinator,
                message_key=MESSAGE_KEY,
                params=_params(figures, language),
                now=now,
                not_before=not_before,
            )
        uow.commit()
    return added


def _queue_municipality(engine: Engine, rules: Rules, *, monday: date, now: datetime) -> int:
    """Aggregate only: no case reference, no partner name, small numbers suppressed, so
    the outbox row holds nothing that could single out a family either."""
    figures = report(UnitOfWork(engine), rules, team=None, monday=monday, now=now, municipal=True)
    not_before = rules.calendar.next_send_moment(now)
    added = 0
    with UnitOfWork(engine) as uow:
        uow.outbox.collect()
        for recipient in rules.digest.municipality:
            key = f"digest:municipality:{figures.week}:{recipient}"
            if uow.outbox.exists(key=key):
                continue
            platform, colon, address = recipient.partition(":")
            if colon:
                added += uow.outbox.enqueue(
                    key=key,
                    conversation=f"{platform}:{address}",
                    platform=Platform(platform).value,
                    address=address,
                    language="nl",
                    message_key=MESSAGE_KEY,
                    params=_params(figures, "nl"),
                    created_at=now,
                    not_before=not_before,
                )
                continue
            person = uow.directory.person(id=recipient)
            if person is None or not person.active:
                log.warning("municipal digest: %r is not an active person", recipient)
                continue
            language = language_of(person.language)
            added += notify.to_person(
                uow,
                key=key,
                person=person,
                message_key=MESSAGE_KEY,
                params=_params(figures, language),
                now=now,
                not_before=not_before,
            )
        uow.commit()
    return added


def _params(figures: Digest, language: str) -> dict[str, Any]:
    """The text in the recipient's language and the chart's data (drawn at send time)."""
    return {"body": as_text(figures, language), CHART: chart_spec(figures, language)}
