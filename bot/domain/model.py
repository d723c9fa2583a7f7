"""Domain vocabulary and the pure state machines of Referral, Prompt and Handover."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import InvalidTransition

# Row ids are 32-bit signed integers in the store (PostgreSQL `integer`): an id outside
# 1..ID_MAX names no row, and is answered as unknown before the database sees it.
ID_MAX = 2**31 - 1


def valid_id(value: int) -> bool:
    return 0 < value <= ID_MAX


def parse_id(text: str) -> int | None:
    """A row id written as digits (a button's value, a link's subject); None for anything
    else, a number past ID_MAX included."""
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if valid_id(value) else None


class Role(StrEnum):
    PROFESSIONAL = "professional"
    COORDINATOR = "coordinator"
    REFERRER = "referrer"


class OrganisationKind(StrEnum):
    GP = "gp"
    SCHOOL = "school"
    POLICE = "police"
    JGZ = "jgz"
    VEILIG_THUIS = "veilig_thuis"
    CARE = "care"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class Consent(StrEnum):
    NONE = "none"
    STATUS = "status"
    NOTES = "notes"


class Platform(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"
    EMAIL = "email"
    CONSOLE = "console"
    WEBHOOK = "webhook"  # an organisation's case system (status webhooks)


class ReferralStatus(StrEnum):
    RECEIVED = "received"
    ASSIGNED = "assigned"
    CONTACT_MADE = "contact_made"
    INTAKE_PLANNED = "intake_planned"
    HELP_STARTED = "help_started"
    HANDED_OVER = "handed_over"
    CLOSED = "closed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # by the referrer


REFERRAL_ORDER: tuple[ReferralStatus, ...] = (
    ReferralStatus.RECEIVED,
    ReferralStatus.ASSIGNED,
    ReferralStatus.CONTACT_MADE,
    ReferralStatus.INTAKE_PLANNED,
    ReferralStatus.HELP_STARTED,
    ReferralStatus.HANDED_OVER,
    ReferralStatus.CLOSED,
)
TERMINAL = frozenset({ReferralStatus.CLOSED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN})
# Statuses that count as a terugkoppeling for the feedback norm (receipt and assignment do not).
FEEDBACK_STATUSES = frozenset(REFERRAL_ORDER[2:]) | {ReferralStatus.DECLINED}


class Answer(StrEnum):
    CONTACT_MADE = "contact_made"
    INTAKE_PLANNED = "intake_planned"
    HELP_STARTED = "help_started"
    HANDED_OVER = "handed_over"
    CLOSED = "closed"
    NOT_YET = "not_yet"

    def status(self) -> ReferralStatus | None:
        return None if self is Answer.NOT_YET else ReferralStatus(self.value)


class PromptKind(StrEnum):
    FEEDBACK = "feedback"  # to the assigned professional: how is it going?
    INTAKE = "intake"  # to the team: who takes this referral?
    PAGE = "page"  # an urgent referral's page to the piket: taken, or paged on


class PromptState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    SNOOZED = "snoozed"
    REMINDED = "reminded"
    ESCALATED = "escalated"
    CANCELLED = "cancelled"  # made moot by another change (referral closed, handed over)


class HandoverState(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    OVERDUE = "overdue"
    ESCALATED = "escalated"


def check_referral_transition(current: str, target: ReferralStatus) -> None:
    """Referrals move forward only; closed, declined and withdrawn are final."""
    now = ReferralStatus(current)
    if now in TERMINAL:
        raise InvalidTransition("referral", now, target)
    if target in TERMINAL:
        return
    if target is ReferralStatus.ASSIGNED and now is ReferralStatus.ASSIGNED:
        return  # reassignment
    if now is ReferralStatus.RECEIVED and target is not ReferralStatus.ASSIGNED:
        raise InvalidTransition("referral", now, target)  # milestones need someone on the case
    if REFERRAL_ORDER.index(target) <= REFERRAL_ORDER.index(now):
        raise InvalidTransition("referral", now, target)


_PROMPT_MOVES: dict[PromptState, frozenset[PromptState]] = {
    PromptState.OPEN: frozenset(
        {PromptState.ANSWERED, PromptState.SNOOZED, PromptState.REMINDED, PromptState.CANCELLED}
    ),
    PromptState.REMINDED: frozenset(
        {
            PromptState.REMINDED,
            PromptState.ANSWERED,
            PromptState.SNOOZED,
            PromptState.ESCALATED,
            PromptState.CANCELLED,
        }
    ),
    PromptState.ESCALATED: frozenset(
        {PromptState.ANSWERED, PromptState.SNOOZED, PromptState.CANCELLED}
    ),
    PromptState.SNOOZED: frozenset({PromptState.OPEN, PromptState.CANCELLED}),
    PromptState.ANSWERED: frozenset(),
    PromptState.CANCELLED: frozenset(),
}


def check_prompt_transition(current: str, target: PromptState) -> None:
    if target not in _PROMPT_MOVES[PromptState(current)]:
        raise InvalidTransition("prompt", PromptState(current), target)


_HANDOVER_MOVES: dict[HandoverState, frozenset[HandoverState]] = {
    HandoverState.REQUESTED: frozenset(
        {HandoverState.ACCEPTED, HandoverState.REFUSED, HandoverState.OVERDUE}
    ),
    HandoverState.OVERDUE: frozenset(
        {
            HandoverState.OVERDUE,
            HandoverState.ACCEPTED,
            HandoverState.REFUSED,
            HandoverState.ESCALATED,
        }
    ),
    HandoverState.ESCALATED: frozenset({HandoverState.ACCEPTED, HandoverState.REFUSED}),
    HandoverState.ACCEPTED: frozenset(),
    HandoverState.REFUSED: frozenset(),
}


def check_handover_transition(current: str, target: HandoverState) -> None:
    if target not in _HANDOVER_MOVES[HandoverState(current)]:
        raise InvalidTransition("handover", HandoverState(current), target)


# the referrer's own loop
class RequestKind(StrEnum):
    """What a referral waits for from the referrer."""

    CONSENT = "consent"
    INFORMATION = "information"


class CheckInAnswer(StrEnum):
    """ "Merkt u verschil?" """

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    UNKNOWN = "unknown"
