"""The REST API under /api/v1: referral intake and the referrer's consent-filtered view.

Every answer is JSON; bad input is a 422 naming the field, a missing, wrong or revoked key a
401, a key bound to another organisation a 403, and nothing is stored on any of them. Each
successful GET is a disclosure outside the team and writes an audit row in its own
transaction with the read. Every key is scoped (bot/app/client_access.py): a referral it
may not read is a 404, like one that does not exist. Referrals are named by an opaque
public id, never the database key. Rate limits count per client address (the Guard) and
per key name; refused keys per source address, in aggregate (adapters/http/key_attempts.py).
"""

# No `from __future__ import annotations`: FastAPI resolves the route annotations at run
# time, and the API-key dependency is a closure that string annotations cannot reach.

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, field_validator

from adapters.http.api_acts import mount_acts
from adapters.http.api_status import ReferralStatusOut, status_out
from adapters.http.case_api import mount_case_routes
from adapters.http.guard import TokenBuckets
from adapters.http.key_attempts import KeyAttempts
from adapters.http.problems import Problem
from bot.app import apikeys, client_access
from bot.app.consent_changes import valid_birth_month
from bot.app.data import Data
from bot.app.referrals.intake import Idempotency, submit_referral
from bot.app.tenants import enter_tenant
from bot.domain import external_ref as external_ref_rule
from bot.domain.consent import Party
from bot.domain.errors import (
    ConsentRefused,
    IdempotencyConflict,
    UnknownCase,
    UnknownReferrer,
    UnknownTeam,
)
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.messages import text

# An Idempotency-Key: visible ASCII, no spaces (a UUID, a ULID, the client's own request id).
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")


class ReferralIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "team": "jt-noord",
                    "referrer": "dr-bakker",
                    "external_ref": "HAP-7781",
                    "consent": "status",
                    "urgent": False,
                }
            ]
        },
    )
    team: str = Field(min_length=1, max_length=64)
    referrer: str = Field(min_length=1, max_length=64)
    external_ref: str | None = Field(
        default=None,
        description="The referrer's own reference; nothing the privacy guard flags.",
        # documented for clients; checked (with a Dutch 422) by _a_reference below
        json_schema_extra={"pattern": "^" + external_ref_rule.PATTERN.pattern + "$"},
    )
    consent: Literal["none", "status", "notes"]
    urgent: bool = False
    # Who gave the consent, and the youth's birth month (YYYY-MM) so the Jeugdwet
    # rule can be applied; the month is kept for that only and never sent anywhere.
    consent_given_by: Literal["parents", "youth", "both"] | None = None
    birth_month: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")

    @field_validator("external_ref")
    @classmethod
    def _a_reference(cls, value: str | None) -> str | None:
        """A reference, not text (bot/domain/external_ref.py); the 422 says why in Dutch."""
        error = external_ref_rule.problem(value) if value is not None else None
        if error is not None:
            kinds = str(error.params.get("kinds", ""))
            if kinds:  # with the plain hints for what the guard found
                hints = "; ".join(text(f"privacy.hint.{k}", "nl") for k in kinds.split("+"))
                raise ValueError(text("error.external_ref_found", "nl", found=hints))
            raise ValueError(text(error.key, "nl", **error.params))
        return value


class ReferralOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": "k3Xw9QpL2mZr7tYb", "case_ref": "JT-NRD-2026-0042", "status": "received"}
            ]
        }
    )
    id: str = Field(description="The referral's opaque public id (not a sequence number).")
    case_ref: str
    status: str


@dataclass(frozen=True)
class ApiLimits:
    """Per key name (once the key is known), and per source address for refused keys (so
    made-up keys are limited like one key); refused attempts counted in aggregate."""

    per_key: TokenBuckets
    refused: TokenBuckets
    attempts: KeyAttempts

    @classmethod
    def of(cls, *, per_minute: int, burst: int) -> "ApiLimits":
        return cls(
            TokenBuckets(per_minute=per_minute, burst=burst),
            TokenBuckets(per_minute=per_minute, burst=burst),
            KeyAttempts(),
        )


def body_hash(body: ReferralIn) -> str:
    """SHA-256 of the canonical body (every field, defaults included, keys sorted): the
    same referral however the client orders or omits its defaults."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def mount_api(
    app: FastAPI, data: Data, rules: Rules, *, api_keys: str, limits: ApiLimits | None = None
) -> None:
    """The routes under /api/v1; `api_keys` is TERUGKOPPEL_API_KEYS (keys in the settings,
    beside the stored ones)."""
    authenticate = apikeys.Authenticator(apikeys.parse_setting(api_keys))
    limits = limits or ApiLimits.of(per_minute=120, burst=30)
    unauthorised = HTTPException(
        401, "missing, invalid or revoked API key", {"WWW-Authenticate": "Bearer"}
    )

    def too_many(wait: float) -> HTTPException:
        seconds = max(1, math.ceil(wait))
        return HTTPException(
            429, text("api.rate_limited", "en", seconds=seconds), {"Retry-After": str(seconds)}
        )

    # Declared as HTTP bearer, so the OpenAPI document names the scheme (securitySchemes);
    # the refusal stays ours (auto_error off): the same 401 and WWW-Authenticate as before.
    bearer = HTTPBearer(
        auto_error=False,
        scheme_name="apiKey",
        description="An API key: `tk_…` from `terugkoppel apikey create`, or a key of TERUGKOPPEL_API_KEYS.",
    )

    def key_client(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> apikeys.Client:
        source = request.client.host if request.client else "?"
        wait = limits.refused.waiting(source)
        if wait > 0:  # this address keeps presenting keys that are not ours
            raise too_many(wait)
        token = credentials.credentials.strip() if credentials is not None else ""
        if not token:
            raise unauthorised
        verdict = authenticate(data.uow(), token)
        if verdict.client is None:
            limits.refused.take(source)
            if limits.attempts.record(source=source, name=verdict.refused):
                # one row per source (and key name) per window, never one per attempt
                name = verdict.refused or f"unknown@{source}"
                what = "api:key_refused" if verdict.refused else "api:unknown_key"
                client_access.refuse(data.uow(), name=name, what=what, now=datetime.now(UTC))
            raise unauthorised
        wait = limits.per_key.take("key:" + verdict.client.name)
        if wait > 0:
            raise too_many(wait)
        return verdict.client

    async def client(
        request: Request, caller: Annotated[apikeys.Client, Depends(key_client)]
    ) -> apikeys.Client:
        """The caller, and from here on the request works in the key's tenant: set in the
        request's own task (not a worker thread), so the endpoint and every unit of work it
        opens see it; the request never names its tenant itself."""
        enter_tenant(caller.tenant)
        request.state.api_client = caller  # a 404 is audited as this key's (bot/main/asgi.py)
        request.state.api_refusals = client_access.track_refusals()
        return caller

    responses: dict[int | str, dict[str, object]] = {
        401: {"model": Problem, "description": "Missing, invalid or revoked API key."},
        413: {"model": Problem, "description": "Request body too large."},
        429: {"model": Problem, "description": "Too many requests; see Retry-After."},
    }

    @app.post(
        "/api/v1/referrals",
        status_code=201,
        responses={
            **responses,
            200: {
                "model": ReferralOut,
                "description": "The same referral again (same Idempotency-Key and body, or "
                "the same referrer and external_ref).",
            },
            409: {
                "model": Problem,
                "description": "The Idempotency-Key was used before with another body.",
            },
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
        body: ReferralIn,
        response: Response,
        caller: Annotated[apikeys.Client, Depends(client)],
        idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    ) -> ReferralOut:
        now = datetime.now(UTC)
        idempotency: Idempotency | None = None
        if idempotency_key is not None:
            if not _IDEMPOTENCY_KEY.fullmatch(idempotency_key):
                raise HTTPException(422, text("error.bad_idempotency_key", "nl"))
            idempotency = Idempotency(caller.name, idempotency_key, body_hash(body))
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
                submitted_by=caller.name,
                idempotency=idempotency,
            )
        except IdempotencyConflict as exc:
            raise HTTPException(409, text(exc.key, "nl", **exc.params)) from exc
        except (UnknownTeam, UnknownReferrer) as exc:
            raise HTTPException(422, text(exc.key, "en", **exc.params)) from exc
        except ConsentRefused as exc:
            # The sentence a person reads: Dutch, the product's language.
            raise HTTPException(422, text(exc.key, "nl", **exc.params)) from exc
        if not result.created:
            response.status_code = 200
        return ReferralOut(id=result.public_id, case_ref=result.case_ref, status=result.status)

    mount_acts(app, data, rules, client=client, responses=responses)

    @app.get(
        "/api/v1/referrals/{referral_id}",
        responses={
            **responses,
            404: {"model": Problem, "description": "No such referral for this key."},
        },
    )
    def get_referral(
        referral_id: Annotated[str, Path(max_length=32, pattern=r"^[A-Za-z0-9_-]+$")],
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> ReferralStatusOut:
        view = client_access.disclose(
            data.uow(), rules, caller, public_id=referral_id, now=datetime.now(UTC)
        )
        if view is None:
            raise HTTPException(404, text(UnknownCase.key, "en", case_ref=referral_id))
        return status_out(view)

    # the team's actions on a referral (adapters/http/case_api.py)
    mount_case_routes(app, data, rules, client, responses)
