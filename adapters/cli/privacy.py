"""Command-line verbs for privacy: apikey, consent, audit export and verify, retention, person
export."""

from __future__ import annotations

import csv
import getpass
import json
import re
import sys
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from adapters.cli.files import reason
from adapters.cli.runtime import UsageProblem, in_tenant, runtime
from adapters.cli.values import completions, words
from bot.domain.consent import Party
from bot.domain.model import Consent
from bot.messages import text

# The use cases are imported inside the verbs: lazy, for start-up cost (`--help` and the
# other verbs do not load them).

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

# How `audit verify` says where the chain breaks, by reason (store/audit_chain.Break).
BROKEN = {"link": "cli.audit_broken_link", "content": "cli.audit_broken_content"}


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _day(value: str | None, option: str, language: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(text("cli.bad_date", language, option=option, value=value)) from exc


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
    ctx: typer.Context,
    name: str,
    organisation: Annotated[
        str | None, typer.Option(help="Bind the key to this organisation's referrers.")
    ] = None,
    tenant: Annotated[str | None, typer.Option(help="The key's municipality.")] = None,
) -> None:
    """Create a named key; it is printed once and stored only as a hash."""
    from bot.app.apikeys import create_key

    ready = runtime(ctx).ready()
    with in_tenant(ready, tenant):
        key = create_key(
            ready.data.uow(), name=name, now=datetime.now(UTC), organisation=organisation
        )
    out.print(text("cli.apikey_created", runtime(ctx).language(), name=name), markup=False)
    sys.stdout.write(key + "\n")


@apikey_app.command("list")
def apikey_list(ctx: typer.Context) -> None:
    """Names, organisation, created and revoked (never the keys)."""
    from bot.app.apikeys import list_keys

    ready = runtime(ctx).ready()
    rules, language = ready.rules, runtime(ctx).language()
    keys = list_keys(ready.data.uow())
    if not keys:
        out.print(text("cli.apikey_none", language), markup=False)
    for key in keys:
        state = (
            text("cli.apikey_revoked", language, at=rules.moment_text(key.revoked_at))
            if key.revoked_at
            else text("cli.apikey_active", language)
        )
        out.print(
            f"{key.name}\t{key.organisation or '-'}\t{rules.moment_text(key.created_at)}\t{state}",
            markup=False,
        )


@apikey_app.command("revoke")
def apikey_revoke(ctx: typer.Context, name: str) -> None:
    """Revoke a key at once; it stays listed as revoked."""
    from bot.app.apikeys import revoke_key

    ready = runtime(ctx).ready()
    changed = revoke_key(ready.data.uow(), name=name, now=datetime.now(UTC))
    key = "cli.apikey_revoked_now" if changed else "cli.apikey_was_revoked"
    out.print(text(key, runtime(ctx).language(), name=name), markup=False)


@consent_app.command("set")
def consent_set(
    ctx: typer.Context,
    case_ref: str,
    level: Annotated[
        Level,
        typer.Argument(parser=words(Level, "level"), autocompletion=completions(Level, "level")),
    ],
    given_by: Annotated[
        Given | None,
        typer.Option(
            "--given-by",
            parser=words(Given, "given"),
            autocompletion=completions(Given, "given"),
            help="Who gave (or withdrew) the consent.",
        ),
    ] = None,
    birth_month: Annotated[
        str | None, typer.Option("--birth-month", help="YYYY-MM, to apply the Jeugdwet rule.")
    ] = None,
) -> None:
    """Give, change or withdraw (level none) the consent of a case; audited."""
    from bot.app.consent_changes import set_consent, valid_birth_month

    ready = runtime(ctx).ready()
    language = runtime(ctx).language()
    now = datetime.now(UTC)
    if birth_month is not None:
        try:
            valid_birth_month(birth_month, ready.rules, now)
        except ValueError as exc:
            raise UsageProblem(text("cli.bad_birth_month", language, value=birth_month)) from exc
    change = set_consent(
        ready.data.uow(),
        ready.rules,
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
            language,
            case_ref=change.case_ref,
            before=text(f"consent.{change.before}", language),
            after=text(f"consent.{change.after}", language),
            withheld=change.withheld,
        ),
        markup=False,
    )


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option("--case", help="Case reference.")] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD, local).")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD, local).")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="CSV file; else stdout.")] = None,
) -> None:
    """Write the audit rows as CSV (times in the configured time zone)."""
    from bot.app.exports import audit_rows

    ready = runtime(ctx).ready()
    calendar = ready.rules.calendar
    language = runtime(ctx).language()
    first, last = _day(from_, "--from", language), _day(to, "--to", language)
    zone = calendar.tz

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)

    start = midnight(first) if first else None
    end = midnight(last + timedelta(days=1)) if last else None
    rows = audit_rows(ready.data.uow(), case_ref=case, start=start, end=end)
    try:
        handle = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        problem = reason(exc, language)
        message = text("cli.cannot_write", language, path=str(output), problem=problem)
        raise UsageProblem(message) from exc
    try:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(AUDIT_COLUMNS)
        for row in rows:
            at = calendar.local(row.at).isoformat(timespec="seconds") if row.at else ""
            writer.writerow([at, *(getattr(row, name) or "" for name in AUDIT_COLUMNS[1:])])
    finally:
        if output:
            handle.close()
    if output:
        out.print(text("cli.audit_written", language, count=len(rows), path=str(output)))


@audit_app.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Check the audit hash chain; name the first broken row (exit 1), else exit 0."""
    from bot.app.audit_check import verify_chain

    language = runtime(ctx).language()
    verdict = verify_chain(runtime(ctx).ready().data.uow())
    if verdict.broken is None:
        out.print(
            text("cli.audit_intact", language, count=verdict.rows, head=verdict.head),
            markup=False,
        )
        return
    key = BROKEN[verdict.broken.reason]
    err = Console(stderr=True, highlight=False)
    err.print(text(key, language, row=verdict.broken.row_id), markup=False)
    raise typer.Exit(1)


@retention_app.command("purge")
def retention_purge(
    ctx: typer.Context,
    now: Annotated[
        bool, typer.Option("--now", help="Purge now; without it only count what would go.")
    ] = False,
) -> None:
    """Closed cases older than TERUGKOPPEL_RETENTION_DAYS and audit rows older than five years."""
    from bot.app.retention import purge

    ready = runtime(ctx).ready()
    report = purge(
        ready.data.uow(),
        now=datetime.now(UTC),
        retention_days=ready.rules.retention_days,
        dry_run=not now,
    )
    key = "cli.retention_purged" if now else "cli.retention_would_purge"
    out.print(
        text(
            key,
            runtime(ctx).language(),
            cases=report.cases,
            audit=report.audit,
            days=ready.rules.retention_days,
        ),
        markup=False,
    )


@person_app.command("export")
def person_export(ctx: typer.Context, person_id: str) -> None:
    """Print (JSON) every row stored about a person: directory, absences, assignments,
    conversations, messages to them, audit rows naming them."""
    from bot.app.exports import about_person

    found = about_person(runtime(ctx).ready().data.uow(), person_id=person_id)
    sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False, default=_json) + "\n")


def _json(value: object) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


privacy_app = typer.Typer(no_args_is_help=True, help="The privacy guard.")


@privacy_app.command("check")
def privacy_check(
    ctx: typer.Context,
    note: Annotated[
        str | None, typer.Argument(metavar="[TEXT]", help="The text; else standard input.")
    ] = None,
    lines: Annotated[
        bool, typer.Option("--lines", help="Check every input line on its own.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help='One JSON object per text: {"findings": [...]}.')
    ] = False,
    directory: Annotated[
        bool,
        typer.Option(
            "--directory",
            help="Also the directory's names and TERUGKOPPEL_PRIVACY_NAMES_FILE, as the "
            "service checks a note (reads the database).",
        ),
    ] = False,
) -> None:
    """What the privacy guard finds in a text: exit 0 nothing found, 1 found, 2 usage."""
    from bot.app.note_check import guard_names, note_hint
    from bot.domain import privacy_guard

    language = runtime(ctx).language()
    names: list[re.Pattern[str]] = []
    if directory:
        ready = runtime(ctx).ready()
        with ready.data.uow() as uow:
            names = guard_names(uow, ready.rules)
    if note is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageProblem(text("privacy.check_usage", language))
        note = sys.stdin.read()
    texts = note.splitlines() if lines else [note.removesuffix("\n")]
    found_any = False
    for one in texts:
        found = privacy_guard.check(one, patterns=names)
        found_any = found_any or bool(found)
        if as_json:
            findings = [{"kind": f.kind, "start": f.start, "end": f.end} for f in found]
            out.print(
                json.dumps({"findings": findings}, ensure_ascii=False), markup=False, soft_wrap=True
            )
        elif found:
            out.print(privacy_guard.marked(one, found), markup=False, soft_wrap=True)
            out.print("  " + note_hint(found, language), markup=False, soft_wrap=True)
        elif lines:
            out.print(one, markup=False, soft_wrap=True)
    if not as_json and not found_any:
        out.print(text("privacy.check_clean", language), markup=False)
    raise typer.Exit(1 if found_any else 0)
