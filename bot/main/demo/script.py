"""What happens in the demo municipality, and when (local time, Europe/Amsterdam)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.model import Answer, Consent
from bot.domain.reasons import DeclineReason

START = date(2026, 4, 22)  # a Wednesday; Koningsdag (Monday 27 April) falls inside


@dataclass(frozen=True)
class Refer:
    referrer: str
    team: str
    external_ref: str
    consent: Consent
    urgent: bool = False


@dataclass(frozen=True)
class Take:
    person: str
    external_ref: str


@dataclass(frozen=True)
class Click:
    """A one-click answer on the latest prompt about a referral."""

    person: str
    external_ref: str
    answer: Answer
    again: bool = False  # clicks the prompt that was already answered
    note: str | None = None  # a free-text note; sent only under consent for notes


@dataclass(frozen=True)
class RequestHandover:
    person: str
    external_ref: str
    to_team: str
    warm: bool = True


@dataclass(frozen=True)
class AcceptHandover:
    person: str
    external_ref: str


@dataclass(frozen=True)
class RefuseHandover:
    person: str
    external_ref: str
    reason: DeclineReason


@dataclass(frozen=True)
class DeclineReferral:
    """A coordinator does not take the referral, and names the better place."""

    person: str
    external_ref: str
    reason: DeclineReason
    suggest: str | None = None


@dataclass(frozen=True)
class SetLead:
    """The regisseur changes."""

    person: str
    external_ref: str
    lead: str


@dataclass(frozen=True)
class Away:
    person: str
    until: date


@dataclass(frozen=True)
class ReferrerTypes:
    """A referrer acts in chat: `/verwijzing status|intrekken|aanvullen <kenmerk> …`."""

    person: str
    words: str


Event = (
    Refer
    | Take
    | Click
    | RequestHandover
    | AcceptHandover
    | RefuseHandover
    | DeclineReferral
    | SetLead
    | Away
    | ReferrerTypes
)


def at(day: int, month: int, hour: int, minute: int = 0) -> tuple[int, int, int, int, int]:
    return (2026, month, day, hour, minute)


SCRIPT: list[tuple[tuple[int, int, int, int, int], Event]] = [
    (at(22, 4, 9, 10), Refer("dr-bakker", "jt-noord", "HAP-7781", Consent.STATUS)),
    (at(22, 4, 10, 5), Take("anna", "HAP-7781")),
    (at(22, 4, 11, 30), Refer("ib-smits", "jt-noord", "DLS-031", Consent.NOTES)),
    (at(22, 4, 14, 0), Take("carla", "DLS-031")),
    (at(23, 4, 16, 30), Refer("dr-bakker", "st-zuid", "HAP-7790", Consent.STATUS)),
    (at(24, 4, 9, 15), Take("dewi", "HAP-7790")),
    (at(24, 4, 11, 0), Click("anna", "HAP-7781", Answer.CONTACT_MADE)),
    # a zorgmelding at night in the weekend: receipt at once, piket (Bram) at once; nobody
    # takes it, so after 15 minutes the next in the rota (Anna), then the coordinator
    (
        at(25, 4, 2, 40),
        Refer("wijkagent-vos", "jt-noord", "ZM-2026-118", Consent.NONE, urgent=True),
    ),
    (at(25, 4, 9, 0), Take("bram", "ZM-2026-118")),
    (at(28, 4, 9, 30), Click("dewi", "HAP-7790", Answer.CONTACT_MADE)),
    (at(28, 4, 10, 0), RequestHandover("dewi", "HAP-7790", "jt-noord")),
    (at(28, 4, 10, 20), Click("dewi", "HAP-7790", Answer.INTAKE_PLANNED, again=True)),
    (at(29, 4, 9, 0), Refer("dr-bakker", "jt-noord", "HAP-7802", Consent.STATUS)),
    (at(29, 4, 9, 40), Take("anna", "HAP-7802")),
    # a handover the other team cannot take now: refused with the reason on its button
    (at(29, 4, 10, 30), RequestHandover("anna", "HAP-7802", "st-zuid", warm=False)),
    (at(29, 4, 11, 0), Click("bram", "ZM-2026-118", Answer.NOT_YET)),
    (at(29, 4, 14, 0), RefuseHandover("emre", "HAP-7802", DeclineReason.NO_CAPACITY)),
    # a referral in the wrong place: declined, and the school hears where to go ("wie voor wat")
    (at(30, 4, 10, 0), Refer("ib-smits", "jt-noord", "DLS-050", Consent.STATUS)),
    (
        at(30, 4, 11, 15),
        DeclineReferral("bram", "DLS-050", DeclineReason.NOT_OUR_SERVICE, suggest="kompas"),
    ),
    (at(30, 4, 8, 45), Away("anna", date(2026, 5, 5))),
    (at(1, 5, 11, 0), Click("carla", "HAP-7802", Answer.CONTACT_MADE)),  # as anna's backup
    (at(4, 5, 13, 0), Refer("ib-smits", "st-zuid", "DLS-044", Consent.STATUS)),
    (at(4, 5, 13, 20), Take("fleur", "DLS-044")),
    # "not yet" a second time in a row: the team's snooze cap (2) asks the coordinator
    (at(4, 5, 9, 0), Click("bram", "ZM-2026-118", Answer.NOT_YET)),
    (at(5, 5, 10, 0), Click("bram", "ZM-2026-118", Answer.CONTACT_MADE)),
    (at(6, 5, 9, 30), AcceptHandover("bram", "HAP-7790")),
    # Anna is back; Carla stays regisseur of HAP-7781 ("1 gezin, 1 plan, 1 regisseur")
    (at(6, 5, 10, 0), SetLead("bram", "HAP-7781", "carla")),
    # A note that names family members: without consent for notes it is neither sent nor
    # kept, and no log line may carry it (tests/bot/test_logs.py runs the demo at DEBUG).
    (
        at(6, 5, 14, 0),
        Click(
            "fleur",
            "DLS-044",
            Answer.INTAKE_PLANNED,
            note="Intake met moeder Jolanda Kraaijeveld en opa Gerrit op dinsdag",
        ),
    ),
    # DLS-031 (Carla) is never answered: the ladder runs to escalation.
    # The referrer acts too (issue 20): the school asks how DLS-031 stands, refers another
    # pupil and withdraws that referral (the school's own care team helps after all): the
    # team hears it and its prompts stop.
    (at(30, 4, 15, 30), ReferrerTypes("ib-smits", "status DLS-031")),
    (at(4, 5, 9, 0), Refer("ib-smits", "jt-noord", "DLS-052", Consent.STATUS)),
    (at(4, 5, 9, 30), Take("carla", "DLS-052")),
    (at(5, 5, 11, 0), ReferrerTypes("ib-smits", "intrekken DLS-052")),
    # the family moves to Rivierdal the next day (bot/main/demo/rivierdal.py MOVE)
    (at(5, 5, 14, 0), Refer("dr-bakker", "jt-noord", "HAP-7811", Consent.STATUS)),
    (at(5, 5, 14, 30), Take("anna", "HAP-7811")),
]


def moment(parts: tuple[int, int, int, int, int], tz: object) -> datetime:
    year, month, day, hour, minute = parts
    return datetime(year, month, day, hour, minute, tzinfo=tz)  # type: ignore[arg-type]
