"""Command-line verbs for privacy: apikey, consent, audit export, retention, person export."""

from __future__ import annotations

import csv
import getpass
import json
import sys
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

if TYPE_CHECKING:
    from bot.main.wiring import Container

from bot.domain.consent import Party
from bot.domain.errors import UnknownPerson
from bot.domain.model import Consent
from bot.messages import text

apikey_app = typer.Typer(no_args_is_help=True, help="REST API keys.")
consent_app = typer.Typer(no_args_is_help=True, help="Consent per case.")
audit_app = typer.Typer(no_args_is_help=True, help="The audit log (append-only).")
retention_app = typer.Typer(no_args_is_help=True, help="Retention of closed cases and audit.")
person_app = typer.Typer(no_args_is_help=True, help="What is stored about a person.")
out = Console(highlight=False)

AUDIT_COLUMNS = (
    "at",
    "event",
    "case_ref",
    "actor",
    "on_behalf_of",
    "recipient",
    "channel",
    "basis",
    "message_key",
)


def _container() -> Container:
    from bot.main.cli import _ready_container

    container: Container = _ready_container()
    return container


def _language() -> str:
    from bot.main.cli import _language as language

    return language()


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _day(value: str | None, option: str) -> date | None:
    from bot.main.cli import UsageProblem

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(text("cli.bad_date", _language(), option=option, value=value)) from exc


class Level(StrEnum):
    none = "none"
    status = "status"
    notes = "notes"


class Given(StrEnum):
    parents = "parents"
    youth = "youth"
    both = "both"


@apikey_app.command("create")
def apikey_create(
    name: str,
    organisation: Annotated[
        str | None, typer.Option(help="Bind the key to this organisation's referrers.")
    ] = None,
) -> None:
    """Create a named key; it is printed once and stored only as a hash."""
    from bot.app.apikeys import create_key
    from store.uow import UnitOfWork

    container = _container()
    key = create_key(
        UnitOfWork(container.engine), name=name, now=datetime.now(UTC), organisation=organisation
    )
    out.print(text("cli.apikey_created", _language(), name=name), markup=False)
    sys.stdout.write(key + "\n")


@apikey_app.command("list")
def apikey_list() -> None:
    """Names, organisation, created and revoked (never the keys)."""
    from bot.app.apikeys import list_keys
    from store.uow import UnitOfWork

    container = _container()
    rules = container.rules
    keys = list_keys(UnitOfWork(container.engine))
    if not keys:
        out.print(text("cli.apikey_none", _language()), markup=False)
    for key in keys:
        state = (
            text("cli.apikey_revoked", _language(), at=rules.moment_text(key.revoked_at))
            if key.revoked_at
            else text("cli.apikey_active", _language())
        )
        out.print(
            f"{key.name}\t{key.organisation or '-'}\t{rules.moment_text(key.created_at)}\t{state}",
            markup=False,
        )


@apikey_app.command("revoke")
def apikey_revoke(name: str) -> None:
    """Revoke a key at once; it stays listed as revoked."""
    from bot.app.apikeys import revoke_key
    from store.uow import UnitOfWork

    container = _container()
    changed = revoke_key(UnitOfWork(container.engine), name=name, now=datetime.now(UTC))
    key = "cli.apikey_revoked_now" if changed else "cli.apikey_was_revoked"
    out.print(text(key, _language(), name=name), markup=False)


@consent_app.command("set")
def consent_set(
    case_ref: str,
    level: Level,
    given_by: Annotated[
        Given | None, typer.Option("--given-by", help="Who gave (or withdrew) the consent.")
    ] = None,
    birth_month: Annotated[
        str | None, typer.Option("--birth-month", help="YYYY-MM, to apply the Jeugdwet rule.")
    ] = None,
) -> None:
    """Give, change or withdraw (level none) the consent of a case; audited."""
    from bot.app.consent_changes import set_consent, valid_birth_month
    from bot.main.cli import UsageProblem
    from store.uow import UnitOfWork

    container = _container()
    now = datetime.now(UTC)
    if birth_month is not None:
        try:
            valid_birth_month(birth_month, container.rules, now)
        except ValueError as exc:
            raise UsageProblem(text("cli.bad_birth_month", _language(), value=birth_month)) from exc
    change = set_consent(
        UnitOfWork(container.engine),
        container.rules,
        case_ref=case_ref,
        level=Consent(level.value),
        given_by=Party(given_by.value) if given_by else None,
        actor=_actor(),
        now=now,
        channel="cli",
        birth_month=birth_month,
    )
    out.print(
        text(
            "cli.consent_set",
            _language(),
            case_ref=change.case_ref,
            before=text(f"consent.{change.before}", _language()),
            after=text(f"consent.{change.after}", _language()),
            withheld=change.withheld,
        ),
        markup=False,
    )


@audit_app.command("export")
def audit_export(
    case: Annotated[str | None, typer.Option("--case", help="Case reference.")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD, local).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD, local).")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="CSV file; else stdout.")] = None,
) -> None:
    """Write the audit rows as CSV (times in the configured time zone)."""
    from store.uow import UnitOfWork

    container = _container()
    calendar = container.rules.calendar
    first, last = _day(from_, "--from"), _day(to, "--to")
    zone = ZoneInfo(container.settings.timezone)

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)

    start = midnight(first) if first else None
    end = midnight(last + timedelta(days=1)) if last else None
    with UnitOfWork(container.engine) as uow:
        rows = uow.privacy.audit_rows(case_ref=case, start=start, end=end)
    handle = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    try:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(AUDIT_COLUMNS)
        for row in rows:
            at = calendar.local(row.at).isoformat(timespec="seconds")
            writer.writerow([at, *(getattr(row, name) or "" for name in AUDIT_COLUMNS[1:])])
    finally:
        if output:
            handle.close()
    if output:
        out.print(text("cli.audit_written", _language(), count=len(rows), path=str(output)))


@retention_app.command("purge")
def retention_purge(
    now: Annotated[
        bool, typer.Option("--now", help="Purge now; without it only count what would go.")
    ] = False,
) -> None:
    """Closed cases older than TERUGKOPPEL_RETENTION_DAYS and audit rows older than five years."""
    from bot.app.retention import purge
    from store.uow import UnitOfWork

    container = _container()
    report = purge(
        UnitOfWork(container.engine),
        now=datetime.now(UTC),
        retention_days=container.rules.retention_days,
        dry_run=not now,
    )
    key = "cli.retention_purged" if now else "cli.retention_would_purge"
    out.print(
        text(
            key,
            _language(),
            cases=report.cases,
            audit=report.audit,
            days=container.rules.retention_days,
        ),
        markup=False,
    )


@person_app.command("export")
def person_export(person_id: str) -> None:
    """Print (JSON) every row stored about a person: directory, absences, assignments,
    conversations, messages to them, audit rows naming them."""
    from store.uow import UnitOfWork

    container = _container()
    with UnitOfWork(container.engine) as uow:
        if uow.directory.person(id=person_id) is None:
            raise UnknownPerson(person=person_id)
        found = uow.privacy.about_person(person_id=person_id)
    sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False, default=_json) + "\n")


def _json(value: object) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
