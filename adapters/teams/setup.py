"""Builds the Teams adapter (its Graph directory, and presence where switched on) from its
configuration, nothing else."""

from __future__ import annotations

from adapters.teams.auth import PUBLIC_LOGIN_URL, AppTokens
from adapters.teams.config import TeamsConfig
from adapters.teams.connector import TeamsAdapter
from adapters.teams.graph import GraphDirectory
from adapters.teams.presence import TeamsPresence
from bot.app.data import Data


def teams_adapter(config: TeamsConfig, data: Data) -> TeamsAdapter:
    tokens = AppTokens(
        app_id=config.app_id,
        password=config.app_password,
        tenant_id=config.tenant_id,
        login_url=config.login_url or PUBLIC_LOGIN_URL,
    )
    graph = GraphDirectory(tokens, base_url=config.graph_url, app_id=config.app_id)
    adapter = TeamsAdapter(
        data,
        tokens,
        app_id=config.app_id,
        tenant_id=config.tenant_id,
        service_url=config.service_url,
        graph=graph,
    )
    if config.graph_presence:
        adapter.presence = TeamsPresence(data, graph, adapter.m365_tenant)
    return adapter
