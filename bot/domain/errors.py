"""Named domain errors; each carries a catalogue key so a person reads a sentence, not a trace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from bot.domain.privacy_guard import Finding


class TerugkoppelError(Exception):
    """Base error. `key` and `params` render the person's sentence via the catalogue."""

    key = "error.generic"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(f"{type(self).__name__}: {params}")


class NotAllowed(TerugkoppelError):
    key = "error.not_allowed"


class UnknownPerson(TerugkoppelError):
    key = "error.unknown_person"


class UnknownCase(TerugkoppelError):
    key = "error.unknown_case"


class UnknownTeam(TerugkoppelError):
    key = "error.unknown_team"


class UnknownReferrer(TerugkoppelError):
    key = "error.unknown_referrer"


class InvalidTransition(TerugkoppelError):
    key = "error.invalid_transition"

    def __init__(self, machine: str, current: str, target: str) -> None:
        super().__init__(machine=machine, current=str(current), target=str(target))


class AlreadyAnswered(TerugkoppelError):
    key = "error.already_answered"


class NoteRefused(TerugkoppelError):
    """The privacy guard refused a note. `findings` (kinds and spans, never the text) let the
    way in show the professional the note back with the spans marked."""

    key = "error.note_refused"

    def __init__(self, findings: tuple[Finding, ...] = (), **params: Any) -> None:
        super().__init__(**params)
        self.findings = findings
        if "marked" in params:  # the note with the findings marked, shown to its writer
            self.key = "privacy.note_refused_marked"
        # Never the note in the exception's own text (a log line might carry it).
        self.args = ("NoteRefused: " + "+".join(sorted({f.kind for f in findings})),)


class DirectoryInvalid(TerugkoppelError):
    key = "error.directory"


class SettingInvalid(TerugkoppelError):
    key = "error.setting"


class DeliveryFailed(TerugkoppelError):
    """A send did not succeed; retry later."""

    key = "error.delivery"


class RateLimited(DeliveryFailed):
    def __init__(self, *, retry_after: float, **params: Any) -> None:
        self.retry_after = retry_after
        super().__init__(retry_after=retry_after, **params)


class RecipientGone(DeliveryFailed):
    """Permanent: the recipient or channel no longer exists; do not retry."""


class ChannelUnavailable(DeliveryFailed):
    """Permanent for this message: no configured channel reaches the recipient."""


class CredentialsRejected(RateLimited, ChannelUnavailable):
    """The provider refused our token (revoked, invalid, expired). Nothing on that channel
    can go out until an operator rotates it, so the whole channel pauses like a rate limit
    and messages wait in the outbox instead of failing one by one; an alert is logged."""


# Teams
class ReachElsewhere(ChannelUnavailable):
    """This channel cannot reach the person (Teams: the app cannot be installed for them);
    the dispatcher sends the message by the person's next channel (e-mail) instead and
    tells the team's coordinators."""


# the referrer's own loop
class ReferralEnded(TerugkoppelError):
    """The referral is closed or declined: nothing more to ask the referrer."""

    key = "error.referral_ended"


class NoOpenRequest(TerugkoppelError):
    key = "error.no_open_request"


class UnknownConsultation(TerugkoppelError):
    key = "error.unknown_consultation"


class ConsultationInvalid(TerugkoppelError):
    """A vaste overleg that cannot be: `reason` picks the sentence (weekend, every, partner,
    first)."""

    key = "error.consultation_invalid"

    KEYS: ClassVar[dict[str, str]] = {
        "weekend": "error.consultation_weekend",
        "every": "error.consultation_every",
        "partner": "error.consultation_partner",
        "first": "error.consultation_first",
    }

    def __init__(self, reason: str, **params: str) -> None:
        self.key = self.KEYS[reason]
        super().__init__(**params)


class RetrySoon(RateLimited):
    """One request failed in passing (Teams: 412, 502, 504): this message is tried again
    after `retry_after` (a backoff with jitter); unlike a 429 it does not hold back the
    provider's other conversations."""


class TransportInsecure(CredentialsRejected):
    """The mail relay offers no STARTTLS or shows a certificate we do not trust. Nothing is
    ever sent unencrypted or to an unverified server: e-mail pauses like refused credentials
    (messages wait in the outbox, a CRITICAL line alerts the operator) until it is fixed."""


# consent
class ConsentRefused(TerugkoppelError):
    """A consent given by a party the Jeugdwet does not accept for the youth's age, or
    without saying who gave it. `key`: error.consent_parents, error.consent_both,
    error.consent_youth or error.consent_needs_party."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key
        self.reason = key.partition("consent_")[2]  # parents | both | youth | needs_party


class BadExternalRef(TerugkoppelError):
    """The referrer's reference is not a reference (bot/domain/external_ref.py); the
    value itself is never echoed. `key` says why: the pattern or the privacy guard."""

    key = "error.bad_external_ref"

    def __init__(self, key: str = "error.bad_external_ref", **params: str) -> None:
        super().__init__(**params)
        self.key = key


class IdempotencyConflict(TerugkoppelError):
    """An `Idempotency-Key` used before with another request body."""

    key = "error.idempotency_conflict"


# handovers and declines
class UnknownPlace(TerugkoppelError):
    """No team or organisation with this id in the directory."""

    key = "error.unknown_place"


class HandoverPending(TerugkoppelError):
    """The referral already has a handover waiting for an answer."""

    key = "error.handover_pending"


class NoOpenHandover(TerugkoppelError):
    key = "error.no_open_handover"


class ReasonRequired(TerugkoppelError):
    """A decline needs a reason from the fixed list."""

    key = "error.reason_required"


class MeetingInvalid(TerugkoppelError):
    key = "error.meeting_invalid"


class LeadRefused(TerugkoppelError):
    """The chosen person cannot be the regisseur (not a professional of ours, or left)."""

    key = "error.lead_not_allowed"
