"""TERUGKOPPEL_SLACK_BOT_TOKENS: `workspace:token[,workspace:token…]`, a bot token per Slack
workspace (one Slack app installed in each municipality's workspace). Pure, so the settings
check it at start-up without loading Slack's SDK; no message ever shows a token."""

from __future__ import annotations

import re

from bot.domain.errors import TerugkoppelError

# A Slack workspace (team) id, T…, or an Enterprise Grid organisation's, E…; also the name
# of a file in TERUGKOPPEL_SLACK_BOT_TOKENS_DIR.
WORKSPACE = re.compile(r"[TE][A-Z0-9]{1,31}")


class SlackTokenSettingInvalid(TerugkoppelError):
    """`key`: setting.slack_tokens (position) or setting.slack_tokens_twice (workspace)."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(**params)
        self.key = key


def parse(raw: str) -> dict[str, str]:
    """ "T0A:xoxb-1,T0B:xoxb-2" → {workspace: token}; "" → {}. An item without a workspace
    id or a token, a token with a space in it, or a workspace given twice raises
    SlackTokenSettingInvalid."""
    tokens: dict[str, str] = {}
    if not raw.strip():
        return tokens
    for position, item in enumerate(raw.split(","), start=1):
        workspace, _, token = item.strip().partition(":")
        workspace, token = workspace.strip(), token.strip()
        if not WORKSPACE.fullmatch(workspace) or not token or any(c.isspace() for c in token):
            raise SlackTokenSettingInvalid("setting.slack_tokens", position=str(position))
        if workspace in tokens:
            raise SlackTokenSettingInvalid("setting.slack_tokens_twice", workspace=workspace)
        tokens[workspace] = token
    return tokens


def is_workspace(name: str) -> bool:
    return WORKSPACE.fullmatch(name) is not None
