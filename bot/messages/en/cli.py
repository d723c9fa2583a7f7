"""English texts of the command line itself: the help of every verb and option, and the
command-line parser's own words (usage, errors). Keys match bot/messages/nl/cli.py."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # the help of every verb (help.<verb path>) and of each of its options and arguments
    "help.root": "terugkoppel: closes the feedback loops around referrals in youth care.",
    "help.root.version": "Print the version and exit.",
    "help.root.lang": "Language of the command line: nl (default) or en.",
    "help.root.install_completion": "Install completion for the current shell.",
    "help.root.show_completion": "Show completion for the current shell, to copy it.",
    "help.webhook": "Status webhooks per organisation.",
    "help.webhook_add": "Register a URL; the signing secret (whsec_…) is printed once, on the last line.",
    "help.webhook_add.organisation": "The organisation whose referrals it hears.",
    "help.webhook_add.url": "An https:// address (http only to 127.0.0.1).",
    "help.webhook_list": "Id, organisation, URL and when it was added (never the secret).",
    "help.webhook_log": "The latest delivery attempts first: when, webhook, webhook-id, event, answer.",
    "help.webhook_log.webhook": "Only this webhook's attempts.",
    "help.webhook_log.limit": "How many lines you see.",
    "help.webhook_remove": "Stop delivering to it; its log stays.",
    "help.webhook_remove.webhook_id": "The webhook's id (see webhook list).",
    "help.apikey": "REST API keys.",
    "help.apikey_create": "Create a named key; it is printed once and stored only as a hash.",
    "help.apikey_create.name": "Name of the key.",
    "help.apikey_create.organisation": "Bind the key to this organisation's referrers.",
    "help.apikey_list": "Names, organisation, created and revoked (never the keys).",
    "help.apikey_revoke": "Revoke a key at once; it stays listed as revoked.",
    "help.apikey_revoke.name": "Name of the key.",
    "help.audit": "The audit log (append-only).",
    "help.audit_export": "Write the audit rows as CSV (times in the configured time zone).",
    "help.audit_export.case": "Case reference.",
    "help.audit_export.from_": "First day (YYYY-MM-DD, local).",
    "help.audit_export.to": "Last day (YYYY-MM-DD, local).",
    "help.audit_export.output": "CSV file; else stdout.",
    "help.audit_verify": (
        "Check the audit hash chain; name the first broken row (exit 1), else exit 0."
    ),
    "help.check": (
        "Check settings, database, schema, Slack, Teams, Graph and SMTP: one line each, "
        "exit 1 when anything is wrong (2 when a setting is invalid)."
    ),
    "help.consent": "Consent per case.",
    "help.consent_set": "Give, change or withdraw (level none) the consent of a case; audited.",
    "help.consent_set.case_ref": "Our case reference.",
    "help.consent_set.level": "What may be shared: none, status or notes.",
    "help.consent_set.given_by": "Who gave (or withdrew) the consent.",
    "help.consent_set.birth_month": "YYYY-MM, to apply the Jeugdwet rule.",
    "help.db": "Database schema.",
    "help.db_upgrade": (
        "Apply the database migrations (safe to repeat; replicas wait for each other)."
    ),
    "help.demo": (
        "Simulate a municipality for two weeks on a temporary SQLite database (no network)."
    ),
    "help.demo.days": "Calendar days to simulate.",
    "help.digest": "Print the coordinators' digest for a team and week.",
    "help.digest.team": "Team id; all teams when left out.",
    "help.digest.week": "ISO week, e.g. 2026-W48; default last week.",
    "help.digest.format": "Text, HTML or CSV.",
    "help.digest.png": "Also write the 12-week trend chart here.",
    "help.digest.municipality": "The municipality's digest: totals only, counts under 5 as <5.",
    "help.import": "Import organisations, teams, people and contact persons (idempotent).",
    "help.import.file": "Directory file: YAML, CSV or a folder of CSV files.",
    "help.overleg": "The vaste overleg per team and partner.",
    "help.overleg_list": "Every fixed consultation with its next meeting.",
    "help.overleg_remove": "Remove the fixed consultation of a team with a partner organisation.",
    "help.overleg_remove.team": "Team id.",
    "help.overleg_remove.partner": "Partner organisation id.",
    "help.overleg_set": (
        "Set (or replace) the fixed consultation of a team with a partner organisation."
    ),
    "help.overleg_set.team": "Team id.",
    "help.overleg_set.partner": "Partner organisation id.",
    "help.overleg_set.first": "First meeting, local time: 2026-12-08T13:00 (ISO 8601).",
    "help.overleg_set.every": "Every so many weeks.",
    "help.person": "What is stored about a person.",
    "help.person_export": (
        "Print (JSON) every row stored about a person: directory, absences, assignments, "
        "conversations, messages to them, audit rows naming them."
    ),
    "help.person_export.person_id": "The person's id in the directory.",
    "help.privacy": "The privacy guard.",
    "help.privacy_check": (
        "What the privacy guard finds in a text: exit 0 nothing found, 1 found, 2 usage."
    ),
    "help.privacy_check.note": "The text; else standard input.",
    "help.privacy_check.lines": "Check every input line on its own.",
    "help.privacy_check.as_json": 'One JSON object per text: {{"findings": [...]}}.',
    "help.privacy_check.directory": (
        "Also the directory's names and TERUGKOPPEL_PRIVACY_NAMES_FILE, as the service "
        "checks a note (reads the database)."
    ),
    "help.referrer": "Requests to referrers.",
    "help.referrer_ask": (
        "Mark a referral as waiting for the referrer; the referrer is asked at once."
    ),
    "help.referrer_ask.case_ref": "Our case reference, e.g. JT-NRD-2026-0042.",
    "help.referrer_ask.kind": "What the referral waits for: consent or information.",
    "help.referrer_ask.by": "The professional asking (person id).",
    "help.referrer_done": "The referral no longer waits for the referrer: reminders stop.",
    "help.referrer_done.case_ref": "Our case reference.",
    "help.referrer_done.by": "The professional (person id).",
    "help.referrer_done.kind": "Only this request; default all.",
    "help.retention": "Retention of closed cases and audit.",
    "help.retention_purge": (
        "Closed cases older than TERUGKOPPEL_RETENTION_DAYS and audit rows older than five years."
    ),
    "help.retention_purge.now": "Purge now; without it only count what would go.",
    "help.serve": "Run the HTTP app (and, unless --no-scheduler, the reminder scheduler).",
    "help.serve.host": "Address to listen on.",
    "help.serve.port": "Port to listen on.",
    "help.serve.no_scheduler": "Web only.",
    "help.serve.socket_mode": "Also take Slack events over Socket Mode (SLACK_APP_TOKEN).",
    "help.slack": "Slack.",
    "help.slack_link": (
        "Find people without a Slack id by their e-mail address (users.lookupByEmail)."
    ),
    "help.teams": "Microsoft Teams.",
    "help.teams_link": (
        "Find people in Graph by e-mail and read out-of-office now (also runs daily)."
    ),
    "help.teams_package": "Build the Teams app package (zip) with the configured app id.",
    "help.teams_package.output": "Where to write the zip.",
    "help.teams_package.version": "App version, e.g. 1.0.1.",
    "help.teams_package.source": "Folder with manifest.json and icons.",
    "help.tick": (
        "One pass of all due work (prompts, reminders, handovers, coverage, outbox), then exit."
    ),
    "help.tick.now": "ISO 8601 moment, e.g. 2026-11-23T09:00+01:00",
    "help.worker": (
        "Run the scheduler and the outbox dispatcher only (SIGTERM: finish or release, then exit)."
    ),
    "help.help": "Show this help and exit.",
    # the parser's own words in help pages
    "usage.prefix": "Usage: ",
    "usage.options_metavar": "[OPTIONS]",
    "usage.commands_metavar": "COMMAND [ARGS]...",
    "usage.arguments": "Arguments",
    "usage.options": "Options",
    "usage.commands": "Commands",
    "usage.default": "[default: {value}]",
    "usage.envvar": "[env var: {value}]",
    "usage.required": "[required]",
    "usage.deprecated": "(deprecated) ",
    # command-line errors: one line, exit 2
    "usage.no_such_option": "Unknown option: {option}. See {help}.",
    "usage.no_such_command": "Unknown command: {name}. Choose from: {choices}.",
    "usage.missing_command": "A command is missing. Choose from: {choices}.",
    "usage.missing_argument": "{name} is missing. See {help}.",
    "usage.missing_option": "Option {name} is missing. See {help}.",
    "usage.option_needs_value": "Option {option} needs a value.",
    "usage.option_takes_no_value": "Option {option} takes no value.",
    "usage.extra_arguments": "Too many arguments: {args}. See {help}.",
    "usage.bad_value": "{name} cannot be {value}. See {help}.",
    "usage.bad_number": "{name} must be a whole number, not {value}.",
    "usage.too_small": "{name} must be at least {limit}, not {value}.",
    "usage.too_large": "{name} must be at most {limit}, not {value}.",
    "usage.bad_choice": "{name} cannot be {value}. Choose from: {choices}.",
    "usage.no_path": "{path} does not exist.",
    "usage.path_is_folder": "{path} is a folder, not a file.",
    "usage.path_is_file": "{path} is a file, not a folder.",
    "usage.path_unreadable": "{path} cannot be read.",
    "usage.path_unwritable": "{path} cannot be written.",
    "usage.bad_language": "Unknown language: {value}. Choose nl or en.",
    "usage.wrong": "The command is not right. See {help}.",
    "usage.unexpected": (
        "Something went wrong that we did not expect ({problem}). "
        "Set TERUGKOPPEL_LOG_LEVEL=DEBUG for the details."
    ),
    "usage.aborted": "Stopped.",
    # words a person may type as a value (besides the Dutch ones)
    "value.level.none": "none",
    "value.level.status": "status",
    "value.level.notes": "notes",
    "value.given.parents": "parents",
    "value.given.youth": "youth",
    "value.given.both": "both",
    "value.kind.consent": "consent",
    "value.kind.information": "information",
    "value.format.text": "text",
    "value.format.html": "html",
    "value.format.csv": "csv",
    # why a file did not work (after "Cannot write …:")
    "file.no_folder": "the folder does not exist",
    "file.not_allowed": "permission denied",
    "file.is_folder": "it is a folder",
    "file.disk_full": "the disk is full",
    "file.read_only": "it is read-only",
    "file.other": "system error {number}",
    # why a directory was not imported (after "The directory was not imported: …")
    "directory.no_files": "it holds no .yaml or .csv file",
    "directory.section_twice": "section '{section}' is also given by another file",
    "directory.csv_name": "the name matches no section; call it {names}",
    "directory.not_a_file": "it is not a .yaml, .yml or .csv file",
    "directory.not_utf8": "it is not UTF-8 text (save it as CSV UTF-8)",
    "directory.unreadable": "the file cannot be read (system error {number})",
    "directory.bad_yaml": "it is not valid YAML (line {line})",
    "directory.empty": "the file is empty",
    "directory.bad_column": "it is not a column of {section}; use {columns}",
    "directory.column_twice": "a column is given twice",
    "directory.too_many_cells": "line {line} has more cells than the header",
    "directory.bad_csv": "it is not valid CSV (line {line})",
    # names of command-line arguments
    "name.file": "FILE",
    "name.webhook_id": "NUMBER",
    "name.case_ref": "CASE_REF",
    "name.level": "LEVEL",
    "name.name": "NAME",
    "name.team": "TEAM",
    "name.partner": "PARTNER",
    "name.person_id": "PERSON_ID",
    "name.kind": "KIND",
    "name.note": "TEXT",
    # why a setting is refused (after "Setting X is invalid:")
    "setting.not_a_number": "this is not a whole number",
    "setting.too_small": "it must be at least {limit}",
    "setting.too_large": "it must be at most {limit}",
    "setting.choice": "choose from {choices}",
    "setting.not_yes_no": "use true or false",
    "setting.not_a_time": "this is not a time like 08:30",
    "setting.not_a_url": "this is not a valid URL",
    "setting.missing": "this setting is missing",
    "setting.other": "this value is not right",
    "setting.timezone": "time zone '{value}' does not exist (like Europe/Amsterdam)",
    "setting.weekday": "use a day (monday … sunday, maandag … zondag) or 1-7",
    "setting.recipient": "'{entry}': use a person id from the directory or slack:, teams: or email: with an address",
    "setting.no_file": "file {path} does not exist",
    "setting.database_url": "only sqlite:/// and postgresql+psycopg:// are supported",
    "setting.office_hours": "TERUGKOPPEL_OFFICE_START must be before TERUGKOPPEL_OFFICE_END",
    "setting.slack_token": "Slack answers need a bot token: set SLACK_BOT_TOKEN or TERUGKOPPEL_SLACK_BOT_TOKEN_FILE as well",
    "setting.oidc_needs": "sign-in needs {name} as well",
    "setting.oidc_https": "TERUGKOPPEL_OIDC_ISSUER must be an https:// address",
    "setting.teams_needs": "Teams needs {name} as well",
    "setting.link_secret_short": "TERUGKOPPEL_LINK_SECRET must be at least 24 characters long",
    "setting.link_secret_needed": "e-mail carries answer links: set TERUGKOPPEL_LINK_SECRET as well (a long random string, the same on every replica)",
    "setting.mail_from": "e-mail needs TERUGKOPPEL_MAIL_FROM as well as TERUGKOPPEL_SMTP_URL",
    "setting.ca_file": "TERUGKOPPEL_SMTP_CA_FILE: file {path} does not exist",
    "setting.ladder": "TERUGKOPPEL_REMINDER_LADDER needs three rising working-day counts, like 1,2,3",
    # options added later
    "help.demo.folder": "Keep the database, digests and charts here (default: a new temporary folder).",
    "help.digest.cid": "In the HTML, refer to the chart as cid:NAME (for a mail with the PNG inline).",
    "help.teams_package.overview": "With the overview as a personal tab (needs TERUGKOPPEL_OIDC_CLIENT_ID).",
    "help.tick.dry_run": "List what would be sent; send nothing, change nothing.",
}
