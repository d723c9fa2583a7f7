"""The REST routes of the referrer's own acts and of integration: find a referral by the
client's own reference, withdraw it, add information (bot/app/client_access.py). Scoped
like every route: a referral the key may not read is a 404, like one that does not exist."""

# No `from __future__ import annotations`: FastAPI resolves the route annotations at run time.

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from adapters.http.api_status import ReferralList, ReferralStatusOut, status_out
from adapters.http.problems import Problem
from bot.app import apikeys, client_access
from bot.app.data import Data
from bot.app.note_check import note_hint
from bot.domain import external_ref as external_ref_rule
from bot.domain.errors import NoteRefused, ReferralEnded, UnknownCase
from bot.domain.rules import Rules
from bot.messages import text

_PUBLIC_ID = Path(max_length=32, pattern=r"^[A-Za-z0-9_-]+$")


class InformationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(
        min_length=1,
        max_length=1000,
        description="Information for the professionals; nothing the privacy guard flags.",
    )


class InformationOut(BaseModel):
    case_ref: str
    sent: bool


def mount_acts(
    app: FastAPI,
    data: Data,
    rules: Rules,
    *,
    client: Callable[..., Awaitable[apikeys.Client]],
    responses: dict[int | str, dict[str, Any]],
) -> None:
    missing: dict[int | str, dict[str, Any]] = {
        404: {"model": Problem, "description": "No such referral for this key."}
    }

    def not_found(referral_id: str) -> HTTPException:
        return HTTPException(404, text(UnknownCase.key, "en", case_ref=referral_id))

    @app.get(
        "/api/v1/referrals",
        responses={
            **responses,
            400: {
                "model": Problem,
                "description": "A control character in the address or the query.",
            },
            422: {"model": Problem, "description": "No valid external_ref given."},
        },
    )
    def find_referrals(
        caller: Annotated[apikeys.Client, Depends(client)],
        external_ref: Annotated[str, Query(min_length=1, max_length=64)],
    ) -> ReferralList:
        """The key's referrals with this reference of the client's own (its organisation's,
        or those it submitted); never another organisation's. Each one read is audited."""
        if not external_ref_rule.PATTERN.fullmatch(external_ref):
            raise HTTPException(422, text("error.bad_external_ref", "nl"))
        views = client_access.by_external_ref(
            data.uow(), rules, caller, external_ref=external_ref, now=datetime.now(UTC)
        )
        return ReferralList(items=[status_out(view) for view in views])

    @app.post(
        "/api/v1/referrals/{referral_id}/withdraw",
        responses={
            **responses,
            **missing,
            409: {"model": Problem, "description": "The referral ended otherwise."},
        },
    )
    def withdraw(
        referral_id: Annotated[str, _PUBLIC_ID],
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> ReferralStatusOut:
        """Withdraws the referral: its prompts and reminders stop and the professionals on
        it are told. Again: 200, nothing changes."""
        try:
            done = client_access.withdraw(
                data.uow(), rules, caller, public_id=referral_id, now=datetime.now(UTC)
            )
        except ReferralEnded as exc:
            raise HTTPException(409, text(exc.key, "nl", **exc.params)) from exc
        if done is None:
            raise not_found(referral_id)
        view, _already = done
        return status_out(view)

    @app.post(
        "/api/v1/referrals/{referral_id}/information",
        responses={
            **responses,
            **missing,
            409: {"model": Problem, "description": "The referral has ended."},
            422: {"model": Problem, "description": "The privacy guard found personal data."},
        },
    )
    def add_information(
        referral_id: Annotated[str, _PUBLIC_ID],
        body: InformationIn,
        caller: Annotated[apikeys.Client, Depends(client)],
    ) -> InformationOut:
        """Information for the professionals on the case. It passes the privacy guard
        first; it is sent, not kept."""
        try:
            case_ref = client_access.add_information(
                data.uow(),
                rules,
                caller,
                public_id=referral_id,
                information=body.text,
                now=datetime.now(UTC),
            )
        except NoteRefused as exc:
            found = note_hint(exc.findings, "nl")
            raise HTTPException(422, text("error.note_refused", "nl", found=found)) from exc
        except ReferralEnded as exc:
            raise HTTPException(409, text(exc.key, "nl", **exc.params)) from exc
        if case_ref is None:
            raise not_found(referral_id)
        return InformationOut(case_ref=case_ref, sent=True)
