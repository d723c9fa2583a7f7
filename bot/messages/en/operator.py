"""English texts, for people whose language is en: the command line, `terugkoppel check` and the demo."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "cli.slack_linked": "Slack: {linked:plural:# person|# people} linked by their e-mail address, {missing} not found in Slack.",
    "cli.slack_not_configured": "Slack is not configured: set SLACK_BOT_TOKEN.",
    "cli.slack_refused": "Slack refuses this municipality's bot token ({error}). Check the tokens with terugkoppel check.",
    "cli.socket_mode_needs_token": "--socket-mode needs SLACK_APP_TOKEN (xapp-…) and a bot token.",
    "cli.import_done": (
        "Directory imported: {created} new, {updated} changed, {unchanged} unchanged, {left} left."
    ),
    "cli.tick_done": "Pass done: {actions:plural:# action|# actions}, {sent:plural:# message|# messages} sent.",
    "cli.db_upgraded": "Database upgraded to revision {revision}.",
    "cli.bad_time": "'{value}' is not an ISO 8601 moment, for example 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is not a week like 2026-W48.",
    "cli.check_ok": "OK: {what}",
    "cli.check_problem": "Problem: {what}: {problem}",
    "cli.port_invalid": "Port {port} does not exist. Choose a port from 1 to 65535.",
    "cli.host_unknown": "The address {host} is unknown. Choose for example 127.0.0.1 or 0.0.0.0.",
    "cli.port_in_use": (
        "Port {port} on {host} is already in use. Stop the program that uses it, or choose "
        "another port with --port."
    ),
    "cli.port_not_allowed": (
        "This program may not use port {port} on {host}. Choose a port above 1023 with --port."
    ),
    "cli.host_not_here": (
        "The address {host} does not belong to this machine. Choose for example 127.0.0.1 or "
        "0.0.0.0."
    ),
    "cli.port_unavailable": "Listening on {host}:{port} fails. Choose another port with --port.",
    "cli.worker_started": (
        "terugkoppel worker is running: the due work every {seconds:plural:# second|# seconds}. Stop with Ctrl+C."
    ),
    "cli.serving": "terugkoppel listening on http://{host}:{port}",
    "demo.title": "terugkoppel demo — municipality of Oosterwaard, {start} to {end}",
    "demo.progress": "Simulation",
    "demo.day": "{weekday} {date}",
    "demo.holiday": "{weekday} {date} — {holiday}: no messages to professionals",
    "demo.event": "{who} {what}",
    "demo.clicks": "clicks '{label}' on {case_ref}",
    "demo.submits": "refers {external_ref} to {team} ({consent})",
    "demo.requests_handover": "asks {to_team} to take over {case_ref}",
    "demo.marks_absent": "reports being away until {until}",
    "demo.summary": "Done: {referrals} referrals, {messages} messages, {escalations} escalations.",
    "cli.teams_not_configured": "Teams is not set up: set TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD and TERUGKOPPEL_TEAMS_TENANT_ID.",
    "cli.teams_package_invalid": "The Teams package cannot be built: {problem}.",
    "cli.teams_packaged": "Teams app package written: {path}. Upload it in the Teams admin center (Teams apps → Manage apps → Upload).",
    "cli.teams_linked": "Teams: {linked:plural:# person|# people} linked by their e-mail address, {away} away by their automatic replies, {failed} failed.",
    "cli.digest_municipality_team": (
        "--municipality is the digest over all teams; leave out --team."
    ),
    "cli.cannot_write": "Cannot write {path}: {problem}.",
    "check.ok": "OK       {name}: {detail}",
    "check.problem": "PROBLEM  {name}: {problem}",
    "check.skipped": "SKIPPED  {name}: not configured ({variables})",
    "check.setting": "PROBLEM  setting {variable}: {problem}",
    "check.settings": "PROBLEM  settings: {problem}",
    "check.summary_ok": "All good.",
    "check.summary_problems": "{count:plural:# problem|# problems} found; see the lines above.",
    "check.name.settings": "settings",
    "check.name.database": "database",
    "check.name.schema": "database schema",
    "check.name.slack": "Slack",
    "check.name.slack_workspace": "Slack workspace {workspace}",
    "check.name.teams": "Teams token",
    "check.name.graph": "Microsoft Graph",
    "check.name.smtp": "e-mail (SMTP)",
    "check.detail.settings": "all values valid",
    "check.detail.database": "connected to {url}",
    "check.detail.schema": "up to date at revision {revision}",
    "check.detail.slack": "connected to workspace {team} as {user}",
    "check.detail.slack_workspace": "connected to workspace {team} as {user}",
    "check.detail.teams": "got a Bot Connector token from {host}",
    "check.detail.graph": "may read users ({host})",
    "check.detail.smtp": "{host}:{port} speaks encrypted ({tls}), certificate trusted{login}",
    "check.detail.smtp_login": ", login accepted",
    "check.database_unreachable": "cannot be reached ({error}); check TERUGKOPPEL_DATABASE_URL",
    "check.schema_embedded": (
        "version {current}, {head} needed; the embedded SQLite database upgrades itself on "
        "first use"
    ),
    "check.schema_old": "revision {current}, {head} is needed; run 'terugkoppel db upgrade'",
    "check.unreachable": "{host} cannot be reached ({error}); check {variable}",
    "check.slack_refused": "Slack refuses the bot token ({error}); set a valid SLACK_BOT_TOKEN",
    "check.slack_token_file": "the token file cannot be read ({error}); check TERUGKOPPEL_SLACK_BOT_TOKEN_FILE",
    "check.slack_workspace_refused": "Slack refuses this workspace's token ({error}); put a valid token in TERUGKOPPEL_SLACK_BOT_TOKENS or TERUGKOPPEL_SLACK_BOT_TOKENS_DIR",
    "check.slack_workspace_file": "the token file cannot be read ({error}); check TERUGKOPPEL_SLACK_BOT_TOKENS_DIR",
    "check.slack_workspace_other": "this token belongs to workspace {team}, not to {workspace}",
    "check.teams_refused": (
        "Microsoft refuses the app credentials ({error}); check TERUGKOPPEL_TEAMS_APP_ID, "
        "TERUGKOPPEL_TEAMS_APP_PASSWORD and TERUGKOPPEL_TEAMS_TENANT_ID"
    ),
    "check.graph_refused": (
        "Graph refuses ({status} {error}); give the app the application permission "
        "User.Read.All and have an administrator grant consent"
    ),
    "check.name.m365": "Microsoft 365 of municipality {tenant}",
    "check.detail.m365": "tenant {m365} gives a token, may read users ({host})",
    "check.m365_refused": (
        "tenant {m365} gives the app no token ({error}); an administrator of that tenant "
        "must consent to the app (docs/tenants.md)"
    ),
    "check.answer_unreadable": "{host} gave an unexpected answer ({error})",
    "check.smtp_no_tls": (
        "{host} does not offer STARTTLS; terugkoppel never sends unencrypted. "
        "Use your organisation's secure relay (smtp:// with STARTTLS, or smtps://)"
    ),
    "check.smtp_certificate": (
        "the certificate of {host} is not trusted ({error}); "
        "put the CA certificate in TERUGKOPPEL_SMTP_CA_FILE, SSL_CERT_FILE or the system's trust store"
    ),
    "check.smtp_login": "{host} refuses the login ({error}); check user and password in TERUGKOPPEL_SMTP_URL",
    "check.smtp_url": "TERUGKOPPEL_SMTP_URL must be smtp://[user:password@]host:port or smtps://…",
    "cli.overleg_set": (
        "Fixed consultation {team} and {partner}: every {every} week(s) on {weekday} at {time}, "
        "from {first}. Next: {next}, reminder {remind}."
    ),
    "cli.overleg_line": (
        "{team} – {partner}: every {every} week(s) on {weekday} at {time} (from {first}); "
        "next {next}"
    ),
    "cli.overleg_none": "No fixed consultation has been set.",
    "cli.overleg_removed": "Fixed consultation {team} and {partner} removed.",
    "apikey.bad_name": "'{name}' is not a valid key name: use letters, digits, dot, dash or underscore (at most 64).",
    "apikey.exists": "A key named '{name}' already exists. Choose another name or revoke that one first.",
    "apikey.unknown": "There is no key named '{name}'.",
    "apikey.unknown_organisation": "Organisation '{organisation}' is not in the directory.",
    "apikey.bad_setting": "TERUGKOPPEL_API_KEYS reads name:key[,name:key…]; item {position} has no name or no key.",
    "apikey.duplicate_setting": "TERUGKOPPEL_API_KEYS names '{name}' twice.",
    "cli.apikey_created": "Key '{name}' created. Store it now: it will not be shown again.",
    "cli.apikey_none": "No keys have been created.",
    "cli.apikey_active": "active",
    "cli.apikey_revoked": "revoked {at}",
    "cli.apikey_revoked_now": "Key '{name}' is revoked; it no longer works from now on.",
    "cli.apikey_was_revoked": "Key '{name}' was revoked already.",
    "cli.bad_date": "{option}: '{value}' is not a date like 2026-11-23.",
    "cli.bad_birth_month": "'{value}' is not a birth month like 2014-03 (not in the future, at most 23 years ago).",
    "cli.consent_set": (
        "Consent for {case_ref}: {before} → {after}. "
        "{withheld:plural:# waiting message will|# waiting messages will} no longer be sent."
    ),
    "cli.audit_written": "{count:plural:# audit row|# audit rows} written to {path}.",
    "cli.audit_intact": "Audit chain intact, {count:plural:# row|# rows}. Last hash: {head}",
    "cli.audit_broken_link": (
        "Audit chain broken at row {row}: it does not point at the row before it "
        "(a row was deleted or inserted)."
    ),
    "cli.audit_broken_content": "Audit chain broken at row {row}: its content was changed.",
    "cli.retention_would_purge": (
        "Would delete: {cases:plural:# closed case|# closed cases} (older than {days:plural:# day|# days}) and {audit} "
        "audit rows (older than five years). Run with --now."
    ),
    "cli.retention_purged": (
        "Deleted: {cases:plural:# closed case|# closed cases} (older than {days:plural:# day|# days}) and {audit} "
        "audit rows (older than five years)."
    ),
}
