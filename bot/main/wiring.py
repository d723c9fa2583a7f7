"""The composition root: settings → engine, rules, adapters, dispatcher. Nothing at import."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from rich.console import Console
from sqlalchemy import Engine

from adapters.console import ConsoleAdapter
from adapters.webhook import WebhookAdapter
from bot.app import links, prompt_links, referrer_links
from bot.app.data import Data
from bot.app.loop import email_answers, satisfaction
from bot.app.tenant_rules import TenantRules, TenantSettings
from bot.app.tenants import TenantFinder, current_tenant
from bot.domain.clock import WorkCalendar
from bot.domain.errors import SettingInvalid
from bot.domain.model import Platform
from bot.domain.rules import Rules
from bot.domain.schedules import DigestSchedule
from bot.main.settings import Settings
from bot.messages import Action, Message
from bot.ports import ChatAdapter
from reminders.delivery.dispatcher import Dispatcher
from store.db import make_engine
from store.uow import UnitOfWork

# The Slack and Teams modules are imported inside the functions that need them: lazy, for
# start-up cost (Bolt, slack_sdk, the Teams SDK and msgraph take about a second to import),
# and only when that platform is configured.
if TYPE_CHECKING:  # the Slack and Teams adapters load only when they are configured
    from adapters.slack.config import SlackConfig
    from adapters.slack.tokens import SlackTokens
    from adapters.teams.config import TeamsConfig


@dataclass
class Container:
    settings: Settings
    engine: Engine
    rules: Rules
    dispatcher: Dispatcher
    console: ConsoleAdapter | None
    adapters: Mapping[Platform, ChatAdapter]

    @property
    def data(self) -> Data:
        """What the ways in (CLI, HTTP) hold on the data (bot/app/data.py)."""
        return Data(self.engine)

    async def close(self) -> None:
        for adapter in self.adapters.values():
            await adapter.close()


def platform_adapters(
    settings: Settings, engine: Engine | None = None, tenants: TenantSettings | None = None
) -> dict[Platform, ChatAdapter]:
    """The channels whose credentials are set."""
    adapters: dict[Platform, ChatAdapter] = {}
    if settings.teams_configured and engine is not None:
        from adapters.teams.setup import teams_adapter

        adapters[Platform.TEAMS] = teams_adapter(teams_config(settings), Data(engine))
    if settings.slack_bot_configured:
        from adapters.slack import SlackAdapter

        tokens = slack_tokens(settings, engine)
        adapters[Platform.SLACK] = SlackAdapter(tokens, base_url=settings.slack_api_url)
    if engine is not None:  # status webhooks: registered in the database, none configured
        adapters[Platform.WEBHOOK] = WebhookAdapter(Data(engine))
    email = email_adapter(settings, tenants)  # e-mail
    if email is not None:
        adapters[Platform.EMAIL] = email
    return adapters


def slack_tokens(settings: Settings, engine: Engine | None = None) -> SlackTokens:
    """The default bot token and each workspace's own (adapters/slack/tokens.py); which
    municipality a workspace is comes from the database (`tenant link --slack`)."""
    from adapters.slack.token import TokenSource
    from adapters.slack.tokens import SlackTokens

    default = TokenSource(
        settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None,
        path=settings.slack_bot_token_file,
    )
    return SlackTokens(
        default,
        settings.slack_workspace_tokens(),
        folder=settings.slack_bot_tokens_dir,
        finder=TenantFinder(Data(engine).uow) if engine is not None else None,
    )


def slack_config(settings: Settings) -> SlackConfig:
    """What Slack inbound is told (adapters/slack/config.py)."""
    from adapters.slack.config import SlackConfig

    secret, app_token = settings.slack_signing_secret, settings.slack_app_token
    return SlackConfig(
        api_url=settings.slack_api_url,
        signing_secret=secret.get_secret_value() if secret is not None else None,
        app_token=app_token.get_secret_value() if app_token is not None else None,
        absence_emoji=settings.absence_emoji(),
        timezone=settings.timezone,
        overview_url=f"{settings.public_url.rstrip('/')}/overzicht",
    )


def teams_config(settings: Settings) -> TeamsConfig:
    """What the Teams adapter is told (adapters/teams/config.py); Teams must be configured."""
    from adapters.teams.config import TeamsConfig

    assert settings.teams_app_id and settings.teams_app_password and settings.teams_tenant_id
    return TeamsConfig(
        app_id=settings.teams_app_id,
        app_password=settings.teams_app_password.get_secret_value(),
        tenant_id=settings.teams_tenant_id,
        login_url=settings.teams_login_url,
        openid_metadata_url=settings.teams_openid_metadata_url,
        service_url=settings.teams_service_url,
        graph_url=settings.graph_url,
        graph_presence=settings.graph_presence,
    )


def email_adapter(settings: Settings, tenants: TenantSettings | None = None) -> ChatAdapter | None:
    """SMTP through the relay of TERUGKOPPEL_SMTP_URL; None without it (the console prints).
    A municipality with a sender of its own (`tenant set --mail-from`) sends from that."""
    if settings.smtp_url is None or not settings.mail_from:
        return None
    # lazy, for start-up cost: aiosmtplib loads only when a relay is configured
    from adapters.email.smtp import EmailAdapter, parse_smtp_url

    target = parse_smtp_url(settings.smtp_url.get_secret_value())
    if target is None:
        raise SettingInvalid(
            name="TERUGKOPPEL_SMTP_URL", problem="smtp://[user:password@]host:port | smtps://…"
        )
    return EmailAdapter(
        target,
        sender=settings.mail_from,
        ca_file=settings.smtp_ca_file,
        timeout=settings.smtp_timeout_seconds,
        link_for=answer_links(settings),
        sender_for=(lambda: tenants.mail_from(current_tenant())) if tenants else None,
    )


def answer_links(settings: Settings) -> Callable[[Action, Message], str | None]:
    """An e-mail's one-click answers: each chat button that a link kind answers becomes a
    signed single-use link (bot/app/links.py); others get none, and "" (leave the button
    out) for one whose links' pages offer what it does (the note field)."""
    config = link_config(settings)
    # A worker without the web app still writes the loop's links: their kinds must be known.
    register_link_kinds(rules_from(settings))

    def link_for(action: Action, message: Message) -> str | None:
        if links.covered(action):
            return ""
        return links.url_for_action(
            config, action, language=message.language, now=datetime.now(UTC)
        )

    return link_for


def rules_from(settings: Settings) -> Rules:
    """The norms and the calendar the settings configure."""
    return Rules(
        calendar=WorkCalendar(
            timezone=settings.timezone,
            office_start=settings.office_start,
            office_end=settings.office_end,
        ),
        feedback_norm=settings.feedback_norm_working_days,
        prompt_after=settings.prompt_after_working_days,
        followup=settings.followup_working_days,
        snooze=settings.snooze_working_days,
        ladder=settings.reminder_ladder,
        handover_norm=settings.handover_norm_working_days,
        snooze_cap=settings.snooze_cap,
        help_start=settings.help_start_working_days,
        stale=settings.stale_working_days,
        repage_minutes=settings.repage_minutes,
        digest=DigestSchedule(
            enabled=settings.digest_enabled,
            weekday=settings.digest_weekday,
            at=settings.digest_time,
            municipality=settings.digest_recipients(),
        ),
        referrer_reminder=settings.referrer_reminder_working_days,
        referrer_reminders=settings.referrer_reminders,
        checkin=settings.checkin_days,
        privacy_names=settings.privacy_names(),
        retention_days=settings.retention_days,
    )


def link_config(settings: Settings) -> links.LinkConfig:
    """How e-mail links are signed and where they point."""
    return links.LinkConfig(
        secret=settings.link_secret_value(), public_url=settings.public_url, days=settings.link_days
    )


def register_link_kinds(rules: Rules) -> None:
    """Every answer an e-mail link can carry: the link page knows them all, also on a replica
    that sends no e-mail; registering again (another `build`) replaces them."""
    links.register_kinds(
        {
            satisfaction.KIND: satisfaction.LINK_KIND,
            **email_answers.link_kinds(rules),
            prompt_links.KIND: prompt_links.link_kind(rules),
            **referrer_links.link_kinds(rules),  # the referrer's acts
        }
    )


def build(
    settings: Settings,
    *,
    console: Console | None = None,
    adapters: Mapping[Platform, ChatAdapter] | None = None,
    engine: Engine | None = None,
) -> Container:
    engine = engine or make_engine(settings.database_url)
    # the installation's rules, with each municipality's own settings over them
    tenants = TenantSettings(partial(UnitOfWork, engine), rules_from(settings))
    rules: Rules = TenantRules(tenants)
    register_link_kinds(rules)
    printer = (
        ConsoleAdapter(console, timezone=settings.timezone) if settings.console_output else None
    )
    channels = (
        dict(adapters) if adapters is not None else platform_adapters(settings, engine, tenants)
    )
    # SQLite is the single-process embedded store: one message at a time keeps it simple.
    parallel = engine.dialect.name == "postgresql"
    dispatcher = Dispatcher(
        engine,
        rules,
        channels,
        console=printer,
        batch=settings.outbox_batch,
        concurrency=settings.outbox_concurrency if parallel else 1,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        max_attempts=settings.outbox_max_attempts,
        app_rates={Platform.TEAMS: settings.teams_app_rate},
    )
    return Container(settings, engine, rules, dispatcher, printer, channels)
