"""The referrer's acts as one-click buttons on their messages, which an e-mail turns into
signed links (bot/app/referrer_links.py): ask the status, withdraw, add information. Only
for a referrer without Slack or Teams: in chat they type `/verwijzing status REF` …"""

from __future__ import annotations

from bot.messages import Action

STATUS = "referral_status"  # each is a link kind and the Action id that asks the same
WITHDRAW = "referral_withdraw"
ADD = "referral_add"
KINDS = (STATUS, WITHDRAW, ADD)
_LABELS = {STATUS: "acts.action.status", WITHDRAW: "acts.action.withdraw", ADD: "acts.action.add"}


def actions(referral_id: int) -> tuple[Action, ...]:
    return tuple(
        Action(kind, _LABELS[kind], str(referral_id), "danger" if kind == WITHDRAW else "default")
        for kind in KINDS
    )
