"""Why a team does not take a referral or a handover: a fixed list, so the referrer and the
other team read a plain sentence from the catalogue and no free text about a family is kept."""

from __future__ import annotations

from enum import StrEnum


class DeclineReason(StrEnum):
    NOT_OUR_SERVICE = "not_our_service"  # the question fits another team or organisation
    OUTSIDE_AREA = "outside_area"  # the family lives outside our area
    ALREADY_IN_CARE = "already_in_care"  # another service already helps the family
    NO_CAPACITY = "no_capacity"  # no place now (a handover only: the family stays put)
    NEEDS_CONSENT = "needs_consent"  # no consent of youth or parents for this step
    OTHER = "other"


REFERRAL_REASONS: tuple[DeclineReason, ...] = (
    DeclineReason.NOT_OUR_SERVICE,
    DeclineReason.OUTSIDE_AREA,
    DeclineReason.ALREADY_IN_CARE,
    DeclineReason.NEEDS_CONSENT,
    DeclineReason.OTHER,
)
HANDOVER_REASONS: tuple[DeclineReason, ...] = tuple(DeclineReason)


def parse_reason(value: str | None, allowed: tuple[DeclineReason, ...]) -> DeclineReason | None:
    """The reason for `value` (its code), None for anything not on the list."""
    try:
        reason = DeclineReason((value or "").strip().lower())
    except ValueError:
        return None
    return reason if reason in allowed else None
