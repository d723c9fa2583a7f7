"""Dutch texts, the default language: the command line, `terugkoppel check` and the demo."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "cli.slack_linked": "Slack: {linked:plural:# persoon|# personen} gekoppeld via hun e-mailadres, {missing} niet gevonden in Slack.",
    "cli.slack_not_configured": "Slack is niet ingesteld: zet SLACK_BOT_TOKEN.",
    "cli.slack_refused": "Slack weigert het bot-token van deze gemeente ({error}). Kijk de tokens na met terugkoppel check.",
    "cli.socket_mode_needs_token": "--socket-mode heeft SLACK_APP_TOKEN (xapp-…) en een bot-token nodig.",
    # command line
    "cli.import_done": (
        "Het adresboek is ingelezen. Nieuw: {created}. Gewijzigd: {updated}. Gelijk: {unchanged}. Weg: {left}."
    ),
    "cli.tick_done": "Ronde klaar: {actions:plural:# actie|# acties}, {sent:plural:# bericht|# berichten} verzonden.",
    "cli.db_upgraded": "Database bijgewerkt tot versie {revision}.",
    "cli.bad_time": "'{value}' is geen tijdstip in ISO 8601, bijvoorbeeld 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is geen week als 2026-W48.",
    "cli.check_ok": "In orde: {what}",
    "cli.check_problem": "Probleem: {what}: {problem}",
    "cli.port_invalid": "Poort {port} bestaat niet. Kies een poort van 1 tot en met 65535.",
    "cli.host_unknown": "Het adres {host} is onbekend. Kies bijvoorbeeld 127.0.0.1 of 0.0.0.0.",
    "cli.port_in_use": (
        "Poort {port} op {host} is al in gebruik. Stop het programma dat haar gebruikt, of "
        "kies een andere poort met --port."
    ),
    "cli.port_not_allowed": (
        "Poort {port} op {host} mag dit programma niet gebruiken. Kies een poort boven 1023 "
        "met --port."
    ),
    "cli.host_not_here": (
        "Het adres {host} hoort niet bij deze machine. Kies bijvoorbeeld 127.0.0.1 of 0.0.0.0."
    ),
    "cli.port_unavailable": "Luisteren op {host}:{port} lukt niet. Kies een andere poort met --port.",
    "cli.worker_started": (
        "terugkoppel worker draait: elke {seconds:plural:# seconde|# seconden} het werk dat klaarstaat. Stoppen "
        "met Ctrl+C."
    ),
    "cli.serving": "terugkoppel luistert op http://{host}:{port}",
    # demo narration
    "demo.title": "terugkoppel demo — Oosterwaard, {start} tot en met {end}",
    "demo.progress": "Simulatie",
    "demo.day": "{weekday} {date}",
    "demo.holiday": "{weekday} {date} — {holiday}: geen berichten aan medewerkers",
    "demo.event": "{who} {what}",
    "demo.clicks": "klikt '{label}' bij {case_ref}",
    "demo.submits": "verwijst {external_ref} naar {team} ({consent})",
    "demo.requests_handover": "vraagt {to_team} om {case_ref} over te nemen",
    "demo.marks_absent": "meldt zich afwezig tot en met {until}",
    "demo.summary": "Klaar: {referrals} verwijzingen, {messages} berichten, {escalations} opschalingen.",
    "cli.teams_not_configured": "Teams is niet ingesteld: zet TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD en TERUGKOPPEL_TEAMS_TENANT_ID.",
    "cli.teams_package_invalid": "Het Teams-pakket kan niet worden gemaakt: {problem}.",
    "cli.teams_packaged": "Het pakket voor Teams staat in {path}. Zet het in Teams via het beheercentrum: Teams-apps → Apps beheren → Uploaden.",
    "cli.teams_linked": "Teams: {linked:plural:# persoon|# personen} gekoppeld via e-mail. Afwezig volgens Outlook: {away}. Niet gelukt: {failed}.",
    "cli.digest_municipality_team": (
        "--municipality is het overzicht over alle teams; laat --team dan weg."
    ),
    "cli.cannot_write": "Kan {path} niet schrijven: {problem}.",
    "check.ok": "OK           {name}: {detail}",
    "check.problem": "PROBLEEM     {name}: {problem}",
    "check.skipped": "OVERGESLAGEN {name}: niet ingesteld ({variables})",
    "check.setting": "PROBLEEM     instelling {variable}: {problem}",
    "check.settings": "PROBLEEM     instellingen: {problem}",
    "check.summary_ok": "Alles in orde.",
    "check.summary_problems": "{count:plural:# probleem|# problemen} gevonden; zie de regels hierboven.",
    "check.name.settings": "instellingen",
    "check.name.database": "database",
    "check.name.schema": "databaseschema",
    "check.name.slack": "Slack",
    "check.name.slack_workspace": "Slack-werkruimte {workspace}",
    "check.name.teams": "Teams-token",
    "check.name.graph": "Microsoft Graph",
    "check.name.smtp": "e-mail (SMTP)",
    "check.detail.settings": "alle waarden geldig",
    "check.detail.database": "verbonden met {url}",
    "check.detail.schema": "bijgewerkt tot versie {revision}",
    "check.detail.slack": "verbonden met werkruimte {team} als {user}",
    "check.detail.slack_workspace": "verbonden met werkruimte {team} als {user}",
    "check.detail.teams": "token voor de Bot Connector gekregen van {host}",
    "check.detail.graph": "gebruikers opvragen mag ({host})",
    "check.detail.smtp": "{host}:{port} praat versleuteld ({tls}), certificaat vertrouwd{login}",
    "check.detail.smtp_login": ", inloggen gelukt",
    "check.database_unreachable": "niet bereikbaar ({error}); controleer TERUGKOPPEL_DATABASE_URL",
    "check.schema_embedded": (
        "versie {current}, nodig is {head}. De SQLite-database in de app werkt zichzelf bij als je hem gebruikt."
    ),
    "check.schema_old": "versie {current}, nodig is {head}; voer 'terugkoppel db upgrade' uit",
    "check.unreachable": "{host} is niet bereikbaar ({error}); controleer {variable}",
    "check.slack_refused": "Slack weigert het bot-token ({error}); zet een geldig SLACK_BOT_TOKEN",
    "check.slack_token_file": "het tokenbestand is niet te lezen ({error}); controleer TERUGKOPPEL_SLACK_BOT_TOKEN_FILE",
    "check.slack_workspace_refused": "Slack weigert het token van deze werkruimte ({error}); zet een geldig token in TERUGKOPPEL_SLACK_BOT_TOKENS of TERUGKOPPEL_SLACK_BOT_TOKENS_DIR",
    "check.slack_workspace_file": "het tokenbestand is niet te lezen ({error}); controleer TERUGKOPPEL_SLACK_BOT_TOKENS_DIR",
    "check.slack_workspace_other": "dit token hoort bij werkruimte {team}, niet bij {workspace}",
    "check.teams_refused": (
        "Microsoft kent de app niet ({error}). Kijk TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD en TERUGKOPPEL_TEAMS_TENANT_ID na."
    ),
    "check.graph_refused": (
        "Graph zegt nee ({status} {error}). Geef de app het recht User.Read.All (als toepassing). Laat een beheerder dat goedkeuren."
    ),
    "check.name.m365": "Microsoft 365 van gemeente {tenant}",
    "check.detail.m365": "tenant {m365} geeft een token, gebruikers opvragen mag ({host})",
    "check.m365_refused": (
        "tenant {m365} geeft de app geen token ({error}). Een beheerder van die tenant moet de app toestaan. Zie docs/tenants.md."
    ),
    "check.answer_unreadable": "{host} gaf een onverwacht antwoord ({error})",
    "check.smtp_no_tls": (
        "{host} biedt geen STARTTLS. terugkoppel stuurt nooit iets zonder versleuteling. Gebruik de veilige relay van je organisatie (smtp:// met STARTTLS of smtps://)"
    ),
    "check.smtp_certificate": (
        "het certificaat van {host} wordt niet vertrouwd ({error}); "
        "zet het CA-certificaat in TERUGKOPPEL_SMTP_CA_FILE, SSL_CERT_FILE of de trust store van het systeem"
    ),
    "check.smtp_login": "{host} weigert de inlog ({error}); controleer gebruiker en wachtwoord in TERUGKOPPEL_SMTP_URL",
    "check.smtp_url": "TERUGKOPPEL_SMTP_URL moet smtp://[gebruiker:wachtwoord@]host:poort of smtps://… zijn",
    "cli.overleg_set": (
        "Vast overleg {team} en {partner}: elke {every} week/weken op {weekday} om {time}, "
        "vanaf {first}. Volgende: {next}, herinnering {remind}."
    ),
    "cli.overleg_line": (
        "{team} – {partner}: elke {every} week/weken op {weekday} om {time} (vanaf {first}); "
        "volgende {next}"
    ),
    "cli.overleg_none": "Er is geen vast overleg ingesteld.",
    "cli.overleg_removed": "Vast overleg {team} en {partner} verwijderd.",
    "apikey.bad_name": "'{name}' is geen geldige naam voor een sleutel: gebruik letters, cijfers, punt, streep of liggend streepje (hoogstens 64).",
    "apikey.exists": "Er is al een sleutel met de naam '{name}'. Kies een andere naam of trek die eerst in.",
    "apikey.unknown": "Er is geen sleutel met de naam '{name}'.",
    "apikey.unknown_organisation": "Organisatie '{organisation}' staat niet in het adresboek.",
    "apikey.bad_setting": "TERUGKOPPEL_API_KEYS heeft de vorm naam:sleutel[,naam:sleutel…]; item {position} heeft geen naam of geen sleutel.",
    "apikey.duplicate_setting": "TERUGKOPPEL_API_KEYS noemt de naam '{name}' twee keer.",
    "cli.apikey_created": "Sleutel '{name}' aangemaakt. Bewaar hem nu: hij wordt niet nog eens getoond.",
    "cli.apikey_none": "Er zijn geen sleutels aangemaakt.",
    "cli.apikey_active": "actief",
    "cli.apikey_revoked": "ingetrokken {at}",
    "cli.apikey_revoked_now": "Sleutel '{name}' is ingetrokken; hij werkt vanaf nu niet meer.",
    "cli.apikey_was_revoked": "Sleutel '{name}' was al ingetrokken.",
    "cli.bad_date": "{option}: '{value}' is geen datum als 2026-11-23.",
    "cli.bad_birth_month": "'{value}' is geen geboortemaand als 2014-03 (niet in de toekomst, hoogstens 23 jaar geleden).",
    "cli.consent_set": (
        "Toestemming voor {case_ref}: {before} → {after}. "
        "{withheld:plural:# wachtend bericht wordt|# wachtende berichten worden} niet meer verstuurd."
    ),
    "cli.audit_written": "{count:plural:# auditregel|# auditregels} geschreven naar {path}.",
    "cli.audit_intact": "Auditketen intact, {count:plural:# rij|# rijen}. Laatste hash: {head}",
    "cli.audit_broken_link": (
        "Auditketen verbroken bij rij {row}: die rij wijst niet naar de rij ervoor "
        "(een rij is verwijderd of ingevoegd)."
    ),
    "cli.audit_broken_content": (
        "Auditketen verbroken bij rij {row}: de inhoud van die rij is veranderd."
    ),
    "cli.retention_would_purge": (
        "Zou verwijderen: {cases:plural:# afgesloten casus|# afgesloten casussen} (ouder dan {days:plural:# dag|# dagen}) en {audit} "
        "auditregels (ouder dan vijf jaar). Voer uit met --now."
    ),
    "cli.retention_purged": (
        "Gewist: {cases:plural:# gesloten casus|# gesloten casussen} ouder dan {days:plural:# dag|# dagen}. En {audit:plural:# auditregel|# auditregels} ouder dan vijf jaar."
    ),
}
