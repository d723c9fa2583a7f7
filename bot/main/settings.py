"""The one Settings object: every setting is an environment variable (or a line in .env)."""

from __future__ import annotations

import secrets
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.api_key_setting import ApiKeySettingInvalid
from bot.domain.api_key_setting import parse as parse_api_keys
from bot.domain.schedules import WEEKDAYS
from bot.domain.slack_token_setting import SlackTokenSettingInvalid, is_workspace
from bot.domain.slack_token_setting import parse as parse_slack_tokens
from bot.messages import text


class SettingProblem(ValueError):
    """Why a setting is refused, as a catalogue key: the error boundary and `check` say it in
    the reader's language (bot/main/setting_errors.py); str() is the English one, for logs."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(text(key, "en", **params))
        self.key = key
        self.params = params


DEFAULT_DATABASE_URL = "sqlite:///terugkoppel.db"
_PROCESS_LINK_SECRET = secrets.token_urlsafe(32)


class Settings(BaseSettings):
    """Validated at start-up; a wrong value names its environment variable."""

    model_config = SettingsConfigDict(
        env_prefix="TERUGKOPPEL_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    database_url: str = DEFAULT_DATABASE_URL
    timezone: str = "Europe/Amsterdam"
    office_start: time = time(8, 30)
    office_end: time = time(17, 0)
    language: Literal["nl", "en"] = "nl"

    feedback_norm_working_days: int = Field(default=5, ge=1, le=60)
    prompt_after_working_days: int = Field(default=2, ge=0, le=60)
    followup_working_days: int = Field(default=10, ge=1, le=120)
    snooze_working_days: int = Field(default=2, ge=1, le=60)
    reminder_ladder: Annotated[tuple[int, int, int], NoDecode] = (1, 2, 3)
    handover_norm_working_days: int = Field(default=3, ge=1, le=60)
    # stalled care (each can be set per team in the directory file)
    snooze_cap: int = Field(default=3, ge=1, le=20)
    help_start_working_days: int = Field(default=10, ge=1, le=120)
    stale_working_days: int = Field(default=15, ge=1, le=120)
    repage_minutes: int = Field(default=15, ge=1, le=240)

    tick_seconds: int = Field(default=60, ge=5, le=3600)
    outbox_concurrency: int = Field(default=32, ge=1, le=512)
    outbox_batch: int = Field(default=200, ge=1, le=5000)
    outbox_lease_seconds: int = Field(default=60, ge=5, le=3600)
    outbox_max_attempts: int = Field(default=8, ge=1, le=50)
    teams_app_rate: float = Field(default=30.0, gt=0, le=1000)
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    console_output: bool = True
    api_keys: SecretStr | None = None
    retention_days: int = Field(default=730, ge=30)

    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "slack_bot_token")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "slack_signing_secret"),
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "slack_app_token")
    )
    slack_api_url: str = "https://slack.com/api/"
    # A file holding the bot token, re-read when it changes: rotation without a restart.
    slack_bot_token_file: Path | None = None
    # One Slack app installed in several workspaces (a municipality each): a bot token per
    # workspace, `T…:xoxb-…[,T…:xoxb-…]`, and/or a folder of files named by workspace id
    # (a mounted secret), re-read when they change. SLACK_BOT_TOKEN stays the default's.
    slack_bot_tokens: SecretStr | None = None
    slack_bot_tokens_dir: Path | None = None
    # Slack status emoji that mean "away today" (with the status's expiry as the last day).
    slack_absence_emoji: str = ":palm_tree:,:face_with_thermometer:,:airplane:,:baby:"
    teams_app_id: str | None = None
    teams_app_password: SecretStr | None = None
    teams_tenant_id: str | None = None
    teams_openid_metadata_url: str | None = None
    teams_login_url: str | None = None
    graph_url: str = "https://graph.microsoft.com/v1.0"
    smtp_url: SecretStr | None = None
    mail_from: str | None = None
    # Teams
    # The Bot Connector address for conversations the bot starts itself (after installing the
    # app for someone through Graph); replies to an activity use that activity's serviceUrl.
    teams_service_url: str = "https://smba.trafficmanager.net/teams/"
    # Teams presence. Reads contact persons' Teams presence for "wie" answers;
    # needs the Graph application permission Presence.Read.All (off by default).
    graph_presence: bool = False
    # digests
    digest_enabled: bool = True
    digest_weekday: Annotated[int, NoDecode] = Field(default=1, ge=1, le=7)
    digest_time: time = time(8, 30)
    digest_municipality: str = ""  # person ids or <platform>:<address>, comma-separated

    # Answers by e-mail: signed single-use links to a small page of ours (bot/app/links.py).
    public_url: str = "http://127.0.0.1:8000"  # how referrers reach `serve` (https in production)
    link_secret: SecretStr | None = None
    link_days: int = Field(default=14, ge=1, le=90)

    # The overview page (/overzicht): sign-in with OpenID Connect (authorization code + PKCE)
    # against the organisation's identity provider (Entra ID: https://login.microsoftonline.com/
    # <tenant>/v2.0). The session cookie is signed with the link secret (link_secret_value).
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None

    # deployment
    log_format: Literal["json", "console"] = "console"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "WARNING"
    # The Slack/Teams/Graph/HTTP client libraries log whole payloads at DEBUG; they stay at
    # INFO unless this is set (their lines are redacted either way, bot/logs.py).
    log_sdk_debug: bool = False
    # REST requests per minute per API key name (in each web replica), and the burst on
    # top; the same limit holds per client address for keys that are refused.
    api_rate_per_minute: int = Field(default=120, ge=1, le=100_000)
    api_rate_burst: int = Field(default=30, ge=1, le=10_000)
    # REST requests per minute per client address, whatever the key (each web replica).
    api_rate_per_address_per_minute: int = Field(default=600, ge=1, le=1_000_000)
    api_rate_per_address_burst: int = Field(default=120, ge=1, le=100_000)
    # Seconds `serve` and `worker` give requests and sends in flight after SIGTERM.
    shutdown_grace_seconds: int = Field(default=20, ge=1, le=600)
    # Seconds `terugkoppel check` waits for each platform before calling it unreachable.
    check_timeout_seconds: float = Field(default=10.0, gt=0, le=120)

    # e-mail
    # A PEM file with the CA of a private relay's certificate, trusted besides the system's
    # trust store (SSL_CERT_FILE where set); never a reason to skip verification.
    smtp_ca_file: Path | None = None
    # Seconds one SMTP conversation (connect, TLS, login, send) may take before it is retried.
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    # the referrer's own loop
    # Working days between a request to a referrer (consent, information) and each reminder.
    referrer_reminder_working_days: int = Field(default=3, ge=1, le=60)
    # Reminders to a referrer before the professional hears that no answer came.
    referrer_reminders: int = Field(default=2, ge=0, le=10)
    # Working days after help started that the referrer is asked "Merkt u verschil?".
    checkin_days: int = Field(default=20, ge=1, le=260)
    # privacy
    # A text file of names (one a line, # for comments) the privacy guard refuses in a note,
    # on top of the names of everyone in the directory.
    privacy_names_file: Path | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise SettingProblem("setting.timezone", value=value) from exc
        return value

    @field_validator("reminder_ladder", mode="before")
    @classmethod
    def _parse_ladder(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return tuple(int(part) for part in value.split(",") if part.strip())
            except ValueError:
                raise SettingProblem("setting.ladder") from None
        return value

    @field_validator("digest_weekday", mode="before")
    @classmethod
    def _weekday(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip().isdigit():
            day = WEEKDAYS.get(value.strip().lower())
            if day is None:
                raise SettingProblem("setting.weekday")
            return day
        return value

    @field_validator("digest_municipality")
    @classmethod
    def _recipients(cls, value: str) -> str:
        for entry in (part.strip() for part in value.split(",")):
            platform, colon, address = entry.partition(":")
            if colon and (platform not in ("slack", "teams", "email") or not address):
                raise SettingProblem("setting.recipient", entry=entry)
        return value

    @field_validator("api_keys")
    @classmethod
    def _named_keys(cls, value: SecretStr | None) -> SecretStr | None:
        """Every item of TERUGKOPPEL_API_KEYS is name:key (the message never shows a key)."""
        if value is not None:
            try:
                parse_api_keys(value.get_secret_value())
            except ApiKeySettingInvalid as exc:
                raise SettingProblem(exc.key, **exc.params) from None
        return value

    @field_validator("slack_bot_tokens")
    @classmethod
    def _workspace_tokens(cls, value: SecretStr | None) -> SecretStr | None:
        """Every item of TERUGKOPPEL_SLACK_BOT_TOKENS is workspace:token (never shown)."""
        if value is not None:
            try:
                parse_slack_tokens(value.get_secret_value())
            except SlackTokenSettingInvalid as exc:
                raise SettingProblem(exc.key, **exc.params) from None
        return value

    @field_validator("slack_bot_tokens_dir")
    @classmethod
    def _token_folder(cls, value: Path | None) -> Path | None:
        """A folder of files named by workspace id; hidden entries (a Kubernetes secret's
        `..data`) are the mount's own."""
        if value is None:
            return value
        if not value.is_dir():
            raise SettingProblem("setting.no_folder", path=str(value))
        for entry in sorted(value.iterdir()):
            if not entry.name.startswith(".") and not is_workspace(entry.name):
                raise SettingProblem("setting.slack_token_file", name=entry.name)
        return value

    @field_validator("privacy_names_file")
    @classmethod
    def _readable_names(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise SettingProblem("setting.no_file", path=str(value))
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise SettingProblem("setting.database_url")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.office_start >= self.office_end:
            raise SettingProblem("setting.office_hours")
        if (self.slack_signing_secret or self.slack_app_token) and not self.slack_bot_configured:
            raise SettingProblem("setting.slack_token")
        if (self.slack_bot_tokens or self.slack_bot_tokens_dir) and not self.slack_bot_configured:
            raise SettingProblem("setting.slack_tokens_default")
        if self.teams_app_id or self.teams_app_password:
            for name in ("teams_app_id", "teams_app_password", "teams_tenant_id"):
                if not getattr(self, name):
                    raise SettingProblem("setting.teams_needs", name=env_name(name))
        if self.link_secret and len(self.link_secret.get_secret_value()) < 24:
            raise SettingProblem("setting.link_secret_short")
        if self.smtp_url and not self.link_secret:
            raise SettingProblem("setting.link_secret_needed")
        if self.oidc_issuer or self.oidc_client_id or self.oidc_client_secret:
            for name in ("oidc_issuer", "oidc_client_id", "oidc_client_secret"):
                if not getattr(self, name):
                    raise SettingProblem("setting.oidc_needs", name=env_name(name))
            if not str(self.oidc_issuer).startswith("https://"):
                raise SettingProblem("setting.oidc_https")
        if self.smtp_url is not None and not self.mail_from:
            raise SettingProblem("setting.mail_from")
        if self.smtp_ca_file is not None and not self.smtp_ca_file.is_file():
            raise SettingProblem("setting.ca_file", path=str(self.smtp_ca_file))
        first, second, escalate = self.reminder_ladder
        if not 0 < first < second < escalate:
            raise SettingProblem("setting.ladder")
        return self

    @property
    def slack_bot_configured(self) -> bool:
        return self.slack_bot_token is not None or self.slack_bot_token_file is not None

    def slack_workspace_tokens(self) -> dict[str, str]:
        """TERUGKOPPEL_SLACK_BOT_TOKENS as {workspace id: token} (checked at start-up)."""
        raw = self.slack_bot_tokens
        return parse_slack_tokens(raw.get_secret_value()) if raw is not None else {}

    @property
    def slack_inbound(self) -> bool:
        """POST /slack/events is served (HTTP mode needs the signing secret)."""
        return self.slack_signing_secret is not None and self.slack_bot_configured

    @property
    def oidc_configured(self) -> bool:
        """Sign-in for the overview is on: issuer, client id and secret are set."""
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    @property
    def teams_configured(self) -> bool:
        """Teams is on: app id, password and tenant are set (the validator checks all three)."""
        return bool(self.teams_app_id and self.teams_app_password and self.teams_tenant_id)

    def link_secret_value(self) -> str:
        """The key that signs e-mail links. Without TERUGKOPPEL_LINK_SECRET (no e-mail relay:
        the demo, console output) a key for this process only."""
        if self.link_secret is not None:
            return self.link_secret.get_secret_value()
        return _PROCESS_LINK_SECRET

    def digest_recipients(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.digest_municipality.split(",") if part.strip())

    def privacy_names(self) -> tuple[str, ...]:
        """The names from TERUGKOPPEL_PRIVACY_NAMES_FILE, without comments."""
        if self.privacy_names_file is None:
            return ()
        lines = self.privacy_names_file.read_text("utf-8").splitlines()
        return tuple(
            name for name in (line.split("#")[0].strip() for line in lines) if len(name) >= 2
        )

    def absence_emoji(self) -> frozenset[str]:
        return frozenset(
            part.strip() for part in self.slack_absence_emoji.split(",") if part.strip()
        )


ENV_NAMES: dict[str, str] = {
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "slack_app_token": "SLACK_APP_TOKEN",
}


def env_name(field: str) -> str:
    """The environment variable an operator sets for a settings field."""
    return ENV_NAMES.get(field, f"TERUGKOPPEL_{field.upper()}")
