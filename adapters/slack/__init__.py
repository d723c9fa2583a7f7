"""Slack: Block Kit rendering, the Web API error table, and the sending adapter."""

from adapters.slack.client import SlackAdapter

__all__ = ["SlackAdapter"]
