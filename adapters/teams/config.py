"""What the Teams adapter is told by the composition root: plain values, no Settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamsConfig:
    app_id: str
    app_password: str
    tenant_id: str
    login_url: str | None  # None: the public Entra login
    openid_metadata_url: str | None  # None: the Bot Framework's public metadata
    service_url: str
    graph_url: str
    graph_presence: bool  # read contact persons' presence for "wie" answers
