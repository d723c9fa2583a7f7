"""A place a referral can go: a team of ours or a partner organisation, by its directory id
(handovers go there; a declined referral names it as the better place)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import UnknownPlace
from store.schema.directory import Organisation, Team
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Place:
    """Where a handover goes: a team of ours, or a partner organisation."""

    id: str
    name: str
    team: Team | None
    organisation: Organisation | None


def find_place(uow: UnitOfWork, place: str) -> Place:
    """The team or organisation with this id; UnknownPlace for neither."""
    team = uow.directory.team(id=place)
    if team is not None:
        return Place(team.id, team.name, team, None)
    organisation = uow.directory.organisation(id=place)
    if organisation is not None:
        return Place(organisation.id, organisation.name, None, organisation)
    raise UnknownPlace(place=place)
