"""Who may see the overview: the signed-in account matched to the directory (the ID token's
Entra object id, else its e-mail), and an audit row for every sign-in and every case shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.app import notify
from bot.app.chat.actor import Actor, actor_of
from bot.app.data import Data
from bot.domain.model import Role

CHANNEL = "web"


@dataclass(frozen=True)
class Refused(Exception):
    """No overview for this account: `key` names the sentence it reads (4xx)."""

    key: str
    status: int = 403


def sign_in(
    data: Data, *, oid: str | None, email: str | None, subject: str, now: datetime
) -> Actor:
    """The directory's person behind a verified ID token; anyone else is refused and the
    attempt audited (the token's subject, never its e-mail, names the stranger)."""
    with data.uow() as uow:
        row = uow.overview.person_by_login(oid=oid, email=email)
        if row is None or not row.active:
            notify.refuse(
                uow, now=now, actor=f"oidc:{subject}"[:100], case_ref=None, what="overview:sign-in",
                channel=CHANNEL,
            )  # fmt: skip
            raise Refused("overview.unknown")
        person = actor_of(row)
        if not (person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR)):
            notify.refuse(
                uow, now=now, actor=person.id, case_ref=None, what="overview:sign-in",
                channel=CHANNEL,
            )  # fmt: skip
            raise Refused("overview.staff_only")
        notify.audit(
            uow, event="signed_in", now=now, actor=person.id, channel=CHANNEL, basis="overview"
        )
        uow.commit()
        return person


def viewer(data: Data, person_id: str) -> Actor | None:
    """The session's person as the directory has them now (left, or roles changed: None)."""
    with data.uow() as uow:
        row = uow.directory.person(id=person_id)
    if row is None or not row.active:
        return None
    person = actor_of(row)
    if person.has_role(Role.PROFESSIONAL) or person.has_role(Role.COORDINATOR):
        return person
    return None


def audit_shown(
    data: Data, person: Actor, *, view: str, case_refs: Iterable[str], now: datetime
) -> None:
    """One row per case reference the page showed (NEN 7513: who saw which case, when, how);
    a page without cases still leaves one row that it was seen."""
    refs: list[str | None] = [*sorted(set(case_refs))]
    with data.uow() as uow:
        for ref in refs or [None]:
            notify.audit(
                uow,
                event="viewed",
                now=now,
                actor=person.id,
                case_ref=ref,
                recipient=person.id,
                channel=CHANNEL,
                basis=f"overview:{view}",
            )
        uow.commit()
