"""A case looked up by its reference from a chat (Teams' message-extension search): only
an exact reference of the asker's own team, so nobody can list other teams' work, and the
lookup is audited as any disclosure is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from bot.app import notify
from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.messages import Message, text
from store.schema.cases import Referral

MAX_REF = 40


@dataclass(frozen=True)
class Found:
    case_ref: str
    message: Message  # reference, team and the newest referral's status


def find(data: Data, person: Actor, query: str, now: datetime, source: str) -> Found | None:
    """The case with this reference, when it belongs to the asker's team; None otherwise
    (no difference between "no such case" and "not yours": nothing leaks)."""
    wanted = " ".join(query.split()).upper()
    if not wanted or len(wanted) > MAX_REF or not person.team:
        return None
    with data.uow() as uow:
        case = uow.cases.by_ref(ref=wanted)
        if case is None or case.team_id != person.team:
            return None
        referral = uow.session.exec(
            select(Referral)
            .where(col(Referral.case_id) == case.id)
            .order_by(col(Referral.id).desc())
        ).first()
        team = uow.directory.team(id=case.team_id)
        status = referral.status if referral is not None else "received"
        notify.audit(
            uow,
            event="disclosed",
            now=now,
            actor=person.id,
            case_ref=case.ref,
            recipient=person.id,
            channel=source,
            basis="team",
            message_key="teamsui.search_found",
        )
        uow.commit()
    params = {
        "case_ref": case.ref,
        "team": team.name if team else case.team_id,
        "status": text(f"status.{status}", person.language),
    }
    return Found(case.ref, Message("teamsui.search_found", params, language=person.language))
