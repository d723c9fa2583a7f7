"""The referral as its referrer may see it, as the REST API answers it (one shape for the
GET by id, the search by external reference and the referrer's acts)."""

# No `from __future__ import annotations`: FastAPI reads these models at run time.

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from bot.app.referrals.view import ReferrerView

StatusCode = Literal[
    "received",
    "assigned",
    "contact_made",
    "intake_planned",
    "help_started",
    "handed_over",
    "closed",
    "declined",
    "withdrawn",
]


class ContactOut(BaseModel):
    name: str
    team: str
    email: str | None


class ReferralStatusOut(BaseModel):
    """The referral as its referrer may see it under the consent that holds now."""

    id: str = Field(description="The referral's opaque public id.")
    case_ref: str
    external_ref: str | None
    team: str
    consent: Literal["none", "status", "notes"]
    phase: Literal["received", "in_progress", "ended"] = Field(
        description="Procedural facts, told at every consent level."
    )
    status: StatusCode | None = Field(
        description="The status code; without consent only 'received' (and 'withdrawn', "
        "which the referrer did), else null."
    )
    contact: ContactOut | None = Field(description="The case's contact person; only with consent.")
    expected_by: date | None = Field(
        description="The working day by which the referrer hears from the team at the latest "
        "(the team's norm on the working-day clock); told at every consent level."
    )


class ReferralList(BaseModel):
    items: list[ReferralStatusOut]


def status_out(view: ReferrerView) -> ReferralStatusOut:
    contact = view.contact
    return ReferralStatusOut(
        id=view.public_id,
        case_ref=view.case_ref,
        external_ref=view.external_ref,
        team=view.team,
        consent=view.consent,
        phase=view.phase,
        status=view.status,
        expected_by=view.expected_by,
        contact=ContactOut(name=contact.name, team=contact.team, email=contact.email)
        if contact
        else None,
    )
