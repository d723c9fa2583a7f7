"""Imports the operator's directory (YAML or CSV): validated whole, applied in one transaction."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import SQLModel, select

from bot.app.directory.fields import (
    SECTIONS,
    TEAM_NORMS,
    ContactEntry,
    GuideEntry,
    OnCallEntry,
    OrganisationEntry,
    PersonEntry,
    TeamEntry,
    split_roles,
)
from bot.app.directory.ownership import ids_of_others_refused, refuse_ids_of_others
from bot.app.directory.schema import (
    Known,
    KnownPerson,
    Labelled,
    check_references,
    parse,
    sections,
)
from bot.domain.errors import DirectoryInvalid
from bot.domain.moves import is_link
from bot.messages import Message
from store.schema.directory import ContactAssignment, OnCall, Organisation, Person, Team
from store.schema.directory import GuideEntry as GuideRow
from store.uow import UnitOfWork

COLUMNS: dict[str, tuple[str, ...]] = {
    "organisations": ("id", "name", "kind"),
    "teams": ("id", "name", "case_prefix", "intake_slack", "intake_teams", *TEAM_NORMS),
    "people": (
        "id",
        "name",
        "email",
        "team",
        "organisation",
        "roles",
        "language",
        "slack",
        "teams",
    ),
    "contacts": ("team", "partner", "primary", "backup"),
    "on_call": ("team", "person", "from", "to"),
    "guide": ("id", "helps_with", "how_to_refer"),
}
_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class ImportReport:
    """Rows per outcome across all sections; `removed` counts contact pairs and rota entries."""

    created: int
    updated: int
    unchanged: int
    left: int
    removed: int = 0


def load_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Reads a YAML file, one section's CSV file (`people.csv`), or a folder holding such files."""
    if path.is_dir():
        return _load_folder(path)
    return _load_one(path)


def _load_folder(folder: Path) -> dict[str, list[dict[str, Any]]]:
    files = sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in (*_YAML, ".csv")
    )
    if not files:
        raise DirectoryInvalid(entry=str(folder), field="-", problem=Message("directory.no_files"))
    merged: dict[str, list[dict[str, Any]]] = {}
    for path in files:
        for section, rows in _load_one(path).items():
            if section in merged:
                raise DirectoryInvalid(
                    entry=path.name,
                    field="-",
                    problem=Message("directory.section_twice", {"section": section}),
                )
            merged[section] = rows
    return merged


def _load_one(path: Path) -> dict[str, list[dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix in _YAML:
        return _load_yaml(path)
    if suffix == ".csv":
        section = path.stem.lower()
        if section not in SECTIONS:
            raise DirectoryInvalid(
                entry=path.name,
                field="-",
                problem=Message(
                    "directory.csv_name", {"names": ", ".join(s + ".csv" for s in SECTIONS)}
                ),
            )
        return {section: _load_csv(path, section)}
    raise DirectoryInvalid(entry=path.name, field="-", problem=Message("directory.not_a_file"))


def _read(path: Path) -> str:
    try:
        # utf-8-sig: spreadsheet programs put a byte-order mark before "CSV UTF-8".
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DirectoryInvalid(
            entry=path.name, field="-", problem=Message("directory.not_utf8")
        ) from None
    except OSError as error:
        raise DirectoryInvalid(
            entry=str(path),
            field="-",
            problem=Message("directory.unreadable", {"number": error.errno or 0}),
        ) from None


def _load_yaml(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        data = yaml.safe_load(_read(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark else "?"
        raise DirectoryInvalid(
            entry=path.name, field="-", problem=Message("directory.bad_yaml", {"line": line})
        ) from None
    except yaml.YAMLError:
        raise DirectoryInvalid(
            entry=path.name, field="-", problem=Message("directory.bad_yaml", {"line": "?"})
        ) from None
    if data is None:
        raise DirectoryInvalid(entry=path.name, field="-", problem=Message("directory.empty"))
    return sections(data, source=path.name)


def _load_csv(path: Path, section: str) -> list[dict[str, Any]]:
    text = _read(path)
    header = next((line for line in text.splitlines() if line.strip()), "")
    # Dutch spreadsheet programs write ';' between cells; the header tells which one is used.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[dict[str, Any]] = []
    try:
        columns = [name.strip() for name in reader.fieldnames or ()]
        for name in columns:
            if name not in COLUMNS[section]:
                raise DirectoryInvalid(
                    entry=path.name,
                    field=name or "-",
                    problem=Message(
                        "directory.bad_column",
                        {"section": section, "columns": ", ".join(COLUMNS[section])},
                    ),
                )
        if len(set(columns)) != len(columns):
            raise DirectoryInvalid(
                entry=path.name, field="-", problem=Message("directory.column_twice")
            )
        reader.fieldnames = columns
        for cells in reader:
            if None in cells:
                raise DirectoryInvalid(
                    entry=path.name,
                    field="-",
                    problem=Message("directory.too_many_cells", {"line": reader.line_num}),
                )
            rows.append(_row(section, cells))
    except csv.Error:
        raise DirectoryInvalid(
            entry=path.name,
            field="-",
            problem=Message("directory.bad_csv", {"line": reader.line_num}),
        ) from None
    return rows


def _row(section: str, cells: Mapping[str, str | None]) -> dict[str, Any]:
    """One CSV line as the YAML entry it flattens; an empty cell is an absent key."""
    row: dict[str, Any] = {
        name: value.strip() for name, value in cells.items() if value is not None and value.strip()
    }
    if section == "teams":
        intake = {
            platform: row.pop(f"intake_{platform}")
            for platform in ("slack", "teams")
            if f"intake_{platform}" in row
        }
        if intake:
            row["intake"] = intake
    if section == "people" and "roles" in row:
        row["roles"] = split_roles(row["roles"])
    return row


class _Counter:
    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = self.left = self.removed = 0

    def report(self) -> ImportReport:
        return ImportReport(self.created, self.updated, self.unchanged, self.left, self.removed)


def import_directory(uow: UnitOfWork, data: Mapping[str, Any], *, now: datetime) -> ImportReport:
    """Validates everything, then upserts by the operator's ids; an invalid input changes nothing.

    Sections the input lacks are not touched. With a `people` section, active people missing
    from it are marked as left; with `contacts`, pairs missing from it are removed; with
    `on_call`, rota entries missing from it that have not yet ended are removed.
    """
    directory = parse(data)
    counter = _Counter()
    with uow:
        check_references(directory, _known(uow))
        refuse_ids_of_others(uow, directory)
        with ids_of_others_refused():
            _apply_organisations(uow, directory.organisations, counter)
            _apply_teams(uow, directory.teams, counter)
            uow.directory.flush()
            _apply_people(uow, directory.people, counter, now=now)
            uow.directory.flush()
        _apply_contacts(uow, directory.contacts, counter)
        _apply_on_call(uow, directory.on_call, counter, now=now)
        _apply_guide(uow, directory.guide, counter)
        uow.commit()
    return counter.report()


def _known(uow: UnitOfWork) -> Known:
    return Known(
        organisations=frozenset(row.id for row in uow.directory.organisations()),
        teams=frozenset(row.id for row in uow.directory.teams()),
        people={
            row.id: KnownPerson(team=row.team_id, active=row.active)
            for row in uow.directory.people()
        },
    )


def _upsert(
    uow: UnitOfWork,
    counter: _Counter,
    table: type[SQLModel],
    stored: SQLModel | None,
    values: Mapping[str, Any],
) -> None:
    if stored is None:
        uow.directory.add(table(**values))
        counter.created += 1
        return
    changed = False
    for name, value in values.items():
        if getattr(stored, name) != value:
            setattr(stored, name, value)
            changed = True
    if changed:
        counter.updated += 1
    else:
        counter.unchanged += 1


def _apply_organisations(
    uow: UnitOfWork, entries: Labelled[OrganisationEntry] | None, counter: _Counter
) -> None:
    for _, entry in entries or ():
        values = {"id": entry.id, "name": entry.name, "kind": entry.kind.value}
        _upsert(uow, counter, Organisation, uow.directory.organisation(id=entry.id), values)


def _apply_teams(uow: UnitOfWork, entries: Labelled[TeamEntry] | None, counter: _Counter) -> None:
    for _, entry in entries or ():
        values = {
            "id": entry.id,
            "name": entry.name,
            "case_prefix": entry.prefix,
            "intake_platform": entry.intake.platform if entry.intake else None,
            "intake_address": entry.intake.address if entry.intake else None,
            **{name: getattr(entry, name) for name in TEAM_NORMS},
        }
        _upsert(uow, counter, Team, uow.directory.team(id=entry.id), values)


def _apply_people(
    uow: UnitOfWork, entries: Labelled[PersonEntry] | None, counter: _Counter, *, now: datetime
) -> None:
    if entries is None:
        return
    for _, entry in entries:
        stored = uow.directory.person(id=entry.id)
        # A Slack id found by e-mail (adapters/slack/people.py) is kept when the file has none.
        slack_id = entry.slack or (
            stored.slack_id if stored and stored.email == entry.email else None
        )
        values = {
            "id": entry.id,
            "name": entry.name,
            "email": entry.email,
            "team_id": entry.team,
            "organisation_id": entry.organisation,
            "roles": " ".join(role.value for role in entry.roles),
            "language": entry.language,
            "slack_id": slack_id,
            "teams_id": entry.teams,
            "active": True,
            "left_at": None,
        }
        _upsert(uow, counter, Person, stored, values)
    listed = {entry.id for _, entry in entries}
    for person in uow.directory.people():
        # Never deleted: cases, prompts and the audit trail keep pointing at them.
        if person.active and person.id not in listed and not is_link(person.id):  # (a move's)
            person.active = False
            person.left_at = now
            counter.left += 1


def _apply_contacts(
    uow: UnitOfWork, entries: Labelled[ContactEntry] | None, counter: _Counter
) -> None:
    if entries is None:
        return
    listed = {(entry.team, entry.partner) for _, entry in entries}
    for pair in uow.directory.contact_assignments():
        if (pair.team_id, pair.partner_id) not in listed:
            uow.directory.delete(pair)
            counter.removed += 1
    for _, entry in entries:
        stored = uow.directory.contact_for(team=entry.team, partner=entry.partner)
        values = {
            "team_id": entry.team,
            "partner_id": entry.partner,
            "primary_id": entry.primary,
            "backup_id": entry.backup,
        }
        _upsert(uow, counter, ContactAssignment, stored, values)


def _apply_guide(uow: UnitOfWork, entries: Labelled[GuideEntry] | None, counter: _Counter) -> None:
    """ "Wie voor wat": with a `guide` section, entries missing from it are removed."""
    if entries is None:
        return
    listed = {entry.id for _, entry in entries}
    for stored in uow.directory.guide_entries():
        if stored.id not in listed:
            uow.directory.delete(stored)
            counter.removed += 1
    for _, entry in entries:
        values = {
            "id": entry.id,
            "helps_with": entry.helps_with,
            "how_to_refer": entry.how_to_refer,
        }
        _upsert(uow, counter, GuideRow, uow.directory.guide(id=entry.id), values)


def _apply_on_call(
    uow: UnitOfWork, entries: Labelled[OnCallEntry] | None, counter: _Counter, *, now: datetime
) -> None:
    if entries is None:
        return
    stored = {
        (row.team_id, row.person_id, row.starts_on): row
        for row in uow.session.exec(select(OnCall)).all()
    }
    listed = {(entry.team, entry.person, entry.from_) for _, entry in entries}
    for key, shift in stored.items():
        # A corrected rota replaces the coming shifts; shifts already over stay as history.
        # The UTC date is close enough here: it only decides about a shift ending today.
        if key not in listed and shift.ends_on >= now.date():
            uow.directory.delete(shift)
            counter.removed += 1
    for _, entry in entries:
        values = {
            "team_id": entry.team,
            "person_id": entry.person,
            "starts_on": entry.from_,
            "ends_on": entry.to,
        }
        row = stored.get((entry.team, entry.person, entry.from_))
        _upsert(uow, counter, OnCall, row, values)
