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
    FieldProblem,
    GuideEntry,
    OnCallEntry,
    OrganisationEntry,
    PersonEntry,
    TeamEntry,
)
from bot.domain.errors import DirectoryInvalid
from bot.domain.model import Role
from bot.messages import Message

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
        raise DirectoryInvalid(entry=source, field="-", problem=Message("directory.not_sections"))
    result: dict[str, list[dict[str, Any]]] = {}
    for name, rows in data.items():
        if name not in SECTIONS:
            raise DirectoryInvalid(
                entry=str(name),
                field="-",
                problem=Message("directory.unknown_section", {"known": ", ".join(SECTIONS)}),
            )
        if rows is None:
            # A bare `people:` would mark everyone as left; make the operator say so with [].
            raise DirectoryInvalid(
                entry=name, field="-", problem=Message("directory.section_empty")
            )
        if not isinstance(rows, list):
            raise DirectoryInvalid(entry=name, field="-", problem=Message("directory.not_a_list"))
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                raise DirectoryInvalid(
                    entry=f"{name}[{number}]", field="-", problem=Message("directory.not_fields")
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


def _describe(error: ErrorDetails) -> tuple[str, Message]:
    field = ".".join(part for part in error["loc"] if isinstance(part, str)) or "-"
    kind = error["type"]
    if kind == "missing":
        return field, Message("directory.required")
    if kind == "extra_forbidden":
        return field, Message("directory.unknown_field")
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, FieldProblem):
            return field, cause.message
        return field, Message("directory.bad_value", {"value": repr(error["input"])})
    if kind in ("model_type", "dict_type"):
        return field, Message("directory.not_fields")
    if kind in ("enum", "literal_error"):
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", " of ")
        return field, Message(
            "directory.choose", {"expected": expected, "value": repr(error["input"])}
        )
    if kind.startswith("date"):
        return field, Message("directory.date", {"value": repr(error["input"])})
    return field, Message("directory.bad_value", {"value": repr(error.get("input"))})


def _unique(labelled: Labelled[E] | None, field: str, key: Callable[[E], object | None]) -> None:
    seen: dict[object, str] = {}
    for label, entry in labelled or ():
        value = key(entry)
        if value is None:
            continue
        if value in seen:
            raise DirectoryInvalid(
                entry=label,
                field=field,
                problem=Message("directory.used_twice", {"value": value, "other": seen[value]}),
            )
        seen[value] = label


def _check_people(people: Labelled[PersonEntry]) -> None:
    for label, person in people:
        if person.team is None and {Role.PROFESSIONAL, Role.COORDINATOR} & set(person.roles):
            raise DirectoryInvalid(
                entry=label, field="team", problem=Message("directory.team_needed")
            )
        if person.organisation is None and Role.REFERRER in person.roles:
            raise DirectoryInvalid(
                entry=label, field="organisation", problem=Message("directory.organisation_needed")
            )
        if person.email is None and person.slack is None and person.teams is None:
            raise DirectoryInvalid(
                entry=label, field="email", problem=Message("directory.address_needed")
            )
    # One chat id must lead to one person, or answers would be credited to the wrong one.
    _unique(people, "slack", lambda person: person.slack)
    _unique(people, "teams", lambda person: person.teams)


def _check_contacts(contacts: Labelled[ContactEntry]) -> None:
    for label, contact in contacts:
        if contact.backup == contact.primary:
            raise DirectoryInvalid(
                entry=label, field="backup", problem=Message("directory.backup_same")
            )
    _unique(contacts, "partner", lambda contact: (contact.team, contact.partner))


def _check_on_call(on_call: Labelled[OnCallEntry]) -> None:
    for number, (label, shift) in enumerate(on_call):
        if shift.to < shift.from_:
            raise DirectoryInvalid(
                entry=label, field="to", problem=Message("directory.before_from")
            )
        for other_label, other in on_call[:number]:
            if other.team == shift.team and other.from_ <= shift.to and shift.from_ <= other.to:
                # The piket lookup takes one person per team and day.
                raise DirectoryInvalid(
                    entry=label,
                    field="from",
                    problem=Message("directory.overlaps", {"other": other_label}),
                )


def check_references(directory: Directory, known: Known) -> None:
    """Every id an entry points at exists in the input or in the database."""
    organisations = known.organisations | {e.id for _, e in directory.organisations or ()}
    teams = known.teams | {e.id for _, e in directory.teams or ()}
    for label, person in directory.people or ():
        _exists(label, "team", person.team, teams, "directory.no_such_team")
        _exists(
            label,
            "organisation",
            person.organisation,
            organisations,
            "directory.no_such_organisation",
        )
    for label, contact in directory.contacts or ():
        _exists(label, "team", contact.team, teams, "directory.no_such_team")
        _exists(label, "partner", contact.partner, organisations, "directory.no_such_organisation")
        for field, person_id in (("primary", contact.primary), ("backup", contact.backup)):
            if person_id is None:
                continue
            team = _person_team(directory, known, label, field, person_id)
            if team != contact.team:
                raise DirectoryInvalid(
                    entry=label,
                    field=field,
                    problem=Message(
                        "directory.not_in_team",
                        {"person": person_id, "team": contact.team, "actual": team or "-"},
                    ),
                )
    for label, shift in directory.on_call or ():
        _exists(label, "team", shift.team, teams, "directory.no_such_team")
        _person_team(directory, known, label, "person", shift.person)
    for label, entry in directory.guide or ():
        _exists(label, "id", entry.id, teams | organisations, "directory.no_such_place")


def _exists(label: str, field: str, value: str | None, ids: frozenset[str], what: str) -> None:
    if value is not None and value not in ids:
        raise DirectoryInvalid(
            entry=label,
            field=field,
            problem=Message(what, {"value": value}),
        )


def _person_team(
    directory: Directory, known: Known, label: str, field: str, person_id: str
) -> str | None:
    if directory.people is not None:
        for _, person in directory.people:
            if person.id == person_id:
                return person.team
        if person_id in known.people:
            problem = Message("directory.person_missing", {"person": person_id})
            raise DirectoryInvalid(entry=label, field=field, problem=problem)
    elif person_id in known.people:
        stored = known.people[person_id]
        if stored.active:
            return stored.team
        raise DirectoryInvalid(
            entry=label,
            field=field,
            problem=Message("directory.person_left", {"person": person_id}),
        )
    raise DirectoryInvalid(
        entry=label,
        field=field,
        problem=Message("directory.no_such_person", {"value": person_id}),
    )
