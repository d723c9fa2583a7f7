"""The one table from Slack Web API failures to our delivery errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.app.chat.retry_after import retry_after
from bot.domain.errors import (
    ChannelUnavailable,
    CredentialsRejected,
    DeliveryFailed,
    RateLimited,
    RecipientGone,
)

# A rejected token pauses all Slack sending this long before one message probes again;
# a rotated token (TERUGKOPPEL_SLACK_BOT_TOKEN_FILE) is read before that probe.
CREDENTIALS_PAUSE = 60.0

# Error codes not listed here (internal_error, fatal_error, service_unavailable,
# request_timeout, …) are taken as passing: DeliveryFailed, retried with backoff.
PERMANENT: Mapping[str, type[DeliveryFailed]] = {
    # the person or conversation is gone: do not retry this recipient
    "channel_not_found": RecipientGone,
    "not_in_channel": RecipientGone,
    "is_archived": RecipientGone,
    "user_not_found": RecipientGone,
    "user_not_visible": RecipientGone,
    "user_disabled": RecipientGone,
    "users_not_found": RecipientGone,
    "cannot_dm_bot": RecipientGone,
    "account_inactive": RecipientGone,
    # the token itself is refused: stop all Slack sending and alert (CredentialsRejected)
    "invalid_auth": CredentialsRejected,
    "not_authed": CredentialsRejected,
    "token_revoked": CredentialsRejected,
    "token_expired": CredentialsRejected,
    # the app cannot send this (scopes, workspace policy, the message itself)
    "missing_scope": ChannelUnavailable,
    "team_access_not_granted": ChannelUnavailable,
    "no_permission": ChannelUnavailable,
    "restricted_action": ChannelUnavailable,
    "restricted_action_read_only_channel": ChannelUnavailable,
    "restricted_action_thread_only_channel": ChannelUnavailable,
    "restricted_action_non_threadable_channel": ChannelUnavailable,
    "ekm_access_denied": ChannelUnavailable,
    "not_allowed_token_type": ChannelUnavailable,
    "access_denied": ChannelUnavailable,
    "enterprise_is_restricted": ChannelUnavailable,
    "org_login_required": ChannelUnavailable,
    "two_factor_setup_required": ChannelUnavailable,
    "message_not_found": ChannelUnavailable,
    "cant_update_message": ChannelUnavailable,
    "edit_window_closed": ChannelUnavailable,
    "msg_too_long": ChannelUnavailable,
    "msg_blocks_too_long": ChannelUnavailable,
    "invalid_blocks": ChannelUnavailable,
    "invalid_blocks_format": ChannelUnavailable,
    "invalid_metadata_format": ChannelUnavailable,
    "invalid_metadata_schema": ChannelUnavailable,
    "metadata_too_large": ChannelUnavailable,
    "no_text": ChannelUnavailable,
    "too_many_attachments": ChannelUnavailable,
    "invalid_arguments": ChannelUnavailable,
    "invalid_arg_name": ChannelUnavailable,
    "invalid_array_arg": ChannelUnavailable,
    "invalid_charset": ChannelUnavailable,
    "invalid_form_data": ChannelUnavailable,
    "invalid_post_type": ChannelUnavailable,
    "missing_post_type": ChannelUnavailable,
    "deprecated_endpoint": ChannelUnavailable,
    "method_deprecated": ChannelUnavailable,
    "unknown_method": ChannelUnavailable,
}


def error_for(exc: BaseException) -> DeliveryFailed:
    """Our error for a failed Web API call: rate limit, permanent (recipient or app), or
    passing (everything else, including 5xx, time-outs and broken connections)."""
    if isinstance(exc, DeliveryFailed):
        return exc
    if isinstance(exc, SlackApiError):
        status = int(getattr(exc.response, "status_code", 0) or 0)
        headers: Mapping[str, Any] = getattr(exc.response, "headers", None) or {}
        code = _error_code(getattr(exc.response, "data", None))
        if status == 429 or code == "ratelimited":
            return RateLimited(retry_after=retry_after(headers), reason="ratelimited")
        if status >= 500:
            return DeliveryFailed(reason=f"http_{status}")
        if code is None:
            return DeliveryFailed(reason=f"http_{status}" if status else "unreadable_response")
        error = PERMANENT.get(code, DeliveryFailed)
        if error is CredentialsRejected:
            return CredentialsRejected(retry_after=CREDENTIALS_PAUSE, reason=code)
        return error(reason=code)
    if isinstance(exc, TimeoutError):  # asyncio.TimeoutError is TimeoutError since 3.11
        return DeliveryFailed(reason="timeout")
    if isinstance(exc, aiohttp.ClientError):
        return DeliveryFailed(reason=f"connection: {type(exc).__name__}")
    return DeliveryFailed(reason=type(exc).__name__)


def _error_code(data: object) -> str | None:
    if isinstance(data, Mapping):
        error = data.get("error")
        return str(error) if error else None
    return None
