"""A youth who moves to another municipality: the referral goes to a team of another
tenant (issue 22, point 4). In the receiving tenant the giving municipality is the
referrer: an organisation and a person of its directory that stand for the other tenant,
with no address of their own. Messages "to the referrer" of such a referral are not sent;
the procedural fact (taken on, or declined with a reason) goes back on the move."""

from __future__ import annotations

from enum import StrEnum

LINK_PREFIX = "tenant:"  # directory ids can never start so (bot/app/directory/fields.py)


class MoveState(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"  # the receiving team took the referral on
    REFUSED = "refused"  # the receiving team declined it, with a reason


def link_id(giving: str, receiving: str) -> str:
    """The id, in the receiving tenant's directory, of the giving tenant (organisation and
    person). Ids are unique across the installation, so both tenants are in it."""
    return f"{LINK_PREFIX}{giving}:{receiving}"[:64]


def is_link(person_id: str | None) -> bool:
    """A person who stands for another tenant: never sent a message."""
    return bool(person_id) and str(person_id).startswith(LINK_PREFIX)
