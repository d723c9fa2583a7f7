"""The directory file's entries: one pydantic model per entry, with the field types and
the checks of a single field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from bot.domain.model import OrganisationKind, Role
from bot.messages import Message

TEAM_NORMS = ("feedback_norm", "snooze_cap", "help_start_days", "stale_days", "repage_minutes")
SECTIONS = ("organisations", "teams", "people", "contacts", "on_call", "guide")
CASE_PREFIX_LENGTH = 16

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,31}")
_SLACK_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,31}")
_CASE_PREFIX = re.compile(r"[A-Z0-9][A-Z0-9._-]*")
_ROLE_SEPARATORS = re.compile(r"[\s;,]+")


class FieldProblem(ValueError):
    """A field's value refused, in words from the catalogue (pydantic passes it on as the
    error's cause; schema._describe reads the message back)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.message = Message(key, params)


def _id(value: str) -> str:
    if len(value) > 64 or not _ID.fullmatch(value):
        raise FieldProblem("directory.bad_id", value=value)
    return value


def _text(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value:
            raise FieldProblem("directory.empty_text")
        if len(value) > limit:
            raise FieldProblem("directory.too_long", limit=limit)
        return value

    return check


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise FieldProblem("directory.bad_email", value=value)
    return value


def _pattern(pattern: re.Pattern[str], what: str) -> Callable[[str], str]:
    """`what` is the catalogue text that says what the value should be."""

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise FieldProblem(what, value=value)
        return value

    return check


def _case_prefix(value: str) -> str:
    value = value.upper()
    if len(value) > CASE_PREFIX_LENGTH or not _CASE_PREFIX.fullmatch(value):
        raise FieldProblem("directory.bad_prefix", value=value, limit=CASE_PREFIX_LENGTH)
    return value


def split_roles(value: Any) -> Any:
    if isinstance(value, str):
        return [role for role in _ROLE_SEPARATORS.split(value) if role]
    return value


def _roles(value: list[Role]) -> list[Role]:
    if not value:
        raise FieldProblem("directory.roles_needed")
    return sorted(set(value))


Id = Annotated[str, AfterValidator(_id)]
Name = Annotated[str, AfterValidator(_text(200))]
Email = Annotated[str, AfterValidator(_email)]
SlackUser = Annotated[str, AfterValidator(_pattern(_SLACK_USER, "directory.not_slack_user"))]
SlackChannel = Annotated[
    str, AfterValidator(_pattern(_SLACK_CHANNEL, "directory.not_slack_channel"))
]
TeamsUser = Annotated[str, AfterValidator(_text(64))]
TeamsChannel = Annotated[str, AfterValidator(_text(200))]
CasePrefix = Annotated[str, AfterValidator(_case_prefix)]
Roles = Annotated[list[Role], BeforeValidator(split_roles), AfterValidator(_roles)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_means_absent(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {key: value for key, value in data.items() if value is not None and value != ""}
        return data


class OrganisationEntry(Entry):
    id: Id
    name: Name
    kind: OrganisationKind


class IntakeEntry(Entry):
    slack: SlackChannel | None = None
    teams: TeamsChannel | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> IntakeEntry:
        if (self.slack is None) == (self.teams is None):
            raise FieldProblem("directory.one_chat")
        return self

    @property
    def platform(self) -> str:
        return "slack" if self.slack is not None else "teams"

    @property
    def address(self) -> str:
        return self.slack if self.slack is not None else str(self.teams)


class TeamEntry(Entry):
    id: Id
    name: Name
    case_prefix: CasePrefix | None = None
    intake: IntakeEntry | None = None
    # The team's own norms; absent: the installation's setting (README, Settings).
    feedback_norm: Annotated[int, Field(ge=1, le=60)] | None = None
    snooze_cap: Annotated[int, Field(ge=1, le=20)] | None = None
    help_start_days: Annotated[int, Field(ge=1, le=120)] | None = None
    stale_days: Annotated[int, Field(ge=1, le=120)] | None = None
    repage_minutes: Annotated[int, Field(ge=1, le=240)] | None = None

    @property
    def prefix(self) -> str:
        """The given prefix, or one derived from the id (`jt-noord` → `JT-NOORD`)."""
        if self.case_prefix is not None:
            return self.case_prefix
        return self.id.upper()[:CASE_PREFIX_LENGTH].rstrip("._-")


class PersonEntry(Entry):
    id: Id
    name: Name
    email: Email | None = None
    team: Id | None = None
    organisation: Id | None = None
    roles: Roles
    language: Literal["nl", "en"] = "nl"
    slack: SlackUser | None = None
    teams: TeamsUser | None = None


class ContactEntry(Entry):
    team: Id
    partner: Id
    primary: Id
    backup: Id | None = None


class OnCallEntry(Entry):
    team: Id
    person: Id
    from_: date = Field(alias="from")
    to: date


class GuideEntry(Entry):
    """ "Wie voor wat": what a team or organisation (its id) helps with, and how to refer."""

    id: Id
    helps_with: Annotated[str, AfterValidator(_text(300))]
    how_to_refer: Annotated[str, AfterValidator(_text(300))] | None = None
