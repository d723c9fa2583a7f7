"""Tenants (gemeenten): the operator's texts and the command line's help."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "tenant.created": "Gemeente '{tenant}' ({name}) is aangemaakt.",
    "tenant.bad_id": "'{tenant}' is geen geldige naam voor een gemeente: gebruik kleine letters, cijfers en een streepje.",
    "tenant.exists": "Gemeente '{tenant}' bestaat al.",
    "tenant.unknown": "Gemeente '{tenant}' bestaat niet. Maak haar aan met: terugkoppel tenant create {tenant} --name …",
    "tenant.identity_taken": "'{identity}' hoort al bij een gemeente.",
    "tenant.id_in_use": "De id '{id}' is al in gebruik bij een andere gemeente. Kies een eigen id, bijvoorbeeld met de naam van de gemeente ervoor.",
    "tenant.ids_in_use": "Een id in dit adresboek is al in gebruik bij een andere gemeente. Kies eigen ids, bijvoorbeeld met de naam van de gemeente ervoor.",
    "demo.second_tenant": "In dezelfde installatie werkt ook gemeente {name}. Haar gegevens zijn apart: geen van beide ziet die van de ander.",
    "help.tenant": "Gemeenten in deze installatie.",
    "help.tenant_create": "Maak een gemeente aan. Haar Slack-werkruimtes en Microsoft 365-tenants leiden naar haar.",
    "help.tenant_create.tenant_id": "Id van de gemeente: kleine letters, cijfers en '-'.",
    "help.tenant_create.name": "Naam van de gemeente.",
    "help.tenant_create.slack": "Een Slack-werkruimte van deze gemeente (T…).",
    "help.tenant_create.teams": "Een Microsoft 365-tenant van deze gemeente.",
    "tenant.linked": "De werkruimtes en tenants horen nu bij gemeente '{tenant}'.",
    "tenant.link_nothing": "Noem ten minste één --slack of --teams.",
    "help.tenant_link": "Koppel nog een Slack-werkruimte of Microsoft 365-tenant aan een gemeente.",
    "help.tenant_link.tenant_id": "Id van de gemeente.",
    "help.tenant_link.slack": "Een Slack-werkruimte van deze gemeente (T…).",
    "help.tenant_link.teams": "Een Microsoft 365-tenant van deze gemeente.",
    "help.tenant_list": "Toon van elke gemeente de id, de naam, de Slack-werkruimtes en de Microsoft 365-tenants.",
    "help.import.tenant": "De gemeente waar het adresboek bij hoort (zonder: default).",
    "help.apikey_create.tenant": "De gemeente van de sleutel (zonder: default).",
    "help.root.tenant": "De gemeente waar dit commando over gaat (zonder: default).",
}
