"""`terugkoppel check`: each probe against a fake platform on 127.0.0.1 (real wire, the
platforms' own clients), and the command line's lines and exit codes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from adapters.email.probe import SmtpTarget, parse_smtp_url, smtp_relay
from adapters.teams.probe import graph_users, teams_token
from bot.app.tenants import create_tenant, link_identities
from bot.main.checks import Line, Outcome, platform_lines, setting_lines
from bot.main.settings import Settings
from store.db import make_engine, upgrade
from store.uow import UnitOfWork
from tests.fakes.probe_microsoft import FakeMicrosoft
from tests.fakes.probe_smtp import FakeRelay, make_certificate
from tests.fakes.slack_server import FakeSlack

TENANT = "11111111-2222-4333-8444-555555555555"
APP_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
APP_PASSWORD = "app-secret-value"
SMTP_PASSWORD = "relay-pw-8731"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def trusted(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The relay's certificate in the trust store, as SSL_CERT_FILE puts it there."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def lines_of(config: Settings) -> dict[str, Line]:
    return {line.name: line for line in asyncio.run(platform_lines(config))}


# -- Slack -----------------------------------------------------------------------------


def test_slack_auth_test_passes_with_the_right_token_and_names_the_variable_otherwise() -> None:
    with FakeSlack.running() as slack:
        good = lines_of(settings(slack_bot_token=SecretStr(slack.token), slack_api_url=slack.url))
        bad = lines_of(settings(slack_bot_token=SecretStr("xoxb-wrong"), slack_api_url=slack.url))
        assert len(slack.calls("auth.test")) == 2 and len(slack.calls()) == 2
    assert good["slack"].outcome is Outcome.ok
    assert "verbonden met werkruimte Fake" in good["slack"].render("nl")
    assert bad["slack"].outcome is Outcome.problem
    sentence = bad["slack"].render("nl")
    assert "invalid_auth" in sentence and "SLACK_BOT_TOKEN" in sentence
    assert "xoxb-wrong" not in sentence


def test_each_workspace_token_is_tried_and_the_failing_workspace_is_named() -> None:
    with FakeSlack.running() as slack:
        slack.add_token("xoxb-rivierdal-1", "T0RIVIER")
        slack.add_token("xoxb-zeedorp-1", "T0ZEEDORP")
        slack.revoke("xoxb-zeedorp-1")
        tokens = "T0RIVIER:xoxb-rivierdal-1,T0ZEEDORP:xoxb-zeedorp-1,T0ZEE:xoxb-rivierdal-1"
        config = settings(
            slack_bot_token=SecretStr(slack.token),
            slack_api_url=slack.url,
            slack_bot_tokens=SecretStr(tokens),
        )
        lines = [line for line in asyncio.run(platform_lines(config)) if "slack" in line.name]
        assert sorted(slack.tokens("auth.test")) == sorted(
            [slack.token, "xoxb-rivierdal-1", "xoxb-rivierdal-1", "xoxb-zeedorp-1"]
        )
    said = [line.render("nl") for line in lines]
    assert [line.outcome for line in lines] == [
        Outcome.ok,  # the default token
        Outcome.ok,  # T0RIVIER
        Outcome.problem,  # T0ZEE: the token is another workspace's
        Outcome.problem,  # T0ZEEDORP: revoked
    ]
    assert said[1].startswith("OK") and "Slack-werkruimte T0RIVIER" in said[1]
    assert "Slack-werkruimte T0ZEE:" in said[2] and "hoort bij werkruimte T0RIVIER" in said[2]
    assert "Slack-werkruimte T0ZEEDORP:" in said[3] and "token_revoked" in said[3]
    assert "TERUGKOPPEL_SLACK_BOT_TOKENS" in said[3]
    assert not any("xoxb-" in sentence for sentence in said)


def test_a_malformed_workspace_token_setting_names_the_setting_not_the_token() -> None:
    with pytest.raises(ValidationError) as refused:
        settings(
            slack_bot_token=SecretStr("xoxb-default"),
            slack_bot_tokens=SecretStr("T0RIVIER:xoxb-secret-1,rivierdal=xoxb-secret-2"),
        )
    [sentence] = setting_lines(refused.value, "nl")
    assert sentence == (
        "PROBLEEM     instelling TERUGKOPPEL_SLACK_BOT_TOKENS: item 2 klopt niet. Zet voor elk "
        "token de id van de werkruimte en een dubbele punt, zoals T0RIVIER:xoxb-…, en een komma "
        "tussen twee items"
    )
    with pytest.raises(ValidationError) as twice:
        settings(slack_bot_token=SecretStr("x"), slack_bot_tokens=SecretStr("T0A:a,T0A:b"))
    assert "werkruimte T0A staat er twee keer in" in setting_lines(twice.value, "nl")[0]
    with pytest.raises(ValidationError) as alone:
        settings(slack_bot_tokens=SecretStr("T0RIVIER:xoxb-secret-1"))
    assert "SLACK_BOT_TOKEN" in setting_lines(alone.value, "nl")[0]


def test_a_token_folder_must_exist_and_name_its_files_after_workspaces(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as missing:
        settings(slack_bot_token=SecretStr("x"), slack_bot_tokens_dir=tmp_path / "geen")
    assert "TERUGKOPPEL_SLACK_BOT_TOKENS_DIR" in setting_lines(missing.value, "nl")[0]
    (tmp_path / "..data").mkdir()  # a Kubernetes secret's own entries are left alone
    (tmp_path / "T0RIVIER").write_text("xoxb-1", "utf-8")
    assert settings(slack_bot_token=SecretStr("x"), slack_bot_tokens_dir=tmp_path)
    (tmp_path / "rivierdal.txt").write_text("xoxb-2", "utf-8")
    with pytest.raises(ValidationError) as misnamed:
        settings(slack_bot_token=SecretStr("x"), slack_bot_tokens_dir=tmp_path)
    assert "'rivierdal.txt' is geen werkruimte-id" in setting_lines(misnamed.value, "nl")[0]


def test_unconfigured_platforms_are_skipped_with_the_variables_to_set() -> None:
    lines = lines_of(settings())
    assert {name: line.outcome for name, line in lines.items()} == {
        "slack": Outcome.skipped,
        "teams": Outcome.skipped,
        "graph": Outcome.skipped,
        "smtp": Outcome.skipped,
    }
    assert "TERUGKOPPEL_SMTP_URL" in lines["smtp"].render("nl")


# -- Teams token and Graph -------------------------------------------------------------


def microsoft(fake: FakeMicrosoft, password: str = APP_PASSWORD) -> Settings:
    return settings(
        teams_app_id=APP_ID,
        teams_app_password=SecretStr(password),
        teams_tenant_id=TENANT,
        teams_login_url=fake.url,
        graph_url=fake.graph_url,
    )


def test_teams_token_and_graph_pass_with_valid_credentials() -> None:
    with FakeMicrosoft.running(tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD) as fake:
        lines = lines_of(microsoft(fake))
        scopes = sorted(r["scope"] for r in fake.token_requests)
    assert lines["teams"].outcome is Outcome.ok and lines["graph"].outcome is Outcome.ok
    assert scopes == [
        "https://api.botframework.com/.default",
        "https://graph.microsoft.com/.default",
    ]


def test_a_wrong_client_secret_is_reported_with_its_aadsts_code() -> None:
    with FakeMicrosoft.running(tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD) as fake:
        lines = lines_of(microsoft(fake, password="expired-secret"))
    for name in ("teams", "graph"):
        sentence = lines[name].render("nl")
        assert lines[name].outcome is Outcome.problem
        assert "invalid_client, AADSTS7000215" in sentence
        assert "TERUGKOPPEL_TEAMS_APP_PASSWORD" in sentence
        assert "expired-secret" not in sentence


def test_graph_without_permission_says_which_permission_to_grant() -> None:
    with FakeMicrosoft.running(
        tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD, graph_permission=False
    ) as fake:
        probe = asyncio.run(
            graph_users(
                login_url=fake.url,
                tenant=TENANT,
                app_id=APP_ID,
                password=APP_PASSWORD,
                graph_url=fake.graph_url,
                seconds=5,
            )
        )
        token = asyncio.run(
            teams_token(
                login_url=fake.url, tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD, seconds=5
            )
        )
    assert token.ok
    assert not probe.ok and probe.key == "check.graph_refused"
    assert probe.params == {"status": 403, "error": "Authorization_RequestDenied"}


def test_an_unknown_tenant_is_refused() -> None:
    with FakeMicrosoft.running(tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD) as fake:
        probe = asyncio.run(
            teams_token(
                login_url=fake.url, tenant="other", app_id=APP_ID, password=APP_PASSWORD, seconds=5
            )
        )
    assert not probe.ok and "AADSTS90002" in probe.params["error"]


# -- SMTP --------------------------------------------------------------------------------


def relay_target(relay: FakeRelay, *, password: str = SMTP_PASSWORD, tls: bool = False) -> str:
    scheme = "smtps" if tls else "smtp"
    return f"{scheme}://terugkoppel:{password}@127.0.0.1:{relay.port}"


def probe(url: str) -> tuple[bool, str, dict[str, object]]:
    target = parse_smtp_url(url)
    assert isinstance(target, SmtpTarget)
    result = asyncio.run(smtp_relay(target, seconds=5))
    return result.ok, result.key, result.params


@pytest.mark.usefixtures("trusted")
def test_smtp_starttls_with_a_trusted_certificate_and_login_passes(
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    with FakeRelay.running(cert=cert, key=key, users={"terugkoppel": SMTP_PASSWORD}) as relay:
        ok, _, params = probe(relay_target(relay))
        assert relay.commands[:3] == ["EHLO", "STARTTLS", "EHLO"]
        assert relay.logins == ["terugkoppel"]
    assert ok and params["tls"] == "STARTTLS" and params["login"] is True


@pytest.mark.usefixtures("trusted")
def test_smtps_with_tls_from_the_start_passes(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    with FakeRelay.running(
        cert=cert, key=key, implicit_tls=True, users={"terugkoppel": SMTP_PASSWORD}
    ) as relay:
        ok, _, params = probe(relay_target(relay, tls=True))
    assert ok and params["tls"] == "TLS"


def test_an_untrusted_certificate_is_refused_never_used(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other, _ = make_certificate(tmp_path)  # a trust store without the relay's certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    cert, key = certificate
    with FakeRelay.running(cert=cert, key=key, users={"terugkoppel": SMTP_PASSWORD}) as relay:
        ok, problem, _ = probe(relay_target(relay))
        assert "AUTH" not in relay.commands  # the password never left
        assert relay.logins == []
    assert not ok and problem == "check.smtp_certificate"


@pytest.mark.usefixtures("trusted")
def test_a_relay_without_starttls_is_a_problem_not_a_fallback(
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    with FakeRelay.running(cert=cert, key=key, starttls=False) as relay:
        ok, problem, _ = probe(relay_target(relay))
        assert "AUTH" not in relay.commands
    assert not ok and problem == "check.smtp_no_tls"


@pytest.mark.usefixtures("trusted")
def test_a_wrong_smtp_password_is_reported(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    with FakeRelay.running(cert=cert, key=key, users={"terugkoppel": SMTP_PASSWORD}) as relay:
        ok, problem, params = probe(relay_target(relay, password="wrong"))
    assert not ok and problem == "check.smtp_login" and params["error"] == "535"


def test_smtp_urls_are_parsed_and_bad_ones_refused() -> None:
    assert parse_smtp_url("smtp://u%40x:p%3Aw@relay.example:2525") == SmtpTarget(
        "relay.example", 2525, False, "u@x", "p:w"
    )
    assert parse_smtp_url("smtps://relay.example") == SmtpTarget(
        "relay.example", 465, True, None, None
    )
    assert parse_smtp_url("http://relay.example") is None
    line = lines_of(
        settings(
            smtp_url=SecretStr("mailto:x"),
            mail_from="t@example.nl",
            link_secret=SecretStr("x" * 24),
        )
    )["smtp"]
    assert line.outcome is Outcome.problem and "smtps://" in line.render("nl")


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def configured(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> Iterator[tuple[dict[str, str], FakeSlack]]:
    """Every platform configured against its fake, a migrated SQLite database."""
    cert, key = certificate
    database = f"sqlite:///{tmp_path / 'check.db'}"
    engine = make_engine(database)
    upgrade(engine)
    engine.dispose()
    with (
        FakeSlack.running() as slack,
        FakeMicrosoft.running(tenant=TENANT, app_id=APP_ID, password=APP_PASSWORD) as ms,
        FakeRelay.running(cert=cert, key=key, users={"terugkoppel": SMTP_PASSWORD}) as relay,
    ):
        env = {
            "PATH": os.environ.get("PATH", ""),
            "TZ": "Europe/Amsterdam",
            "SSL_CERT_FILE": str(cert),
            "TERUGKOPPEL_DATABASE_URL": database,
            "SLACK_BOT_TOKEN": slack.token,
            "TERUGKOPPEL_SLACK_API_URL": slack.url,
            "TERUGKOPPEL_TEAMS_APP_ID": APP_ID,
            "TERUGKOPPEL_TEAMS_APP_PASSWORD": APP_PASSWORD,
            "TERUGKOPPEL_TEAMS_TENANT_ID": TENANT,
            "TERUGKOPPEL_TEAMS_LOGIN_URL": ms.url,
            "TERUGKOPPEL_GRAPH_URL": ms.graph_url,
            "TERUGKOPPEL_SMTP_URL": relay_target(relay),
            "TERUGKOPPEL_MAIL_FROM": "terugkoppel@gemeente.example",
            "TERUGKOPPEL_LINK_SECRET": "a-link-secret-for-the-check-test-01",
        }
        yield env, slack


def run_check(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "terugkoppel"), "check"],
        env={**env, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_passes_when_everything_is_right(
    configured: tuple[dict[str, str], FakeSlack], tmp_path: Path
) -> None:
    env, _ = configured
    result = run_check(env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK ") == 7 and "Alles in orde." in result.stdout


def test_check_with_one_thing_wrong_prints_one_problem_line_and_exits_1(
    configured: tuple[dict[str, str], FakeSlack], tmp_path: Path
) -> None:
    env, _ = configured
    result = run_check({**env, "SLACK_BOT_TOKEN": "xoxb-revoked-token"}, tmp_path)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("PROBLEEM")]
    assert problems == [
        "PROBLEEM     Slack: Slack weigert het bot-token (invalid_auth); "
        "zet een geldig SLACK_BOT_TOKEN"
    ]
    assert result.stdout.count("OK ") == 6
    everything = result.stdout + result.stderr
    for secret in ("xoxb-revoked-token", APP_PASSWORD, SMTP_PASSWORD):
        assert secret not in everything
    assert "Traceback" not in everything


RIVIERDAL_M365 = "22222222-2222-4333-8444-555555555555"
BERGDAL_M365 = "33333333-2222-4333-8444-555555555555"


def test_check_names_each_municipalitys_microsoft_365_tenant_that_gives_no_token(
    tmp_path: Path, certificate: tuple[Path, Path]
) -> None:
    """Rivierdal's tenant never consented to the app, Bergdal's did: one line each, and
    the problem names the municipality and its tenant; default's own tenant is the app's."""
    database = f"sqlite:///{tmp_path / 'tenants.db'}"
    engine = make_engine(database)
    upgrade(engine)
    now = datetime.now(UTC)
    link_identities(UnitOfWork(engine), id="default", teams=(TENANT,))
    create_tenant(UnitOfWork(engine), id="rivierdal", name="Rivierdal", now=now,
                  teams=(RIVIERDAL_M365,))  # fmt: skip
    create_tenant(UnitOfWork(engine), id="bergdal", name="Bergdal", now=now,
                  teams=(BERGDAL_M365,))  # fmt: skip
    engine.dispose()
    with FakeMicrosoft.running(
        tenant=TENANT,
        app_id=APP_ID,
        password=APP_PASSWORD,
        consented=(BERGDAL_M365,),
        refusing=(RIVIERDAL_M365,),
    ) as ms:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "TERUGKOPPEL_DATABASE_URL": database,
            "TERUGKOPPEL_TEAMS_APP_ID": APP_ID,
            "TERUGKOPPEL_TEAMS_APP_PASSWORD": APP_PASSWORD,
            "TERUGKOPPEL_TEAMS_TENANT_ID": TENANT,
            "TERUGKOPPEL_TEAMS_LOGIN_URL": ms.url,
            "TERUGKOPPEL_GRAPH_URL": ms.graph_url,
        }
        result = run_check(env, tmp_path)
        asked = sorted({r["tenant"] for r in ms.token_requests})
    assert result.returncode == 1
    assert asked == sorted([TENANT, RIVIERDAL_M365, BERGDAL_M365])
    problems = [line for line in result.stderr.splitlines() if line.startswith("PROBLEEM")]
    assert problems == [
        f"PROBLEEM     Microsoft 365 van gemeente rivierdal: tenant {RIVIERDAL_M365} geeft de "
        "app geen token (unauthorized_client, AADSTS700016). Een beheerder van die tenant "
        "moet de app toestaan. Zie docs/tenants.md."
    ]
    assert f"OK           Microsoft 365 van gemeente bergdal: tenant {BERGDAL_M365} geeft" in (
        result.stdout
    )
    assert "gemeente default" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_names_an_invalid_setting_and_exits_2(tmp_path: Path) -> None:
    result = run_check(
        {"PATH": os.environ.get("PATH", ""), "TERUGKOPPEL_TICK_SECONDS": "1"}, tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.startswith("PROBLEEM     instelling TERUGKOPPEL_TICK_SECONDS:")
