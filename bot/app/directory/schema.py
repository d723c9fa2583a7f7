"""The directory file as a whole: its sections, parsed into entries, and the checks that span
entries (unique ids, references to teams, people and organisations)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import (
    ValidationError,
)
from pydantic_core import ErrorDetails

from bot.app.directory.fields import (
    SECTIONS,
    ContactEntry,
    Entry,
    GuideEntry,
    OnCallEntry,
    OrganisationEntry,
    PersonEntry,
    TeamEntry,
)
from bot.domain.errors import DirectoryInvalid
from bot.domain.model import Role

E = TypeVar("E", bound=Entry)
Labelled = Sequence[tuple[str, E]]


@dataclass(frozen=True)
class Directory:
    """A validated input; a section is None when the input does not have it."""

    organisations: Labelled[OrganisationEntry] | None
    teams: Labelled[TeamEntry] | None
    people: Labelled[PersonEntry] | None
    contacts: Labelled[ContactEntry] | None
    on_call: Labelled[OnCallEntry] | None
    guide: Labelled[GuideEntry] | None = None


@dataclass(frozen=True)
class KnownPerson:
    team: str | None
    active: bool


@dataclass(frozen=True)
class Known:
    """What the database already holds, for references the input does not define itself."""

    organisations: frozenset[str]
    teams: frozenset[str]
    people: Mapping[str, KnownPerson]


def sections(data: Any, *, source: str) -> dict[str, list[dict[str, Any]]]:
    """The input's shape: a mapping of known sections, each a list of mappings."""
    if not isinstance(data, Mapping):
        raise DirectoryInvalid(
            entry=source, field="-", problem="must be a mapping of sections (people:, teams:, …)"
        )
    result: dict[str, list[dict[str, Any]]] = {}
    for name, rows in data.items():
        if name not in SECTIONS:
            raise DirectoryInvalid(
                entry=str(name),
                field="-",
                problem=f"is not a known section; use {', '.join(SECTIONS)}",
            )
        if rows is None:
            # A bare `people:` would mark everyone as left; make the operator say so with [].
            raise DirectoryInvalid(entry=name, field="-", problem="is empty; write [] to clear it")
        if not isinstance(rows, list):
            raise DirectoryInvalid(entry=name, field="-", problem="must be a list of entries")
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                raise DirectoryInvalid(
                    entry=f"{name}[{number}]", field="-", problem="must be a mapping of fields"
                )
        result[name] = [dict(row) for row in rows]
    return result


def parse(data: Mapping[str, Any]) -> Directory:
    """Validates every entry and the rules within the input; the database is not consulted."""
    rows = sections(data, source="directory")
    organisations = _section(rows, "organisations", OrganisationEntry)
    teams = _section(rows, "teams", TeamEntry)
    people = _section(rows, "people", PersonEntry)
    contacts = _section(rows, "contacts", ContactEntry)
    on_call = _section(rows, "on_call", OnCallEntry)
    guide = _section(rows, "guide", GuideEntry)
    for labelled in (organisations, teams, people, guide):
        _unique(labelled, "id", lambda entry: getattr(entry, "id", None))
    if people is not None:
        _check_people(people)
    if contacts is not None:
        _check_contacts(contacts)
    if on_call is not None:
        _check_on_call(on_call)
    return Directory(organisations, teams, people, contacts, on_call, guide)


def _label(section: str, number: int, row: Mapping[str, Any]) -> str:
    keys = {
        "contacts": ("team", "partner"),
        "on_call": ("team", "person", "from"),
    }.get(section, ("id",))
    shown = [f"{key}={row[key]}" for key in keys if row.get(key) not in (None, "")]
    return f"{section}[{number}]" + (f" ({', '.join(shown)})" if shown else "")


def _section(
    rows: Mapping[str, list[dict[str, Any]]], section: str, model: type[E]
) -> list[tuple[str, E]] | None:
    if section not in rows:
        return None
    result: list[tuple[str, E]] = []
    for number, row in enumerate(rows[section], start=1):
        label = _label(section, number, row)
        try:
            result.append((label, model.model_validate(row)))
        except ValidationError as error:
            field, problem = _describe(error.errors()[0])
            raise DirectoryInvalid(entry=label, field=field, problem=problem) from None
    return result


def _describe(error: ErrorDetails) -> tuple[str, str]:
    field = ".".join(part for part in error["loc"] if isinstance(part, str)) or "-"
    kind = error["type"]
    if kind == "missing":
        return field, "is required"
    if kind == "extra_forbidden":
        return field, "is not a known field"
    if kind == "value_error":
        return field, str(error.get("ctx", {}).get("error", error["msg"]))
    if kind in ("model_type", "dict_type"):
        return field, "must be a mapping"
    if kind in ("enum", "literal_error"):
        return field, f"must be {error.get('ctx', {}).get('expected')}, not {error['input']!r}"
    if kind.startswith("date"):
        return field, f"must be a date like 2026-11-23, not {error['input']!r}"
    message = str(error["msg"])
    return field, message[:1].lower() + message[1:]


def _unique(labelled: Labelled[E] | None, field: str, key: Callable[[E], object | None]) -> None:
    seen: dict[object, str] = {}
    for label, entry in labelled or ():
        value = key(entry)
        if value is None:
            continue
        if value in seen:
            raise DirectoryInvalid(
                entry=label, field=field, problem=f"'{value}' is also used by {seen[value]}"
            )
        seen[value] = label


def _check_people(people: Labelled[PersonEntry]) -> None:
    for label, person in people:
        if person.team is None and {Role.PROFESSIONAL, Role.COORDINATOR} & set(person.roles):
            raise DirectoryInvalid(
                entry=label, field="team", problem="is required for a professional or coordinator"
            )
        if person.organisation is None and Role.REFERRER in person.roles:
            raise DirectoryInvalid(
                entry=label, field="organisation", problem="is required for a referrer"
            )
        if person.email is None and person.slack is None and person.teams is None:
            raise DirectoryInvalid(
                entry=label, field="email", problem="is required when there is no slack or teams id"
            )
    # One chat id must lead to one person, or answers would be credited to the wrong one.
    _unique(people, "slack", lambda person: person.slack)
    _unique(people, "teams", lambda person: person.teams)


def _check_contacts(contacts: Labelled[ContactEntry]) -> None:
    for label, contact in contacts:
        if contact.backup == contact.primary:
            raise DirectoryInvalid(entry=label, field="backup", problem="must differ from primary")
    _unique(contacts, "partner", lambda contact: (contact.team, contact.partner))


def _check_on_call(on_call: Labelled[OnCallEntry]) -> None:
    for number, (label, shift) in enumerate(on_call):
        if shift.to < shift.from_:
            raise DirectoryInvalid(entry=label, field="to", problem="is before 'from'")
        for other_label, other in on_call[:number]:
            if other.team == shift.team and other.from_ <= shift.to and shift.from_ <= other.to:
                # The piket lookup takes one person per team and day.
                raise DirectoryInvalid(
                    entry=label, field="from", problem=f"overlaps {other_label} of the same team"
                )


def check_references(directory: Directory, known: Known) -> None:
    """Every id an entry points at exists in the input or in the database."""
    organisations = known.organisations | {e.id for _, e in directory.organisations or ()}
    teams = known.teams | {e.id for _, e in directory.teams or ()}
    for label, person in directory.people or ():
        _exists(label, "team", person.team, teams, "team")
        _exists(label, "organisation", person.organisation, organisations, "organisation")
    for label, contact in directory.contacts or ():
        _exists(label, "team", contact.team, teams, "team")
        _exists(label, "partner", contact.partner, organisations, "organisation")
        for field, person_id in (("primary", contact.primary), ("backup", contact.backup)):
            if person_id is None:
                continue
            team = _person_team(directory, known, label, field, person_id)
            if team != contact.team:
                raise DirectoryInvalid(
                    entry=label,
                    field=field,
                    problem=f"'{person_id}' is not in team '{contact.team}' but in '{team or '-'}'",
                )
    for label, shift in directory.on_call or ():
        _exists(label, "team", shift.team, teams, "team")
        _person_team(directory, known, label, "person", shift.person)
    for label, entry in directory.guide or ():
        _exists(label, "id", entry.id, teams | organisations, "team or organisation")


def _exists(label: str, field: str, value: str | None, ids: frozenset[str], what: str) -> None:
    if value is not None and value not in ids:
        raise DirectoryInvalid(
            entry=label,
            field=field,
            problem=f"there is no {what} '{value}' in the file or the database",
        )


def _person_team(
    directory: Directory, known: Known, label: str, field: str, person_id: str
) -> str | None:
    if directory.people is not None:
        for _, person in directory.people:
            if person.id == person_id:
                return person.team
        if person_id in known.people:
            problem = (
                f"'{person_id}' is missing from the people section and would be marked as left"
            )
            raise DirectoryInvalid(entry=label, field=field, problem=problem)
    elif person_id in known.people:
        stored = known.people[person_id]
        if stored.active:
            return stored.team
        raise DirectoryInvalid(entry=label, field=field, problem=f"'{person_id}' has left")
    raise DirectoryInvalid(
        entry=label,
        field=field,
        problem=f"there is no person '{person_id}' in the file or the database",
    )
