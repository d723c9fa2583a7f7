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

from bot.app import apikeys, notify
from bot.app.consent_changes import valid_birth_month
from bot.app.referrals.intake import submit_referral
from bot.app.referrals.view import referrer_view
from bot.domain.consent import Party, disclosure_basis
from bot.domain.errors import ConsentRefused, UnknownCase, UnknownReferrer, UnknownTeam
from bot.domain.model import Consent
from bot.main.wiring import Container
from bot.messages import text
from store.uow import UnitOfWork

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
        from bot.domain.note_guard import findings

        found = findings(value) if value is not None else []
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


def mount_api(app: FastAPI, container: Container) -> None:
    settings = container.settings
    configured = apikeys.parse_setting(
        settings.api_keys.get_secret_value() if settings.api_keys else ""
    )
    engine, rules = container.engine, container.rules
    unauthorised = HTTPException(
        401, "missing, invalid or revoked API key", {"WWW-Authenticate": "Bearer"}
    )

    def refused(name: str, what: str, case_ref: str | None = None) -> None:
        with UnitOfWork(engine) as uow:
            notify.refuse(
                uow,
                now=datetime.now(UTC),
                actor=f"api:{name}",
                case_ref=case_ref,
                what=what,
                channel="rest",
            )

    def client(
        authorization: Annotated[str | None, Header()] = None,
    ) -> apikeys.Client:
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise unauthorised
        verdict = apikeys.authenticate(UnitOfWork(engine), token, configured)
        if verdict.client is None:
            if verdict.refused is not None:  # a stored key, revoked or with a wrong secret
                refused(verdict.refused, "api:key_refused")
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
        if caller.organisation is not None:
            with UnitOfWork(engine) as uow:
                sender = uow.directory.person(id=body.referrer)
            if sender is not None and sender.organisation_id != caller.organisation:
                refused(caller.name, "api:other_organisation")
                raise HTTPException(403, "this API key may not refer for that referrer")
        if body.birth_month is not None:
            try:
                valid_birth_month(body.birth_month, rules, now)
            except ValueError as exc:
                raise HTTPException(422, f"birth_month: {exc}") from exc
        try:
            result = submit_referral(
                UnitOfWork(engine),
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
        now = datetime.now(UTC)
        with UnitOfWork(engine) as uow:
            referral = uow.referrals.get(id=referral_id)
            referrer = uow.directory.person(id=referral.referrer_id) if referral else None
            if referral is None or referrer is None:
                raise HTTPException(404, text(UnknownCase.key, "en", case_ref=str(referral_id)))
            view = referrer_view(uow, rules, referral, now=now)
            if caller.organisation is not None and referrer.organisation_id != caller.organisation:
                notify.refuse(
                    uow,
                    now=now,
                    actor=f"api:{caller.name}",
                    case_ref=view.case_ref,
                    what="api:other_organisation",
                    channel="rest",
                )
                raise HTTPException(404, text(UnknownCase.key, "en", case_ref=str(referral_id)))
            basis = disclosure_basis(view.consent)
            notify.audit(
                uow,
                event="disclosed",
                now=now,
                actor="terugkoppel",
                case_ref=view.case_ref,
                on_behalf_of=referral.referrer_id,
                recipient=f"api:{caller.name}",
                channel="rest",
                basis=basis,
                message_key="GET /api/v1/referrals/{id}",
            )
            uow.commit()
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
