"""Queries of the referrer's own loop: requests to referrers, check-ins, the vaste overleg."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from store.schema.cases import Case, Referral
from store.schema.directory import Person
from store.schema.loop import CheckIn, Consultation, ReferrerRequest

_ENDED = ("closed", "declined")


class LoopRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- requests to referrers ---------------------------------------------------------------

    def referral_of_case(self, *, case_id: int) -> Referral | None:
        """The case's referral (the latest, should a case ever carry more than one)."""
        stmt = select(Referral).where(Referral.case_id == case_id)
        return self.session.exec(stmt.order_by(col(Referral.id).desc())).first()

    def request(self, *, id: int, lock: bool = False) -> ReferrerRequest | None:
        return self.session.get(ReferrerRequest, id, with_for_update=lock)

    def open_requests(self, *, referral: int, kind: str | None = None) -> Sequence[ReferrerRequest]:
        stmt = select(ReferrerRequest).where(
            ReferrerRequest.referral_id == referral, col(ReferrerRequest.closed_at).is_(None)
        )
        if kind is not None:
            stmt = stmt.where(ReferrerRequest.kind == kind)
        return self.session.exec(stmt.order_by(col(ReferrerRequest.id))).all()

    def add_request(self, request: ReferrerRequest) -> ReferrerRequest:
        self.session.add(request)
        self.session.flush()
        return request

    def due_requests(self, *, now: datetime, limit: int) -> Sequence[int]:
        """Ids of open requests whose next step is due (partial index ix_referrer_requests_due)."""
        stmt = (
            select(ReferrerRequest.id)
            .where(
                col(ReferrerRequest.closed_at).is_(None),
                col(ReferrerRequest.next_action_at) <= now,
            )
            .order_by(col(ReferrerRequest.next_action_at))
            .limit(limit)
        )
        return [id_ for id_ in self.session.exec(stmt).all() if id_ is not None]

    # -- check-ins -----------------------------------------------------------------------------

    def checkin(self, *, id: int, lock: bool = False) -> CheckIn | None:
        return self.session.get(CheckIn, id, with_for_update=lock)

    def checkin_for(self, *, referral: int) -> CheckIn | None:
        return self.session.exec(select(CheckIn).where(CheckIn.referral_id == referral)).first()

    def add_checkin(self, checkin: CheckIn) -> None:
        self.session.add(checkin)

    def due_checkins(self, *, now: datetime, limit: int) -> Sequence[int]:
        """Ids of check-ins to ask now (partial index ix_checkins_due)."""
        stmt = (
            select(CheckIn.id)
            .where(
                col(CheckIn.asked_at).is_(None),
                col(CheckIn.closed_at).is_(None),
                col(CheckIn.due_at) <= now,
            )
            .order_by(col(CheckIn.due_at))
            .limit(limit)
        )
        return [id_ for id_ in self.session.exec(stmt).all() if id_ is not None]

    # -- the vaste overleg -----------------------------------------------------------------------

    def consultation(self, *, team: str, partner: str) -> Consultation | None:
        stmt = select(Consultation).where(
            Consultation.team_id == team, Consultation.partner_id == partner
        )
        return self.session.exec(stmt).first()

    def consultation_by_id(self, *, id: int, lock: bool = False) -> Consultation | None:
        return self.session.get(Consultation, id, with_for_update=lock)

    def consultations(self) -> Sequence[Consultation]:
        stmt = select(Consultation).order_by(
            col(Consultation.team_id), col(Consultation.partner_id)
        )
        return self.session.exec(stmt).all()

    def add_consultation(self, consultation: Consultation) -> None:
        self.session.add(consultation)

    def remove_consultation(self, consultation: Consultation) -> None:
        self.session.delete(consultation)

    def due_consultations(self, *, now: datetime, limit: int) -> Sequence[int]:
        stmt = (
            select(Consultation.id)
            .where(col(Consultation.remind_at) <= now)
            .order_by(col(Consultation.remind_at))
            .limit(limit)
        )
        return [id_ for id_ in self.session.exec(stmt).all() if id_ is not None]

    def open_case_refs(self, *, team: str, partner: str) -> list[tuple[str, str | None]]:
        """(our reference, the referrer's own) of every open referral from `partner`'s
        people to `team`, oldest first: what the vaste overleg goes through."""
        stmt = (
            select(Case.ref, Referral.external_ref)
            .join(Case, col(Case.id) == col(Referral.case_id))
            .join(Person, col(Person.id) == col(Referral.referrer_id))
            .where(
                Referral.team_id == team,
                Person.organisation_id == partner,
                col(Referral.status).not_in(_ENDED),
            )
            .order_by(col(Referral.received_at), col(Referral.id))
        )
        return [(ref, external) for ref, external in self.session.exec(stmt).all()]
