"""Nederlandse teksten van de opdrachtregel zelf: de hulp bij elke opdracht en optie, en de
eigen woorden van de parser (gebruik, fouten). Sleutels gelijk aan bot/messages/en/cli.py.
De beheerder hoort bij de organisatie: we zeggen `je` (docs/language.md)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # de hulp bij elke opdracht (help.<pad>) en bij elke optie en elk argument
    "help.root": "terugkoppel: zo hoort de verwijzer wat er met een verwijzing gebeurt.",
    "help.root.version": "Toon de versie en stop.",
    "help.root.lang": "Taal van de opdrachtregel: nl (standaard) of en.",
    "help.root.install_completion": "Zet aanvullen met Tab aan in deze shell.",
    "help.root.show_completion": "Toon het script voor aanvullen met Tab, om te kopiëren.",
    "help.webhook": "Webhooks: berichten over de stand, per organisatie.",
    "help.webhook_add": "Voeg een adres toe. Het geheim (whsec_…) staat één keer op de laatste regel.",
    "help.webhook_add.organisation": "Voor de verwijzingen van deze organisatie.",
    "help.webhook_add.url": "Een https://-adres (http alleen naar 127.0.0.1).",
    "help.webhook_list": "Toon van elke webhook het nummer, de organisatie, het adres en de datum. Nooit het geheim.",
    "help.webhook_log": "Toon de laatste pogingen eerst: wanneer, webhook, id, soort en antwoord.",
    "help.webhook_log.webhook": "Alleen de pogingen van deze webhook.",
    "help.webhook_log.limit": "Hoeveel regels je ziet.",
    "help.webhook_remove": "Stop met sturen naar deze webhook. Het logboek blijft.",
    "help.webhook_remove.webhook_id": "Nummer van de webhook (zie webhook list).",
    "help.apikey": "Sleutels voor de REST-API.",
    "help.apikey_create": (
        "Maak een sleutel met een naam. Je ziet hem één keer. We bewaren alleen een hash."
    ),
    "help.apikey_create.name": "Naam van de sleutel.",
    "help.apikey_create.organisation": "Alleen voor de verwijzers van deze organisatie.",
    "help.apikey_list": "Toon van elke sleutel de naam, de organisatie en de datums. Nooit de sleutel zelf.",
    "help.apikey_revoke": "Trek een sleutel meteen in. Hij blijft in de lijst staan.",
    "help.apikey_revoke.name": "Naam van de sleutel.",
    "help.audit": "Het auditlog (alleen toevoegen).",
    "help.audit_export": "Zet het auditlog in een CSV-bestand. De tijden zijn in de tijdzone van de app.",
    "help.audit_export.case": "Kenmerk van de casus.",
    "help.audit_export.from_": "Eerste dag (JJJJ-MM-DD, lokaal).",
    "help.audit_export.to": "Laatste dag (JJJJ-MM-DD, lokaal).",
    "help.audit_export.output": "CSV-bestand; anders het scherm.",
    "help.audit_verify": (
        "Controleer de hashketen van het auditlog. Is een regel kapot? "
        "Dan noemt hij de eerste (exit 1). Anders exit 0."
    ),
    "help.check": (
        "Controleer instellingen, database, schema, Slack, Teams, Graph en SMTP. "
        "Eén regel per stap. Exit 1 als er iets mis is, 2 bij een foute instelling."
    ),
    "help.consent": "Toestemming per casus.",
    "help.consent_set": (
        "Geef, wijzig of trek de toestemming van een casus in (niveau geen). "
        "Dit komt in het auditlog."
    ),
    "help.consent_set.case_ref": "Ons kenmerk van de casus.",
    "help.consent_set.level": "Wat we mogen delen: geen, status of toelichting.",
    "help.consent_set.given_by": "Wie de toestemming gaf (of introk): ouders, jeugdige of beiden.",
    "help.consent_set.birth_month": "JJJJ-MM, voor de regel van de Jeugdwet.",
    "help.db": "Het schema van de database.",
    "help.db_upgrade": (
        "Werk de database bij. Dit mag vaker. Andere kopieën van de app wachten op elkaar."
    ),
    "help.demo": (
        "Speel twee weken van een gemeente na. Alles blijft op deze computer, in een tijdelijke database."
    ),
    "help.demo.days": "Aantal dagen om na te spelen.",
    "help.digest": "Toon het overzicht voor coördinatoren, per team en week.",
    "help.digest.team": "Id van het team; zonder deze optie alle teams.",
    "help.digest.week": "ISO-week, zoals 2026-W48; standaard vorige week.",
    "help.digest.format": "Tekst, HTML of CSV.",
    "help.digest.png": "Schrijf hier ook de grafiek van twaalf weken.",
    "help.digest.municipality": (
        "Het overzicht voor de gemeente: alleen totalen. Aantallen onder 5 worden <5."
    ),
    "help.import": ("Lees het adresboek in. Dit mag vaker."),
    "help.import.file": "Adresboek: YAML, CSV of een map met CSV-bestanden.",
    "help.overleg": "Het vaste overleg per team en partner.",
    "help.overleg_list": "Elk vast overleg met de volgende keer.",
    "help.overleg_remove": "Haal het vaste overleg van een team met een partner weg.",
    "help.overleg_remove.team": "Id van het team.",
    "help.overleg_remove.partner": "Id van de partnerorganisatie.",
    "help.overleg_set": (
        "Leg het vaste overleg van een team met een partner vast, of vervang het."
    ),
    "help.overleg_set.team": "Id van het team.",
    "help.overleg_set.partner": "Id van de partnerorganisatie.",
    "help.overleg_set.first": "Eerste keer, lokale tijd: 2026-12-08T13:00 (ISO 8601).",
    "help.overleg_set.every": "Om de hoeveel weken.",
    "help.person": "Wat we over een persoon bewaren.",
    "help.person_export": (
        "Toon als JSON alles wat we van een persoon bewaren. Ook taken, gesprekken, berichten en audit."
    ),
    "help.person_export.person_id": "Id van de persoon in het adresboek.",
    "help.privacy": "De privacycheck.",
    "help.privacy_check": (
        "Wat de privacycheck in een tekst vindt. Exit 0: niets gevonden. "
        "Exit 1: iets gevonden. Exit 2: fout gebruik."
    ),
    "help.privacy_check.note": "De tekst; anders de invoer.",
    "help.privacy_check.lines": "Controleer elke regel apart.",
    "help.privacy_check.as_json": 'Eén JSON-object per tekst: {{"findings": [...]}}.',
    "help.privacy_check.directory": (
        "Ook de namen uit het adresboek en TERUGKOPPEL_PRIVACY_NAMES_FILE, net als bij een "
        "toelichting (leest de database)."
    ),
    # overdracht, afwijzen en regie (issue 20, branch h20a)
    "help.handover": "Een verwijzing overdragen aan een ander team.",
    "help.handover_start": "Vraag een ander team of een partner om de verwijzing over te nemen.",
    "help.handover_start.case_ref": "Ons kenmerk, zoals JT-NRD-2026-0042.",
    "help.handover_start.to": "Het team of de partner (id).",
    "help.handover_start.by": "Wie het vraagt (id van de persoon).",
    "help.handover_start.warm": "Een warme overdracht, samen met het gezin.",
    "help.handover_start.meeting": "Bij warm: het voorstel voor het gesprek, zoals 2026-12-10T10:00.",
    "help.handover_accept": "Neem de open overdracht aan. Jij wordt contactpersoon en regisseur.",
    "help.handover_accept.case_ref": "Ons kenmerk.",
    "help.handover_accept.by": "Wie het aanneemt (id van de persoon).",
    "help.handover_decline": "Wijs de open overdracht af, met een reden uit de lijst.",
    "help.handover_decline.case_ref": "Ons kenmerk.",
    "help.handover_decline.by": "Wie het afwijst (id van de persoon).",
    "help.handover_decline.reason": "Reden: not_our_service, outside_area, already_in_care, no_capacity, needs_consent, other.",
    "help.referral": "Een verwijzing afwijzen; de regisseur kiezen.",
    "help.referral_decline": "Neem de verwijzing niet aan. De verwijzer hoort wat hij nu kan doen.",
    "help.referral_decline.case_ref": "Ons kenmerk.",
    "help.referral_decline.by": "Wie het afwijst (id van de persoon).",
    "help.referral_decline.reason": "Reden: not_our_service, outside_area, already_in_care, needs_consent, other.",
    "help.referral_decline.suggest": "De betere plek: id van een team of organisatie.",
    "help.referral_lead": "Kies of wissel de regisseur. De oude en de nieuwe regisseur horen het. De verwijzer ook, met toestemming.",
    "help.referral_lead.case_ref": "Ons kenmerk.",
    "help.referral_lead.person": "De nieuwe regisseur (id van de persoon).",
    "help.referral_lead.by": "Wie het wijzigt (id van de persoon); anders de beheerder.",
    "help.referrer": "Vragen aan verwijzers.",
    "help.referrer_ask": (
        "Zet een verwijzing op wachten op de verwijzer. De verwijzer krijgt meteen de vraag."
    ),
    "help.referrer_ask.case_ref": "Ons kenmerk, zoals JT-NRD-2026-0042.",
    "help.referrer_ask.kind": "Wat nodig is: toestemming of informatie.",
    "help.referrer_ask.by": "Wie het vraagt (id van de persoon).",
    "help.referrer_done": (
        "De verwijzing wacht niet meer op de verwijzer. Er komen geen herinneringen meer."
    ),
    "help.referrer_done.case_ref": "Ons kenmerk.",
    "help.referrer_done.by": "Wie het meldt (id van de persoon).",
    "help.referrer_done.kind": "Alleen deze vraag; standaard alle.",
    "help.retention": "Bewaartermijn van gesloten casussen en het auditlog.",
    "help.retention_purge": (
        "Wis gesloten casussen na TERUGKOPPEL_RETENTION_DAYS dagen, en het auditlog na vijf jaar."
    ),
    "help.retention_purge.now": "Wis nu. Zonder deze optie telt hij alleen.",
    "help.serve": "Start de webapp, en de planner als je --no-scheduler weglaat.",
    "help.serve.host": "Adres om op te luisteren.",
    "help.serve.port": "Poort om op te luisteren.",
    "help.serve.no_scheduler": "Alleen de webapp.",
    "help.serve.socket_mode": "Neem Slack ook via Socket Mode aan (SLACK_APP_TOKEN).",
    "help.slack": "Slack.",
    "help.slack_link": (
        "Zoek mensen zonder Slack-id op via hun e-mailadres (users.lookupByEmail)."
    ),
    "help.teams": "Microsoft Teams.",
    "help.teams_link": (
        "Zoek mensen op in Graph via hun e-mail. Lees ook wie afwezig is. Dit gebeurt ook elke dag."
    ),
    "help.teams_package": "Maak het pakket (zip) van de Teams-app met de ingestelde app-id.",
    "help.teams_package.output": "Waar de zip komt.",
    "help.teams_package.version": "Versie van de app, zoals 1.0.1.",
    "help.teams_package.source": "Map met manifest.json en iconen.",
    "help.tick": (
        "Doe één keer al het werk dat klaarstaat en stop. Denk aan vragen, "
        "herinneringen, overdrachten en berichten."
    ),
    "help.tick.now": "Moment in ISO 8601, zoals 2026-11-23T09:00+01:00",
    "help.worker": (
        "Draai alleen de planner en de verzending. Bij SIGTERM maakt hij af of geeft hij "
        "vrij, en stopt."
    ),
    "help.help": "Toon deze hulp en stop.",
    # de eigen woorden van de parser op hulppagina's
    "usage.prefix": "Gebruik: ",
    "usage.options_metavar": "[OPTIES]",
    "usage.commands_metavar": "OPDRACHT [ARGUMENTEN]...",
    "usage.arguments": "Argumenten",
    "usage.options": "Opties",
    "usage.commands": "Opdrachten",
    "usage.default": "[standaard: {value}]",
    "usage.envvar": "[omgevingsvariabele: {value}]",
    "usage.required": "[verplicht]",
    "usage.deprecated": "(verouderd) ",
    # fouten op de opdrachtregel: één regel, exit 2
    "usage.no_such_option": "Onbekende optie: {option}. Zie {help}.",
    "usage.no_such_command": "Onbekende opdracht: {name}. Kies uit: {choices}.",
    "usage.missing_command": "Er ontbreekt een opdracht. Kies uit: {choices}.",
    "usage.missing_argument": "{name} ontbreekt. Zie {help}.",
    "usage.missing_option": "De optie {name} ontbreekt. Zie {help}.",
    "usage.option_needs_value": "De optie {option} heeft een waarde nodig.",
    "usage.option_takes_no_value": "De optie {option} heeft geen waarde.",
    "usage.extra_arguments": "Te veel argumenten: {args}. Zie {help}.",
    "usage.bad_value": "{name} kan niet {value} zijn. Zie {help}.",
    "usage.bad_number": "{name} moet een heel getal zijn, niet {value}.",
    "usage.too_small": "{name} moet minstens {limit} zijn, niet {value}.",
    "usage.too_large": "{name} mag hoogstens {limit} zijn, niet {value}.",
    "usage.bad_choice": "{name} kan niet {value} zijn. Kies uit: {choices}.",
    "usage.no_path": "{path} bestaat niet.",
    "usage.path_is_folder": "{path} is een map, geen bestand.",
    "usage.path_is_file": "{path} is een bestand, geen map.",
    "usage.path_unreadable": "{path} is niet te lezen.",
    "usage.path_unwritable": "In {path} kan niets worden geschreven.",
    "usage.bad_language": "Onbekende taal: {value}. Kies nl of en.",
    "usage.wrong": "De opdracht klopt niet. Zie {help}.",
    "usage.unexpected": (
        "Er ging iets mis dat we niet hadden verwacht ({problem}). "
        "Zet TERUGKOPPEL_LOG_LEVEL=DEBUG voor de details."
    ),
    "usage.aborted": "Gestopt.",
    # woorden die je als waarde mag typen (naast de Engelse)
    "value.level.none": "geen",
    "value.level.status": "status",
    "value.level.notes": "toelichting",
    "value.given.parents": "ouders",
    "value.given.youth": "jeugdige",
    "value.given.both": "beiden",
    "value.kind.consent": "toestemming",
    "value.kind.information": "informatie",
    "value.format.text": "tekst",
    "value.format.html": "html",
    "value.format.csv": "csv",
    # waarom een bestand niet lukt (na "Kan … niet schrijven:")
    "file.no_folder": "de map bestaat niet",
    "file.not_allowed": "geen toegang",
    "file.is_folder": "dit is een map",
    "file.disk_full": "de schijf is vol",
    "file.read_only": "alleen lezen is toegestaan",
    "file.other": "systeemfout {number}",
    # waarom een adresboek niet is ingelezen (na "Het adresboek is niet ingelezen: …")
    "directory.no_files": "er staat geen .yaml- of .csv-bestand in",
    "directory.section_twice": "het deel '{section}' staat ook in een ander bestand",
    "directory.csv_name": "de naam hoort bij geen enkel deel; noem het {names}",
    "directory.not_a_file": "dit is geen .yaml-, .yml- of .csv-bestand",
    "directory.not_utf8": "dit is geen UTF-8-tekst (sla het op als CSV UTF-8)",
    "directory.unreadable": "het bestand is niet te lezen (systeemfout {number})",
    "directory.not_sections": "moet een lijst van onderdelen zijn (people:, teams:, …)",
    "directory.unknown_section": "is geen bekend onderdeel. Kies uit: {known}",
    "directory.section_empty": "is leeg. Schrijf [] als je het echt leeg wilt maken",
    "directory.not_a_list": "moet een lijst van regels zijn",
    "directory.not_fields": "moet velden hebben (naam: waarde)",
    "directory.required": "ontbreekt",
    "directory.unknown_field": "is geen bekend veld",
    "directory.bad_value": "kan niet: {value}",
    "directory.choose": "moet {expected} zijn, niet {value}",
    "directory.date": "moet een datum zijn zoals 2026-11-23, niet {value}",
    "directory.used_twice": "'{value}' staat ook bij {other}",
    "directory.team_needed": "is nodig voor een medewerker of coördinator",
    "directory.organisation_needed": "is nodig voor een verwijzer",
    "directory.address_needed": "is nodig als er geen Slack- of Teams-id is",
    "directory.backup_same": "moet iemand anders zijn dan primary",
    "directory.before_from": "ligt voor 'from'",
    "directory.overlaps": "valt samen met {other} van hetzelfde team",
    "directory.not_in_team": "'{person}' zit niet in team '{team}' maar in '{actual}'",
    "directory.no_such_team": "er is geen team '{value}' in het bestand of de database",
    "directory.no_such_organisation": "er is geen organisatie '{value}' in het bestand of de database",
    "directory.no_such_place": "er is geen team of organisatie '{value}' in het bestand of de database",
    "directory.no_such_person": "er is geen persoon '{value}' in het bestand of de database",
    "directory.person_missing": "'{person}' staat niet bij people. Dan telt hij of zij als vertrokken",
    "directory.person_left": "'{person}' is vertrokken",
    "directory.bad_id": "'{value}' kan geen id zijn. Gebruik kleine letters, cijfers, '.', '_' of '-'. Begin met een letter of cijfer. Hooguit 64 tekens",
    "directory.empty_text": "mag niet leeg zijn",
    "directory.too_long": "is langer dan {limit} tekens",
    "directory.bad_email": "'{value}' lijkt geen e-mailadres",
    "directory.not_slack_user": "'{value}' is geen Slack-id van een persoon (U…)",
    "directory.not_slack_channel": "'{value}' is geen Slack-id van een kanaal (C…)",
    "directory.bad_prefix": "'{value}' kan geen voorvoegsel zijn. Gebruik hooguit {limit} letters, cijfers, '.', '_' of '-'",
    "directory.roles_needed": "mist een rol: professional, coordinator of referrer",
    "directory.one_chat": "moet precies één van slack of teams hebben",
    "directory.bad_yaml": "dit is geen geldige YAML (regel {line})",
    "directory.empty": "het bestand is leeg",
    "directory.bad_column": "dit is geen kolom van {section}; gebruik {columns}",
    "directory.column_twice": "een kolom staat er twee keer in",
    "directory.too_many_cells": "regel {line} heeft meer cellen dan de kop",
    "directory.bad_csv": "dit is geen geldige CSV (regel {line})",
    # namen van argumenten op de opdrachtregel
    "name.file": "BESTAND",
    "name.webhook_id": "NUMMER",
    "name.case_ref": "KENMERK",
    "name.level": "NIVEAU",
    "name.name": "NAAM",
    "name.team": "TEAM",
    "name.partner": "PARTNER",
    "name.person_id": "PERSOON",
    "name.kind": "SOORT",
    "name.note": "TEKST",
    # waarom een instelling niet klopt (na "Instelling X is ongeldig:")
    "setting.not_a_number": "dit is geen heel getal",
    "setting.too_small": "het moet minstens {limit} zijn",
    "setting.too_large": "het mag hoogstens {limit} zijn",
    "setting.choice": "kies uit {choices}",
    "setting.not_yes_no": "gebruik true of false",
    "setting.not_a_time": "dit is geen tijd zoals 08:30",
    "setting.not_a_url": "dit is geen geldige URL",
    "setting.missing": "deze instelling ontbreekt",
    "setting.other": "deze waarde klopt niet",
    "setting.timezone": "de tijdzone '{value}' bestaat niet (zoals Europe/Amsterdam)",
    "setting.weekday": "gebruik een dag (maandag … zondag, monday … sunday) of 1-7",
    "setting.recipient": "'{entry}': gebruik een id uit het adresboek of slack:, teams: of email: met een adres",
    "setting.no_file": "het bestand {path} bestaat niet",
    "setting.database_url": "alleen sqlite:/// en postgresql+psycopg:// kunnen",
    "setting.office_hours": "TERUGKOPPEL_OFFICE_START moet voor TERUGKOPPEL_OFFICE_END liggen",
    "setting.slack_token": "Slack heeft ook een bot-token nodig: zet SLACK_BOT_TOKEN of TERUGKOPPEL_SLACK_BOT_TOKEN_FILE",
    "setting.oidc_needs": "Inloggen heeft ook {name} nodig",
    "setting.oidc_https": "TERUGKOPPEL_OIDC_ISSUER moet een https://-adres zijn",
    "setting.teams_needs": "Teams heeft ook {name} nodig",
    "setting.link_secret_short": "TERUGKOPPEL_LINK_SECRET moet minstens 24 tekens lang zijn",
    "setting.link_secret_needed": "e-mail heeft links om te antwoorden: zet ook TERUGKOPPEL_LINK_SECRET (een lange, willekeurige tekst, overal dezelfde)",
    "setting.mail_from": "e-mail heeft TERUGKOPPEL_MAIL_FROM nodig naast TERUGKOPPEL_SMTP_URL",
    "setting.ca_file": "TERUGKOPPEL_SMTP_CA_FILE: het bestand {path} bestaat niet",
    "setting.ladder": "TERUGKOPPEL_REMINDER_LADDER vraagt drie getallen die steeds groter worden, zoals 1,2,3",
    # opties die later zijn bijgekomen
    "help.demo.folder": "Bewaar alles hier: de database, de overzichten en de grafieken. Standaard is dat een nieuwe, tijdelijke map.",
    "help.digest.cid": "Noem de grafiek in de HTML cid:NAAM, voor een mail met de PNG erin.",
    "help.teams_package.overview": "Met het overzicht als eigen tabblad (vraagt TERUGKOPPEL_OIDC_CLIENT_ID).",
    "help.tick.dry_run": "Toon wat er verstuurd zou worden. Er gaat niets weg en er verandert niets.",
}
