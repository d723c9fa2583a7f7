from __future__ import annotations

import pytest

from bot.domain.errors import InvalidTransition
from bot.domain.model import (
    HandoverState,
    PromptState,
    ReferralStatus,
    check_handover_transition,
    check_prompt_transition,
    check_referral_transition,
)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("received", ReferralStatus.ASSIGNED),
        ("assigned", ReferralStatus.CONTACT_MADE),
        ("assigned", ReferralStatus.HELP_STARTED),  # a step may be skipped
        ("help_started", ReferralStatus.HANDED_OVER),
        ("handed_over", ReferralStatus.CLOSED),
        ("received", ReferralStatus.DECLINED),
        ("assigned", ReferralStatus.ASSIGNED),  # reassignment
    ],
)
def test_referral_moves_forward(current: str, target: ReferralStatus) -> None:
    check_referral_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("contact_made", ReferralStatus.CONTACT_MADE),
        ("help_started", ReferralStatus.CONTACT_MADE),
        ("closed", ReferralStatus.HELP_STARTED),
        ("declined", ReferralStatus.CLOSED),
        ("received", ReferralStatus.CONTACT_MADE),
    ],
)
def test_referral_never_moves_back_or_out_of_a_final_state(
    current: str, target: ReferralStatus
) -> None:
    with pytest.raises(InvalidTransition) as raised:
        check_referral_transition(current, target)
    assert raised.value.params == {"machine": "referral", "current": current, "target": target}


def test_referral_cannot_skip_assignment() -> None:
    with pytest.raises(InvalidTransition):
        check_referral_transition("received", ReferralStatus.INTAKE_PLANNED)


def test_prompt_ladder_and_final_states() -> None:
    check_prompt_transition("open", PromptState.REMINDED)
    check_prompt_transition("reminded", PromptState.REMINDED)
    check_prompt_transition("reminded", PromptState.ESCALATED)
    check_prompt_transition("escalated", PromptState.ANSWERED)
    check_prompt_transition("snoozed", PromptState.OPEN)
    with pytest.raises(InvalidTransition):
        check_prompt_transition("answered", PromptState.ANSWERED)
    with pytest.raises(InvalidTransition):
        check_prompt_transition("open", PromptState.ESCALATED)


def test_handover_is_decided_once() -> None:
    check_handover_transition("requested", HandoverState.OVERDUE)
    check_handover_transition("overdue", HandoverState.ESCALATED)
    check_handover_transition("escalated", HandoverState.ACCEPTED)
    with pytest.raises(InvalidTransition):
        check_handover_transition("accepted", HandoverState.REFUSED)
    with pytest.raises(InvalidTransition):
        check_handover_transition("refused", HandoverState.ACCEPTED)
