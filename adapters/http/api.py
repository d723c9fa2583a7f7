"""The REST API under /api/v1: referral intake and the referrer's consent-filtered view.

Every answer is JSON; bad input is a 422 naming the field, a missing, wrong or revoked key a
401, a key bound to another organisation a 403, and nothing is stored on any of them. Each
successful GET is a disclosure outside the team and writes an audit row in its own
transaction with the read.
"""

# No `from __future__ import annotations`: FastAPI resolves the route annotations at run
# time, and the API-key dependency is a closure that string annotations cannot reach.

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.app import apikeys, client_access
from bot.app.consent_changes import valid_birth_month
from bot.app.data import Data
from bot.app.referrals.intake import submit_referral
from bot.domain import privacy_guard
from bot.domain.consent import Party
from bot.domain.errors import ConsentRefused, UnknownCase, UnknownReferrer, UnknownTeam
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.messages import text

StatusCode = Literal[
    "received",
    "assigned",
    "contact_made",
    "intake_planned",
    "help_started",
    "handed_over",
    "closed",
    "declined",
]


class ReferralIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team: str = Field(min_length=1, max_length=64)
    referrer: str = Field(min_length=1, max_length=64)
    external_ref: str | None = Field(default=None, max_length=64)
    consent: Literal["none", "status", "notes"]
    urgent: bool = False
    # Who gave the consent, and the youth's birth month (YYYY-MM) so the Jeugdwet
    # rule can be applied; the month is kept for that only and never sent anywhere.
    consent_given_by: Literal["parents", "youth", "both"] | None = None
    birth_month: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")

    @field_validator("external_ref")
    @classmethod
    def _no_personal_data(cls, value: str | None) -> str | None:
        found = privacy_guard.kinds(privacy_guard.check(value)) if value is not None else []
        if found:
            raise ValueError("looks like personal data (" + ", ".join(found) + ")")
        return value


class ReferralOut(BaseModel):
    id: int
    case_ref: str
    status: str


class ContactOut(BaseModel):
    name: str
    team: str
    email: str | None


class ReferralStatusOut(BaseModel):
    """The referral as its referrer may see it under the consent that holds now."""

    id: int
    case_ref: str
    external_ref: str | None
    team: str
    consent: Literal["none", "status", "notes"]
    phase: Literal["received", "in_progress", "ended"] = Field(
        description="Procedural facts, told at every consent level."
    )
    status: StatusCode | None = Field(
        description="The status code; without consent only 'received', else null."
    )
    contact: ContactOut | None = Field(description="The case's contact person; only with consent.")


class Problem(BaseModel):
    detail: str


def mount_api(app: FastAPI, data: Data, rules: Rules, *, api_keys: str) -> None:
    """The routes under /api/v1; `api_keys` is TERUGKOPPEL_API_KEYS (keys in the settings,
    beside the stored ones)."""
    configured = apikeys.parse_setting(api_keys)
    unauthorised = HTTPException(
        401, "missing, invalid or revoked API key", {"WWW-Authenticate": "Bearer"}
    )

    def client(
        authorization: Annotated[str | None, Header()] = None,
    ) -> apikeys.Client:
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise unauthorised
        verdict = apikeys.authenticate(data.uow(), token, configured)
        if verdict.client is None:
            if verdict.refused is not None:  # a stored key, revoked or with a wrong secret
                client_access.refuse(
                    data.uow(), name=verdict.refused, what="api:key_refused", now=datetime.now(UTC)
                )
            raise unauthorised
        return verdict.client

    responses: dict[int | str, dict[str, object]] = {
        401: {"model": Problem, "description": "Missing, invalid or revoked API key."},
        413: {"model": Problem, "description": "Request body too large."},
    }

    @app.post(
        "/api/v1/referrals",
        status_code=201,
        responses={
            **responses,
            403: {
                "model": Problem,
                "description": "The referrer is not of this key's organisation.",
            },
            422: {
                "model": Problem,
                "description": "Invalid body, unknown team or referrer, consent given by the wrong party.",
            },
        },
    )
    def post_referral(
        body: ReferralIn, caller: Annotated[apikeys.Client, Depends(client)]
    ) -> ReferralOut:
        now = datetime.now(UTC)
        if client_access.refers_for_other_organisation(data.uow(), caller, referrer=body.referrer):
            client_access.refuse(
                data.uow(), name=caller.name, what="api:other_organisation", now=datetime.now(UTC)
            )
            raise HTTPException(403, "this API key may not refer for that referrer")
        if body.birth_month is not None:
            try:
                valid_birth_month(body.birth_month, rules, now)
            except ValueError as exc:
                raise HTTPException(422, f"birth_month: {exc}") from exc
        try:
            result = submit_referral(
                data.uow(),
                rules,
                team=body.team,
                referrer=body.referrer,
                external_ref=body.external_ref,
                consent=Consent(body.consent),
                urgent=body.urgent,
                now=now,
                source="api",
                consent_given_by=Party(body.consent_given_by) if body.consent_given_by else None,
                birth_month=body.birth_month,
            )
        except (UnknownTeam, UnknownReferrer) as exc:
            raise HTTPException(422, text(exc.key, "en", **exc.params)) from exc
        except ConsentRefused as exc:
            # The sentence a person reads: Dutch, the product's language.
            raise HTTPException(422, text(exc.key, "nl", **exc.params)) from exc
        return ReferralOut(id=result.id, case_ref=result.case_ref, status=result.status)

    @app.get(
        "/api/v1/referrals/{referral_id}",
        responses={
            **responses,
            404: {"model": Problem, "description": "No such referral for this key."},
        },
    )
    def get_referral(
        referral_id: int, caller: Annotated[apikeys.Client, Depends(client)]
    ) -> ReferralStatusOut:
        view = client_access.disclose(
            data.uow(), rules, caller, referral_id=referral_id, now=datetime.now(UTC)
        )
        if view is None:
            raise HTTPException(404, text(UnknownCase.key, "en", case_ref=str(referral_id)))
        contact = view.contact
        return ReferralStatusOut(
            id=view.id,
            case_ref=view.case_ref,
            external_ref=view.external_ref,
            team=view.team,
            consent=view.consent,
            phase=view.phase,
            status=view.status,
            contact=ContactOut(name=contact.name, team=contact.team, email=contact.email)
            if contact
            else None,
        )
