"""Builds the Teams adapter (its Graph directory, and presence where switched on) from our
Settings, nothing else."""

from __future__ import annotations

from sqlalchemy import Engine

from adapters.teams.auth import PUBLIC_LOGIN_URL, AppTokens
from adapters.teams.connector import TeamsAdapter
from adapters.teams.graph import GraphDirectory
from adapters.teams.presence import TeamsPresence
from bot.main.settings import Settings


def teams_adapter(settings: Settings, engine: Engine) -> TeamsAdapter:
    assert settings.teams_app_id and settings.teams_app_password and settings.teams_tenant_id
    tokens = AppTokens(
        app_id=settings.teams_app_id,
        password=settings.teams_app_password.get_secret_value(),
        tenant_id=settings.teams_tenant_id,
        login_url=settings.teams_login_url or PUBLIC_LOGIN_URL,
    )
    graph = GraphDirectory(tokens, base_url=settings.graph_url, app_id=settings.teams_app_id)
    adapter = TeamsAdapter(
        engine,
        tokens,
        app_id=settings.teams_app_id,
        tenant_id=settings.teams_tenant_id,
        service_url=settings.teams_service_url,
        graph=graph,
    )
    if settings.graph_presence:
        adapter.presence = TeamsPresence(engine, graph)
    return adapter
