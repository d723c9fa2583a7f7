"""Dutch texts, the default language. Keys and parameters must match en.py."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # statuses a referrer can receive (fixed vocabulary)
    "status.received": "ontvangen",
    "status.assigned": "toegewezen aan een medewerker",
    "status.contact_made": "er is contact gelegd met het gezin",
    "status.intake_planned": "er is een intakegesprek gepland",
    "status.help_started": "de hulp is gestart",
    "status.handed_over": "overgedragen aan een andere organisatie",
    "status.closed": "afgesloten",
    "status.declined": "niet in behandeling genomen",
    # buttons
    "action.contact_made": "Contact gelegd",
    "action.intake_planned": "Intake gepland",
    "action.help_started": "Hulp gestart",
    "action.handed_over": "Overgedragen",
    "action.closed": "Afgesloten",
    "action.not_yet": "Nog niet",
    "action.take": "Ik pak hem op",
    "action.accept": "Overdracht accepteren",
    "action.refuse": "Weigeren",
    # to the referrer
    "referrer.receipt": (
        "Uw verwijzing is ontvangen door {team}. Ons kenmerk: {case_ref} "
        "(uw kenmerk: {external_ref}). U hoort van ons zodra er contact is gelegd."
    ),
    "referrer.receipt_with_contact": (
        "Uw verwijzing is ontvangen door {team}. Ons kenmerk: {case_ref} "
        "(uw kenmerk: {external_ref}). U hoort van ons zodra er contact is gelegd. "
        "Uw vaste contactpersoon bij {team} is {contact}."
    ),
    "referrer.status": (
        "Terugkoppeling over {case_ref} (uw kenmerk: {external_ref}): {status}. "
        "Contactpersoon: {contact}, {team}."
    ),
    "referrer.status_with_note": (
        "Terugkoppeling over {case_ref} (uw kenmerk: {external_ref}): {status}. "
        "Contactpersoon: {contact}, {team}. Toelichting: {note}"
    ),
    "referrer.in_progress": (
        "Uw verwijzing {case_ref} (uw kenmerk: {external_ref}) is in behandeling bij {team}. "
        "Zonder toestemming van de jeugdige of ouders kunnen wij geen details delen."
    ),
    "referrer.ended": (
        "De betrokkenheid van {team} bij {case_ref} (uw kenmerk: {external_ref}) is beëindigd."
    ),
    "referrer.handed_over": (
        "{case_ref} (uw kenmerk: {external_ref}) is overgedragen aan {team}. "
        "Uw contactpersoon is nu {contact}."
    ),
    "referrer.backup_contact": (
        "Uw vaste contactpersoon bij {team}, {primary}, is afwezig tot en met {until}. "
        "In die periode is {backup} uw contactpersoon."
    ),
    "referrer.contact_left": (
        "Uw vaste contactpersoon bij {team}, {primary}, werkt daar niet meer. "
        "Tot er een nieuwe is, is {backup} uw contactpersoon."
    ),
    # to the team's intake channel or piket
    "intake.new": (
        "Nieuwe verwijzing {case_ref} van {organisation} ({kind}), ontvangen {received}. "
        "Wie pakt hem op?"
    ),
    "intake.urgent": (
        "SPOED: verwijzing {case_ref} van {organisation} ({kind}), ontvangen {received}. "
        "Jij hebt piket; pak hem direct op."
    ),
    "intake.reminder": "Herinnering: {case_ref} (ontvangen {received}) is nog door niemand opgepakt.",
    "intake.escalation": (
        "Opschaling: {case_ref} van {organisation} is na {days} werkdagen nog niet opgepakt. "
        "Wil je hem toewijzen?"
    ),
    "intake.taken": "{case_ref} is opgepakt door {name}. Je bent de contactpersoon voor {organisation}.",
    # to the assigned professional
    "prompt.feedback": (
        "Hoe staat het met {case_ref}? {organisation} verwees op {received} en wacht op "
        "terugkoppeling (norm: binnen {norm} werkdagen)."
    ),
    "prompt.followup": (
        "Is er nieuws over {case_ref}? De laatste stand die {organisation} kreeg: {status}."
    ),
    "prompt.reminder": (
        "Herinnering {number}: {organisation} wacht nog op terugkoppeling over {case_ref} "
        "(verwezen op {received})."
    ),
    "prompt.on_behalf": (
        "{absent} is afwezig; jij bent vervanger. {organisation} wacht op terugkoppeling over "
        "{case_ref} (verwezen op {received}). Hoe staat het?"
    ),
    "prompt.escalation": (
        "Opschaling: {name} heeft na {days} werkdagen niet gereageerd op de vraag over "
        "{case_ref} van {organisation}. De norm voor terugkoppeling is {norm} werkdagen."
    ),
    "prompt.answered": "Genoteerd: {case_ref} — {status}. {organisation} krijgt bericht.",
    "prompt.answered_withheld": (
        "Genoteerd: {case_ref} — {status}. Zonder toestemming krijgt {organisation} alleen "
        "te horen dat de verwijzing in behandeling is."
    ),
    "prompt.snoozed": "Prima. Ik vraag het je op {date} opnieuw.",
    # handovers
    "handover.requested": (
        "{from_team} vraagt {to_team} om {case_ref} over te nemen{warm}. "
        "Graag accepteren vóór {due}."
    ),
    "handover.warm_suffix": " (warme overdracht, met het gezin)",
    "handover.reminder": (
        "Herinnering: de overdracht van {case_ref} door {from_team} wacht sinds {since} op "
        "acceptatie (termijn verlopen op {due})."
    ),
    "handover.escalation": (
        "Opschaling: de overdracht van {case_ref} van {from_team} naar {to_team} is "
        "{days} werkdagen over de termijn en nog niet geaccepteerd."
    ),
    "handover.accepted": "{to_team} heeft {case_ref} overgenomen. Contactpersoon: {name}.",
    "handover.refused": "{to_team} heeft de overdracht van {case_ref} geweigerd.",
    # contact coverage
    "coverage.backup_active": (
        "{primary} is afwezig tot en met {until}. Jij bent tot dan de contactpersoon van "
        "{team} voor {partner}."
    ),
    "coverage.gap": (
        "Let op: {team} heeft geen bereikbare vaste contactpersoon voor {partner}. "
        "Wijs een contactpersoon en een vervanger aan."
    ),
    "delivery.failed": (
        "Een bericht voor {recipient} over {case_ref} kon niet worden bezorgd ({reason}). "
        "Neem zelf contact op."
    ),
    # Slack: replies to clicks and commands, modals, App Home
    "action.assign": "Toewijzen aan…",
    "action.note": "Met toelichting…",
    "slack.answered_by": "{reply}\nBeantwoord door {name} op {at}.",
    "slack.taken_by": "{case_ref} is opgepakt door {name} op {at}.",
    "slack.assigned_by": "{case_ref} is op {at} door {by} toegewezen aan {name}.",
    "slack.handover_accepted": "{case_ref}: overdracht geaccepteerd door {name} op {at}.",
    "slack.handover_refused": "{case_ref}: overdracht geweigerd door {name} op {at}.",
    "slack.assign_unknown": "{name} is geen medewerker van dit team in terugkoppel; kies een ander.",
    "slack.referral_created": "Verwijzing {case_ref} is aangemaakt bij {team}. {referrer} krijgt een ontvangstbevestiging.",
    "slack.referral_exists": "Deze verwijzing bestond al: {case_ref} bij {team}. Er is niets gewijzigd.",
    "slack.modal_referral_title": "Nieuwe verwijzing",
    "slack.modal_note_title": "Antwoord met toelichting",
    "slack.modal_submit": "Versturen",
    "slack.modal_cancel": "Annuleren",
    "slack.referral_intro": "terugkoppel legt alleen een kenmerk vast: geen naam, BSN, geboortedatum of omschrijving van de jeugdige.",
    "slack.referrer_self": "Verwijzer: {name} ({organisation})",
    "slack.field_team": "Team",
    "slack.field_referrer": "Verwijzer",
    "slack.field_external_ref": "Eigen kenmerk van de verwijzer (optioneel)",
    "slack.hint_external_ref": "Alleen een kenmerk, bijvoorbeeld HAP-7781.",
    "slack.field_consent": "Toestemming van jeugdige en/of ouders",
    "slack.field_urgent": "Spoed",
    "slack.option_urgent": "Spoed: direct naar de piket",
    "slack.choose": "Kies…",
    "slack.error_external_ref": "Het kenmerk bevat mogelijk persoonsgegevens ({found}). Gebruik alleen een eigen kenmerk.",
    "slack.note_intro": "{case_ref} — {organisation}",
    "slack.field_answer": "Stand van zaken",
    "slack.field_note": "Toelichting voor de verwijzer",
    "slack.hint_note": "Zonder namen, nummers, adressen of datums. Wordt alleen verstuurd als er toestemming voor toelichting is.",
    "slack.wie_usage": "Gebruik: /wie <organisatie>, bijvoorbeeld /wie Huisartsenpraktijk Noord.",
    "slack.wie_none": "Geen organisatie gevonden voor '{query}'.",
    "slack.wie_many": "Meerdere organisaties passen bij '{query}': {names}. Wees specifieker.",
    "slack.wie_heading": "Vaste contactpersonen voor {organisation}:",
    "slack.wie_line": "{team}: {primary} (vervanger: {backup}). Vandaag bereikbaar: {reachable}.",
    "slack.wie_no_pairs": "Er is geen vaste contactpersoon vastgelegd voor {organisation}.",
    "slack.lines": "{lines}",
    "slack.nobody": "niemand",
    "slack.afwezig_usage": "Gebruik: /afwezig <van> <tot>, bijvoorbeeld /afwezig 3-11 7-11, of /afwezig morgen.",
    "slack.afwezig_bad_date": "'{value}' is geen datum. Gebruik dag-maand of dag-maand-jaar (3-11, 03-11-2026) of vandaag/morgen.",
    "slack.afwezig_past": "Die periode ligt in het verleden; er is niets vastgelegd.",
    "slack.afwezig_too_long": "Een afwezigheid van meer dan {days} dagen gaat niet via chat; vraag je coördinator.",
    "slack.afwezig_done": "Genoteerd: je bent afwezig van {start} tot en met {end}. Je vervanger en je partners horen wie ze in die tijd kunnen bellen.",
    "slack.not_configured": "Slack is niet ingesteld: zet SLACK_SIGNING_SECRET en SLACK_BOT_TOKEN en start opnieuw.",
    "home.heading": "terugkoppel — {name}",
    "home.updated": "Bijgewerkt {at}",
    "home.absent": "Je staat afwezig tot en met {until}.",
    "home.prompts": "Mijn openstaande vragen",
    "home.prompt_line": "{case_ref} — {organisation}: {state} sinds {since}",
    "home.overdue": "Mijn verwijzingen over de norm",
    "home.overdue_line": "{case_ref} — {organisation}: eerste terugkoppeling was uiterlijk {due}",
    "home.contacts": "Ik ben vaste contactpersoon voor",
    "home.contact_line": "{partner} ({team}): {role}",
    "home.role_primary": "contactpersoon",
    "home.role_backup": "vervanger",
    "home.team_overdue": "{team}: verwijzingen over de norm",
    "home.team_overdue_line": "{case_ref} — {organisation}, bij {name}: uiterlijk {due}",
    "home.escalations": "{team}: open opschalingen",
    "home.escalation_line": "{kind}: {case_ref} sinds {since}",
    "home.empty": "Niets.",
    "home.more": "… en meer; de oudste staan bovenaan.",
    "home.unknown": "Je bent (nog) niet bekend bij terugkoppel. Vraag je coördinator om je aan te melden.",
    "home.state.open": "gevraagd",
    "home.state.reminded": "herinnerd",
    "home.state.escalated": "opgeschaald",
    "home.state.snoozed": "uitgesteld",
    "home.escalation.prompt": "geen terugkoppeling",
    "home.escalation.intake": "niet opgepakt",
    "home.escalation.handover": "overdracht",
    "home.escalation.coverage": "geen contactpersoon",
    "home.escalation.delivery": "niet bezorgd",
    "cli.slack_linked": "Slack: {linked} personen gekoppeld via hun e-mailadres, {missing} niet gevonden in Slack.",
    "cli.slack_not_configured": "Slack is niet ingesteld: zet SLACK_BOT_TOKEN.",
    "cli.socket_mode_needs_token": "--socket-mode heeft SLACK_APP_TOKEN (xapp-…) en een bot-token nodig.",
    # errors a person may read
    "error.generic": "Er ging iets mis. Probeer het later opnieuw of vraag je coördinator.",
    "error.not_allowed": "U mag dit niet doen voor {case_ref}. Deze poging is vastgelegd.",
    "error.unknown_person": (
        "U bent niet bekend bij terugkoppel. Vraag uw coördinator om u aan te melden. "
        "Deze poging is vastgelegd."
    ),
    "error.unknown_case": "Er is geen verwijzing {case_ref} die u mag inzien.",
    "error.unknown_team": "Team '{team}' bestaat niet.",
    "error.unknown_referrer": "Verwijzer '{referrer}' is niet bekend.",
    "error.invalid_transition": "Dit kan niet: van '{current}' naar '{target}' ({machine}).",
    "error.already_answered": "Deze vraag over {case_ref} is al beantwoord door {by} op {at}.",
    "error.note_refused": (
        "De toelichting bevat mogelijk persoonsgegevens ({found}). Formuleer haar zonder "
        "namen, nummers, adressen of datums; de toelichting is niet opgeslagen."
    ),
    "error.directory": (
        "Het adresboek is niet ingelezen: {entry}, veld '{field}': {problem}. "
        "Er is niets gewijzigd."
    ),
    "error.setting": "Instelling {name} is ongeldig: {problem}",
    "error.settings": "De instellingen passen niet bij elkaar: {problem}",
    "error.delivery": "Bezorging mislukt: {reason}",
    "error.database": "De database is niet bereikbaar ({problem}). Controleer {name}.",
    "error.schema": "De database is niet bijgewerkt. Voer eerst 'terugkoppel db upgrade' uit.",
    # command line
    "cli.import_done": (
        "Adresboek ingelezen: {created} nieuw, {updated} gewijzigd, {unchanged} ongewijzigd, "
        "{left} vertrokken."
    ),
    "cli.tick_done": "Ronde klaar: {actions} acties, {sent} berichten verzonden.",
    "cli.db_upgraded": "Database bijgewerkt tot versie {revision}.",
    "cli.bad_time": "'{value}' is geen tijdstip in ISO 8601, bijvoorbeeld 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is geen week als 2026-W48.",
    "cli.check_ok": "In orde: {what}",
    "cli.check_problem": "Probleem: {what}: {problem}",
    "cli.serving": "terugkoppel luistert op http://{host}:{port}",
    # digest
    "digest.title": "Weekoverzicht {team} — week {week}",
    "digest.municipality": "gemeente",
    "digest.title_period": "Overzicht {team} — {period}",
    "digest.new_referrals": "Nieuwe verwijzingen: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": (
        "Eerste terugkoppeling binnen {norm} werkdagen: {share} ({within} van {due})"
    ),
    "digest.within_norm_none": "Eerste terugkoppeling binnen {norm} werkdagen: nog niet te meten",
    "digest.median": "Mediaan tot eerste terugkoppeling: {median} werkdagen",
    "digest.open_prompts": "Openstaande vragen aan medewerkers: {count}",
    "digest.escalations": "Opschalingen in deze periode: {count}",
    "digest.overdue_handovers": "Overdrachten over de termijn: {count}",
    "digest.overdue_handover": "  {case_ref} naar {to_team}: {days} werkdagen over de termijn",
    "digest.no_contact": "Partners zonder bereikbare contactpersoon: {count}",
    "digest.no_contact_partner": "  {partner}",
    # organisation kinds
    "kind.gp": "huisarts",
    "kind.school": "school",
    "kind.police": "politie",
    "kind.jgz": "JGZ",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "zorgaanbieder",
    "kind.municipality": "gemeente",
    "kind.other": "overig",
    # demo narration
    "demo.title": "terugkoppel demo — gemeente Oosterwaard, {start} tot en met {end}",
    "demo.progress": "Simulatie",
    "demo.day": "{weekday} {date}",
    "demo.holiday": "{weekday} {date} — {holiday}: geen berichten aan medewerkers",
    "demo.event": "{who} {what}",
    "demo.clicks": "klikt '{label}' bij {case_ref}",
    "demo.submits": "verwijst {external_ref} naar {team} ({consent})",
    "demo.requests_handover": "vraagt {to_team} om {case_ref} over te nemen",
    "demo.marks_absent": "meldt zich afwezig tot en met {until}",
    "demo.summary": "Klaar: {referrals} verwijzingen, {messages} berichten, {escalations} opschalingen.",
    "weekday.0": "maandag",
    "weekday.1": "dinsdag",
    "weekday.2": "woensdag",
    "weekday.3": "donderdag",
    "weekday.4": "vrijdag",
    "weekday.5": "zaterdag",
    "weekday.6": "zondag",
    "consent.none": "geen toestemming",
    "consent.status": "toestemming voor status",
    "consent.notes": "toestemming voor status en toelichting",
    # issue 6: Teams
    "teams.not_configured": "Teams is niet ingesteld: zet TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD en TERUGKOPPEL_TEAMS_TENANT_ID en start opnieuw.",
    "teams.fallback_email": "{name} is niet bereikbaar in Teams (de app kan niet voor diegene worden geïnstalleerd: {reason}). Berichten gaan nu per e-mail. Vraag IT de app toe te staan of voor {name} te installeren.",
    "teams.welcome": "Hallo {name}, terugkoppel stuurt je hier vragen over je verwijzingen. Typ 'help' voor wat je kunt vragen.",
    "teams.help": "Je kunt typen:\n- wie <organisatie>: de vaste contactpersoon en vervanger\n- afwezig <van> <tot>: bijvoorbeeld afwezig 3-11 7-11, of afwezig morgen\n- mijn open vragen: wat nog op jouw antwoord wacht\n- verwijzer <kenmerk> toestemming | informatie | klaar: wachten op de verwijzer",
    "teams.wie_usage": "Gebruik: wie <organisatie>, bijvoorbeeld wie Huisartsenpraktijk Noord.",
    "teams.afwezig_usage": "Gebruik: afwezig <van> <tot>, bijvoorbeeld afwezig 3-11 7-11, of afwezig morgen.",
    "teams.open_none": "Er wacht niets op jouw antwoord.",
    "teams.intake_channel": "Intake van {team} komt in dit kanaal binnen.",
    # issue 6: Teams presence in "wie" answers (Graph, TERUGKOPPEL_GRAPH_PRESENCE)
    "presence.line": "Nu in Teams: {states}.",
    "presence.available": "{name} is beschikbaar",
    "presence.busy": "{name} is bezet",
    "presence.away": "{name} is even weg",
    "presence.offline": "{name} is offline",
    "cli.teams_not_configured": "Teams is niet ingesteld: zet TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD en TERUGKOPPEL_TEAMS_TENANT_ID.",
    "cli.teams_package_invalid": "Het Teams-pakket kan niet worden gemaakt: {problem}.",
    "cli.teams_packaged": "Teams-app-pakket geschreven: {path}. Upload het in het Teams-beheercentrum (Teams-apps → Apps beheren → Uploaden).",
    "cli.teams_linked": "Teams: {linked} personen gekoppeld via hun e-mailadres, {away} afwezig volgens hun automatische antwoorden, {failed} niet gelukt.",
    # issue 8: digests
    "digest.message": "{body}",
    "digest.title_municipal": "Weekoverzicht gemeente (alle teams) — week {week}",
    "digest.title_municipal_period": "Overzicht gemeente (alle teams) — {period}",
    "digest.suppressed_note": (
        "Alleen totalen, zonder casusnummers. Aantallen onder de 5 staan er als <5 "
        "(en waar een totaal er één zou verraden, een tweede als ≥5), zodat geen gezin "
        "herkenbaar is."
    ),
    "digest.within_norm_hidden": (
        "Eerste terugkoppeling binnen {norm} werkdagen: {within} van {due} "
        "(percentage niet getoond: kleine aantallen)"
    ),
    "digest.spread": (
        "Werkdagen tot eerste terugkoppeling: mediaan {median}, 90e percentiel {p90} "
        "(over {count} verwijzingen)"
    ),
    "digest.spread_none": "Werkdagen tot eerste terugkoppeling: nog niet te meten",
    "digest.open_escalations": "Openstaande opschalingen: {count}",
    "digest.overdue_age": "  {age} werkdagen over de termijn: {count}",
    "digest.overdue_more": "  … en nog {count}",
    "digest.satisfaction": "Tevredenheid verwijzers (1-10): gemiddeld {average} ({count} antwoorden)",
    "digest.satisfaction_none": "Tevredenheid verwijzers (1-10): geen antwoorden in deze periode",
    "digest.trend": "Trend laatste {weeks} weken (nieuw · binnen norm · tevredenheid):",
    "digest.trend_week": "  {week}: {new} · {share} · {score}",
    "digest.hidden": "–",
    "digest.chart_title": "{scope}: laatste {weeks} weken",
    "digest.chart_new": "Nieuwe verwijzingen",
    "digest.chart_within": "Binnen norm ({norm} werkdagen), %",
    "digest.chart_alt": (
        "Grafiek: nieuwe verwijzingen per week (staven) en het percentage met een eerste "
        "terugkoppeling binnen de norm (lijn), weken {first} tot en met {last}."
    ),
    "digest.chart_hidden": "<5: niet getoond (kleine aantallen)",
    "digest.chart_file": "Grafiek: {path}",
    "cli.digest_municipality_team": (
        "--municipality is het overzicht over alle teams; laat --team dan weg."
    ),
    "cli.cannot_write": "Kan {path} niet schrijven: {problem}.",
    # issue 9: deployment
    "api.rate_limited": "Te veel verzoeken met deze API-sleutel. Probeer het over {seconds} seconden opnieuw.",
    "api.database_unavailable": "De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw.",
    "api.internal_error": "Er ging iets mis aan onze kant. Noem het request-id als u contact opneemt.",
    "check.ok": "OK           {name}: {detail}",
    "check.problem": "PROBLEEM     {name}: {problem}",
    "check.skipped": "OVERGESLAGEN {name}: niet ingesteld ({variables})",
    "check.setting": "PROBLEEM     instelling {variable}: {problem}",
    "check.settings": "PROBLEEM     instellingen: {problem}",
    "check.summary_ok": "Alles in orde.",
    "check.summary_problems": "{count} probleem/problemen gevonden; zie de regels hierboven.",
    "check.name.settings": "instellingen",
    "check.name.database": "database",
    "check.name.schema": "databaseschema",
    "check.name.slack": "Slack",
    "check.name.teams": "Teams-token",
    "check.name.graph": "Microsoft Graph",
    "check.name.smtp": "e-mail (SMTP)",
    "check.detail.settings": "alle waarden geldig",
    "check.detail.database": "verbonden met {url}",
    "check.detail.schema": "bijgewerkt tot versie {revision}",
    "check.detail.slack": "verbonden met werkruimte {team} als {user}",
    "check.detail.teams": "token voor de Bot Connector gekregen van {host}",
    "check.detail.graph": "gebruikers opvragen mag ({host})",
    "check.detail.smtp": "{host}:{port} praat versleuteld ({tls}), certificaat vertrouwd{login}",
    "check.detail.smtp_login": ", inloggen gelukt",
    "check.database_unreachable": "niet bereikbaar ({error}); controleer TERUGKOPPEL_DATABASE_URL",
    "check.schema_old": "versie {current}, nodig is {head}; voer 'terugkoppel db upgrade' uit",
    "check.unreachable": "{host} is niet bereikbaar ({error}); controleer {variable}",
    "check.slack_refused": "Slack weigert het bot-token ({error}); zet een geldig SLACK_BOT_TOKEN",
    "check.slack_token_file": "het tokenbestand is niet te lezen ({error}); controleer TERUGKOPPEL_SLACK_BOT_TOKEN_FILE",
    "check.teams_refused": (
        "Microsoft weigert de app-gegevens ({error}); controleer TERUGKOPPEL_TEAMS_APP_ID, "
        "TERUGKOPPEL_TEAMS_APP_PASSWORD en TERUGKOPPEL_TEAMS_TENANT_ID"
    ),
    "check.graph_refused": (
        "Graph weigert ({status} {error}); geef de app de toepassingsmachtiging User.Read.All "
        "en laat een beheerder toestemming geven"
    ),
    "check.answer_unreadable": "{host} gaf een onverwacht antwoord ({error})",
    "check.smtp_no_tls": (
        "{host} biedt geen STARTTLS aan; terugkoppel verstuurt nooit onversleuteld. "
        "Gebruik de beveiligde relay van uw organisatie (smtp:// met STARTTLS of smtps://)"
    ),
    "check.smtp_certificate": (
        "het certificaat van {host} wordt niet vertrouwd ({error}); "
        "zet het CA-certificaat in TERUGKOPPEL_SMTP_CA_FILE, SSL_CERT_FILE of de trust store van het systeem"
    ),
    "check.smtp_login": "{host} weigert de inlog ({error}); controleer gebruiker en wachtwoord in TERUGKOPPEL_SMTP_URL",
    "check.smtp_url": "TERUGKOPPEL_SMTP_URL moet smtp://[gebruiker:wachtwoord@]host:poort of smtps://… zijn",
    # issue 7: e-mail (part B)
    "email.subject_referral": "Terugkoppeling {case_ref} (uw kenmerk: {external_ref})",
    "email.subject_case": "terugkoppel: {case_ref}",
    "email.subject_plain": "terugkoppel: {first}",
    "email.contact": "Uw contactpersoon: {contact}, {role}.",
    "email.contact_role": "contactpersoon bij {team}",
    "email.contact_reach": "Bereikbaar via {email}.",
    "email.note_elsewhere": (
        "Bij deze terugkoppeling hoort een toelichting. Die sturen wij niet per e-mail; "
        "uw contactpersoon vertelt u er graag meer over."
    ),
    "email.answer_links": "Klik op uw antwoord (de link werkt één keer):",
    "email.answer_in_chat": "Beantwoorden kan in Slack of Teams; deze e-mail heeft geen knoppen.",
    "email.footer": (
        "Dit bericht is automatisch verstuurd door terugkoppel. Beantwoorden is niet mogelijk; "
        "neem voor vragen contact op met uw contactpersoon."
    ),
    # issue 7: the referrer's own loop (DESIGN.md flow 9)
    "action.settled": "Geregeld",
    "action.checkin_better": "Beter",
    "action.checkin_same": "Hetzelfde",
    "action.checkin_worse": "Slechter",
    "action.checkin_unknown": "Weet ik niet",
    "checkin.better": "beter",
    "checkin.same": "hetzelfde",
    "checkin.worse": "slechter",
    "checkin.unknown": "weet ik niet",
    "loop.kind.consent": "toestemming",
    "loop.kind.information": "ontbrekende informatie",
    "referrer.request_consent": (
        "Voor uw verwijzing {case_ref} (uw kenmerk: {external_ref}) heeft {team} toestemming "
        "van de jeugdige en/of ouders nodig. Wilt u die regelen? Vragen: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_information": (
        "Voor uw verwijzing {case_ref} (uw kenmerk: {external_ref}) mist {team} nog informatie. "
        "Wilt u contact opnemen met {contact}, {team}? Klik op Geregeld als het rond is."
    ),
    "referrer.request_consent_reminder": (
        "Herinnering: {team} wacht sinds {date} op toestemming voor {case_ref} "
        "(uw kenmerk: {external_ref}). Vragen: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_information_reminder": (
        "Herinnering: {team} wacht sinds {date} op ontbrekende informatie over {case_ref} "
        "(uw kenmerk: {external_ref}). Contact: {contact}, {team}. "
        "Klik op Geregeld als het rond is."
    ),
    "referrer.request_thanks": "Dank u. Genoteerd: {what} voor {case_ref} is geregeld.",
    "referrer.checkin": (
        "Een tijd geleden is de hulp bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}) "
        "gestart. Merkt u verschil? Uw antwoord gaat naar {contact}, {team}."
    ),
    "links.request.question": "{team} wachtte op u bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}). Is het geregeld?",
    "links.request.choice": "geregeld",
    "links.checkin.question": "Merkt u verschil sinds de hulp bij uw verwijzing {case_ref} (uw kenmerk: {external_ref}) is gestart?",
    "links.answered_before": "Dit was al beantwoord voor {case_ref} (door {by}, {at}).",
    "referrer.checkin_thanks": "Dank u. Uw antwoord voor {case_ref} is doorgegeven: {answer}.",
    "loop.asked": (
        "{case_ref} wacht nu op {what} van {referrer}. De verwijzer krijgt het verzoek direct "
        "en zo nodig herinneringen; jij hoort het antwoord."
    ),
    "loop.asked_again": "{case_ref} wachtte al op {what} van {referrer}; er is niets opnieuw verstuurd.",
    "loop.closed": "{case_ref} wacht niet meer op de verwijzer ({count} verzoek(en) gesloten).",
    "loop.request_settled": (
        "{referrer} ({organisation}) meldt bij {case_ref}: {what} is geregeld."
    ),
    "loop.request_unanswered": (
        "{organisation} heeft op het verzoek om {what} voor {case_ref} (sinds {date}) na "
        "{reminders} herinnering(en) niet gereageerd. Neem je zelf contact op?"
    ),
    "loop.checkin_answer": (
        "{referrer} ({organisation}) over {case_ref}, op de vraag 'Merkt u verschil?': {answer}."
    ),
    "loop.usage": (
        "Gebruik: verwijzer <kenmerk> toestemming | informatie | klaar, "
        "bijvoorbeeld: verwijzer JT-NRD-2026-0042 toestemming"
    ),
    "overleg.reminder": (
        "Herinnering: vast overleg {team} en {partner} op {date} om {time}. "
        "Open verwijzingen:\n{cases}"
    ),
    "overleg.reminder_none": (
        "Herinnering: vast overleg {team} en {partner} op {date} om {time}. "
        "Er staan geen open verwijzingen."
    ),
    "overleg.cancelled": (
        "Het vaste overleg {team} en {partner} op {date} om {time} vervalt (feestdag). "
        "Het volgende is op {next}."
    ),
    "overleg.case_line": "• {case_ref} (kenmerk verwijzer: {external_ref})",
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
    "error.referral_ended": "{case_ref} is afgesloten; er valt niets meer te vragen.",
    "error.no_open_request": "{case_ref} wacht niet op de verwijzer.",
    "error.unknown_consultation": "Er is geen vast overleg van {team} met {partner}.",
    "error.consultation_invalid": "Dit vaste overleg kan zo niet.",
    "error.consultation_weekend": "Een vast overleg valt op een werkdag; {date} is een weekenddag.",
    "error.consultation_every": "--every {every}: kies een aantal weken van 1 tot en met {most}.",
    "error.consultation_partner": "Er is geen partnerorganisatie {partner} in het adresboek.",
    "error.consultation_first": "--first {value}: geef het eerste overleg als 2026-12-08T13:00.",
    # the page behind an e-mail link (bot/http_links.py)
    "links.title": "terugkoppel",
    "links.your_answer": "Uw antwoord: {answer}",
    "links.confirm": "Bevestigen",
    "links.thanks": "Dank u wel, uw antwoord is vastgelegd. U kunt dit venster sluiten.",
    "links.invalid": "Deze link is niet geldig. Gebruik de link uit het bericht zoals die is verstuurd.",
    "links.expired": "Deze link is verlopen. Neem contact op met de contactpersoon uit het bericht.",
    "links.used": "Deze link is al gebruikt; uw antwoord was al vastgelegd.",
    # issue 7: referrer satisfaction (part B)
    "satisfaction.question": (
        "{case_ref} (uw kenmerk: {external_ref}) is afgesloten. Hoe tevreden bent u over de "
        "samenwerking met {team}? (1–10)"
    ),
    "satisfaction.question_page": "Hoe tevreden bent u over de samenwerking met {team}? (1–10)",
    "satisfaction.choice": "{choice} van 10",
    "satisfaction.thanks": "Dank u wel! Uw cijfer voor de samenwerking bij {case_ref}: {score}.",
    "satisfaction.already": "Deze vraag is al beantwoord; uw eerste antwoord telt.",
    "satisfaction.1": "1",
    "satisfaction.2": "2",
    "satisfaction.3": "3",
    "satisfaction.4": "4",
    "satisfaction.5": "5",
    "satisfaction.6": "6",
    "satisfaction.7": "7",
    "satisfaction.8": "8",
    "satisfaction.9": "9",
    "satisfaction.10": "10",
    # issue 7: consent, API keys, audit, retention
    "error.consent_parents": (
        "Voor {case_ref} geven de ouders toestemming: de jeugdige is jonger dan 12 jaar. "
        "Vraag de toestemming van de ouders (of van ouders en jeugdige samen). Er is niets gewijzigd."
    ),
    "error.consent_both": (
        "Voor {case_ref} geven de jeugdige én de ouders toestemming: de jeugdige is 12 tot en "
        "met 15 jaar (of wordt dat deze maand). Vraag beiden. Er is niets gewijzigd."
    ),
    "error.consent_youth": (
        "Voor {case_ref} geeft de jeugdige zelf toestemming: hij of zij is 16 jaar of ouder. "
        "Vraag de jeugdige. Er is niets gewijzigd."
    ),
    "error.consent_needs_party": (
        "Geef aan wie de toestemming voor {case_ref} gaf: ouders, jeugdige of beiden "
        "(--given-by parents|youth|both). Er is niets gewijzigd."
    ),
    "apikey.bad_name": "'{name}' is geen geldige naam voor een sleutel: gebruik letters, cijfers, punt, streep of liggend streepje (hoogstens 64).",
    "apikey.exists": "Er is al een sleutel met de naam '{name}'. Kies een andere naam of trek die eerst in.",
    "apikey.unknown": "Er is geen sleutel met de naam '{name}'.",
    "apikey.unknown_organisation": "Organisatie '{organisation}' staat niet in het adresboek.",
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
        "{withheld} wachtende berichten worden niet meer verstuurd."
    ),
    "cli.audit_written": "{count} auditregels geschreven naar {path}.",
    "cli.retention_would_purge": (
        "Zou verwijderen: {cases} afgesloten casussen (ouder dan {days} dagen) en {audit} "
        "auditregels (ouder dan vijf jaar). Voer uit met --now."
    ),
    "cli.retention_purged": (
        "Verwijderd: {cases} afgesloten casussen (ouder dan {days} dagen) en {audit} "
        "auditregels (ouder dan vijf jaar)."
    ),
}
