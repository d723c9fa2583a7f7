"""Tenants (municipalities): the operator's texts and the command line's help."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "tenant.created": "Municipality '{tenant}' ({name}) was created.",
    "tenant.bad_id": "'{tenant}' is not a valid municipality id: use lower-case letters, digits and a hyphen.",
    "tenant.exists": "Municipality '{tenant}' exists already.",
    "tenant.unknown": "There is no municipality '{tenant}'. Create it with: terugkoppel tenant create {tenant} --name …",
    "tenant.identity_taken": "'{identity}' belongs to a municipality already.",
    "tenant.id_in_use": "The id '{id}' is in use by another municipality. Choose an id of your own, for example with the municipality's name in front.",
    "tenant.ids_in_use": "An id in this directory is in use by another municipality. Choose ids of your own, for example with the municipality's name in front.",
    "demo.second_tenant": "Municipality {name} works in the same installation. Its data is kept apart: neither sees the other's.",
    "help.tenant": "Municipalities of this installation.",
    "help.tenant_create": "Create a municipality. Its Slack workspaces and Microsoft 365 tenants lead to it.",
    "help.tenant_create.tenant_id": "The municipality's id: lower-case letters, digits and '-'.",
    "help.tenant_create.name": "The municipality's name.",
    "help.tenant_create.slack": "A Slack workspace of this municipality (T…).",
    "help.tenant_create.teams": "A Microsoft 365 tenant of this municipality.",
    "tenant.linked": "The workspaces and tenants now belong to municipality '{tenant}'.",
    "tenant.link_nothing": "Name at least one --slack or --teams.",
    "help.tenant_link": "Link another Slack workspace or Microsoft 365 tenant to a municipality.",
    "help.tenant_link.tenant_id": "The municipality's id.",
    "help.tenant_link.slack": "A Slack workspace of this municipality (T…).",
    "help.tenant_link.teams": "A Microsoft 365 tenant of this municipality.",
    "help.tenant_list": "Show each municipality's id, name, Slack workspaces and Microsoft 365 tenants.",
    "help.import.tenant": "The municipality the directory belongs to (without: default).",
    "help.apikey_create.tenant": "The key's municipality (without: default).",
    "help.root.tenant": "The municipality this command is about (without: default).",
}
