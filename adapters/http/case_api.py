"""The team's actions on a referral over REST: start, accept or refuse a handover, decline
the referral with a reason and the better place, set the regisseur. A team's own system
calls them with a key bound to no organisation, in the name of the person in the body, who
may do exactly what they may do in chat; every refusal is audited. Bad input is a 4xx with
a plain Dutch sentence, and nothing is stored."""

# No `from __future__ import annotations`: FastAPI resolves the route annotations at run time.

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Path
from pydantic import BaseModel, ConfigDict, Field

from bot.app import apikeys, client_access
from bot.app.data import Data
from bot.app.handovers import decide_open_handover, start_handover
from bot.app.lead import set_lead
from bot.app.moves import start_move
from bot.app.referrals.decline import decline_by_ref
from bot.domain import errors
from bot.domain.reasons import DeclineReason
from bot.domain.rules import Rules
from bot.messages import text

PersonId = Annotated[str, Field(min_length=1, max_length=64)]
TenantId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
PublicId = Annotated[str, Path(max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
HandoverReason = Literal[
    "no_capacity", "not_our_service", "outside_area", "already_in_care", "needs_consent", "other"
]
ReferralReason = Literal[
    "not_our_service", "outside_area", "already_in_care", "needs_consent", "other"
]

# A domain error as an HTTP status: who may not (403), what is not there (404), what
# cannot happen now (409), what is wrong in the body (422).
_STATUS: tuple[tuple[type[errors.TerugkoppelError], int], ...] = (
    (errors.NotAllowed, 403),
    (errors.UnknownCase, 404),
    (errors.HandoverPending, 409),
    (errors.NoOpenHandover, 409),
    (errors.InvalidTransition, 409),
    (errors.ReferralEnded, 409),
    (errors.AlreadyAnswered, 409),
)


class HandoverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: PersonId = Field(description="The team or partner organisation (directory id).")
    by: PersonId = Field(description="Who asks: the professional on the case or a coordinator.")
    warm: bool = False
    meeting_at: datetime | None = Field(
        default=None, description="Proposed joint meeting with the family (warm handovers)."
    )
    to_tenant: TenantId | None = Field(
        default=None,
        description=(
            "The youth moves: `to` is then a team of this municipality (tenant id). Only "
            "procedural facts go along; the answer comes back by the tick."
        ),
    )


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    by: PersonId
    reason: HandoverReason | None = Field(default=None, description="Required to decline.")


class DeclineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    by: PersonId = Field(description="A coordinator of the referral's team.")
    reason: ReferralReason
    suggest: PersonId | None = Field(
        default=None, description="The better place: a team or organisation id."
    )


class LeadIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person: PersonId = Field(description="The new regisseur.")
    by: PersonId


class Done(BaseModel):
    case_ref: str
    status: str = Field(description="What happened: requested, accepted, declined, lead_set.")
    detail: str = Field(description="The same in a Dutch sentence.")


def mount_case_routes(
    app: FastAPI,
    data: Data,
    rules: Rules,
    client: Callable[..., Awaitable[apikeys.Client]],
    responses: dict[int | str, dict[str, object]],
) -> None:
    problems: dict[int | str, dict[str, object]] = {
        **responses,
        403: {"description": "A referrer's key, or a person who may not do this."},
        404: {"description": "No such referral."},
        409: {"description": "Not now: a handover is waiting, none is, or the referral ended."},
        422: {"description": "Unknown person, team or organisation; a reason is missing."},
    }

    def case_ref(caller: apikeys.Client, referral_id: str, what: str) -> str:
        try:
            found = client_access.case_ref_for_team_action(
                data.uow(), caller, public_id=referral_id, what=what, now=datetime.now(UTC)
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        if found is None:
            raise HTTPException(404, text(errors.UnknownCase.key, "nl", case_ref=referral_id))
        return found

    @app.post("/api/v1/referrals/{referral_id}/handover", status_code=201, responses=problems)
    def post_handover(
        referral_id: PublicId,
        body: HandoverIn,
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> Done:
        ref = case_ref(caller, referral_id, "handover")
        if body.to_tenant is not None:
            return _move(ref, body)
        try:
            started = start_handover(
                data.uow(),
                rules,
                case_ref=ref,
                to=body.to,
                by=body.by,
                now=datetime.now(UTC),
                warm=body.warm,
                meeting_at=body.meeting_at,
                channel=client_access.CHANNEL,
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        detail = text(
            "cli.handover_started", "nl", case_ref=started.case_ref, to=started.to, due=started.due
        )
        return Done(case_ref=started.case_ref, status="requested", detail=detail)

    def _move(ref: str, body: HandoverIn) -> Done:
        try:
            moved = start_move(
                data,
                rules,
                case_ref=ref,
                to_tenant=body.to_tenant or "",
                to_team=body.to,
                by=body.by,
                now=datetime.now(UTC),
                warm=body.warm,
                channel=client_access.CHANNEL,
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        detail = text(
            "cli.move_started",
            "nl",
            case_ref=moved.case_ref,
            to=moved.to,
            their_ref=moved.to_case_ref or "—",
        )
        return Done(case_ref=moved.case_ref, status="requested", detail=detail)

    @app.post("/api/v1/referrals/{referral_id}/handover/{decision}", responses=problems)
    def post_decision(
        referral_id: PublicId,
        decision: Literal["accept", "decline"],
        body: DecisionIn,
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> Done:
        ref = case_ref(caller, referral_id, "handover_decision")
        accept = decision == "accept"
        try:
            done = decide_open_handover(
                data.uow(),
                rules,
                case_ref=ref,
                accept=accept,
                by=body.by,
                now=datetime.now(UTC),
                reason=DeclineReason(body.reason) if body.reason and not accept else None,
                channel=client_access.CHANNEL,
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        key = "cli.handover_accepted" if accept else "cli.handover_refused"
        status = "accepted" if accept else "declined"
        return Done(case_ref=done, status=status, detail=text(key, "nl", case_ref=done))

    @app.post("/api/v1/referrals/{referral_id}/decline", responses=problems)
    def post_decline(
        referral_id: PublicId,
        body: DeclineIn,
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> Done:
        ref = case_ref(caller, referral_id, "decline")
        try:
            done = decline_by_ref(
                data.uow(),
                rules,
                case_ref=ref,
                by=body.by,
                now=datetime.now(UTC),
                reason=DeclineReason(body.reason),
                suggest=body.suggest,
                channel=client_access.CHANNEL,
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        detail = text("cli.referral_declined", "nl", case_ref=done)
        return Done(case_ref=done, status="declined", detail=detail)

    @app.put("/api/v1/referrals/{referral_id}/lead", responses=problems)
    def put_lead(
        referral_id: PublicId,
        body: LeadIn,
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> Done:
        ref = case_ref(caller, referral_id, "lead")
        try:
            done = set_lead(
                data.uow(),
                rules,
                case_ref=ref,
                person=body.person,
                by=body.by,
                now=datetime.now(UTC),
                channel=client_access.CHANNEL,
            )
        except errors.TerugkoppelError as exc:
            raise _http(exc) from exc
        key = "cli.lead_set" if done.changed else "cli.lead_same"
        detail = text(key, "nl", case_ref=done.case_ref, name=done.name)
        return Done(case_ref=done.case_ref, status="lead_set", detail=detail)


def _http(exc: errors.TerugkoppelError) -> HTTPException:
    """The person's Dutch sentence, with the status that says what kind of problem it is."""
    status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 422)
    return HTTPException(status, text(exc.key, "nl", **exc.params))
