"""English texts, for people whose language is en. Keys and parameters must match nl.py."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "status.received": "received",
    "status.assigned": "assigned to a professional",
    "status.contact_made": "contact has been made with the family",
    "status.intake_planned": "an intake meeting has been planned",
    "status.help_started": "help has started",
    "status.handed_over": "handed over to another organisation",
    "status.closed": "closed",
    "status.declined": "not taken on",
    "action.contact_made": "Contact made",
    "action.intake_planned": "Intake planned",
    "action.help_started": "Help started",
    "action.handed_over": "Handed over",
    "action.closed": "Closed",
    "action.not_yet": "Not yet",
    "action.take": "I'll take it",
    "action.accept": "Accept handover",
    "action.refuse": "Refuse",
    "referrer.receipt": (
        "Your referral has been received by {team}. Our reference: {case_ref} "
        "(your reference: {external_ref}). You will hear from us once contact has been made."
    ),
    "referrer.receipt_with_contact": (
        "Your referral has been received by {team}. Our reference: {case_ref} "
        "(your reference: {external_ref}). You will hear from us once contact has been made. "
        "Your fixed contact person at {team} is {contact}."
    ),
    "referrer.status": (
        "Update on {case_ref} (your reference: {external_ref}): {status}. "
        "Contact person: {contact}, {team}."
    ),
    "referrer.status_with_note": (
        "Update on {case_ref} (your reference: {external_ref}): {status}. "
        "Contact person: {contact}, {team}. Note: {note}"
    ),
    "referrer.in_progress": (
        "Your referral {case_ref} (your reference: {external_ref}) is being handled by {team}. "
        "Without consent of the young person or parents we cannot share details."
    ),
    "referrer.ended": (
        "The involvement of {team} in {case_ref} (your reference: {external_ref}) has ended."
    ),
    "referrer.handed_over": (
        "{case_ref} (your reference: {external_ref}) has been handed over to {team}. "
        "Your contact person is now {contact}."
    ),
    "referrer.backup_contact": (
        "Your fixed contact person at {team}, {primary}, is away until {until} inclusive. "
        "During that time {backup} is your contact person."
    ),
    "referrer.contact_left": (
        "Your fixed contact person at {team}, {primary}, no longer works there. "
        "Until a new one is named, {backup} is your contact person."
    ),
    "intake.new": (
        "New referral {case_ref} from {organisation} ({kind}), received {received}. Who takes it?"
    ),
    "intake.urgent": (
        "URGENT: referral {case_ref} from {organisation} ({kind}), received {received}. "
        "You are on call; please take it now."
    ),
    "intake.reminder": "Reminder: nobody has taken {case_ref} (received {received}) yet.",
    "intake.escalation": (
        "Escalation: {case_ref} from {organisation} has not been taken after {days} working "
        "days. Will you assign it?"
    ),
    "intake.taken": "{case_ref} was taken by {name}. You are the contact for {organisation}.",
    "prompt.feedback": (
        "How is {case_ref} going? {organisation} referred on {received} and is waiting for "
        "feedback (norm: within {norm} working days)."
    ),
    "prompt.followup": (
        "Any news on {case_ref}? The last status {organisation} received: {status}."
    ),
    "prompt.reminder": (
        "Reminder {number}: {organisation} is still waiting for feedback on {case_ref} "
        "(referred on {received})."
    ),
    "prompt.on_behalf": (
        "{absent} is away; you are standing in. {organisation} is waiting for feedback on "
        "{case_ref} (referred on {received}). How is it going?"
    ),
    "prompt.escalation": (
        "Escalation: {name} has not answered the question about {case_ref} from {organisation} "
        "after {days} working days. The feedback norm is {norm} working days."
    ),
    "prompt.answered": "Noted: {case_ref} — {status}. {organisation} will be told.",
    "prompt.answered_withheld": (
        "Noted: {case_ref} — {status}. Without consent {organisation} is only told that the "
        "referral is being handled."
    ),
    "prompt.snoozed": "Fine. I will ask you again on {date}.",
    "handover.requested": (
        "{from_team} asks {to_team} to take over {case_ref}{warm}. Please accept before {due}."
    ),
    "handover.warm_suffix": " (warm handover, together with the family)",
    "handover.reminder": (
        "Reminder: the handover of {case_ref} by {from_team} has been waiting since {since} "
        "(deadline was {due})."
    ),
    "handover.escalation": (
        "Escalation: the handover of {case_ref} from {from_team} to {to_team} is {days} working "
        "days past its deadline and has not been accepted."
    ),
    "handover.accepted": "{to_team} has taken over {case_ref}. Contact person: {name}.",
    "handover.refused": "{to_team} has refused the handover of {case_ref}.",
    "coverage.backup_active": (
        "{primary} is away until {until} inclusive. Until then you are the contact person of "
        "{team} for {partner}."
    ),
    "coverage.gap": (
        "Attention: {team} has no reachable fixed contact person for {partner}. "
        "Please name a contact person and a backup."
    ),
    "delivery.failed": (
        "A message for {recipient} about {case_ref} could not be delivered ({reason}). "
        "Please get in touch yourself."
    ),
    # Slack: replies to clicks and commands, modals, App Home
    "action.assign": "Assign to…",
    "action.note": "With a note…",
    "slack.answered_by": "{reply}\nAnswered by {name} on {at}.",
    "slack.taken_by": "{case_ref} was taken by {name} on {at}.",
    "slack.assigned_by": "{case_ref} was assigned to {name} by {by} on {at}.",
    "slack.handover_accepted": "{case_ref}: handover accepted by {name} on {at}.",
    "slack.handover_refused": "{case_ref}: handover refused by {name} on {at}.",
    "slack.assign_unknown": "{name} is not a member of this team in terugkoppel; choose someone else.",
    "slack.referral_created": "Referral {case_ref} was created for {team}. {referrer} gets a receipt.",
    "slack.referral_exists": "This referral already existed: {case_ref} at {team}. Nothing was changed.",
    "slack.modal_referral_title": "New referral",
    "slack.modal_note_title": "Answer with a note",
    "slack.modal_submit": "Send",
    "slack.modal_cancel": "Cancel",
    "slack.referral_intro": "terugkoppel only records a reference: no name, BSN, date of birth or description of the young person.",
    "slack.referrer_self": "Referrer: {name} ({organisation})",
    "slack.field_team": "Team",
    "slack.field_referrer": "Referrer",
    "slack.field_external_ref": "The referrer's own reference (optional)",
    "slack.hint_external_ref": "Only a reference, for example HAP-7781.",
    "slack.field_consent": "Consent of the young person and/or parents",
    "slack.field_urgent": "Urgent",
    "slack.option_urgent": "Urgent: straight to the on-call professional",
    "slack.choose": "Choose…",
    "slack.error_external_ref": "The reference may contain personal data ({found}). Use only your own reference.",
    "slack.note_intro": "{case_ref} — {organisation}",
    "slack.field_answer": "Status",
    "slack.field_note": "Note for the referrer",
    "slack.hint_note": "No names, numbers, addresses or dates. Only sent when there is consent for notes.",
    "slack.wie_usage": "Usage: /wie <organisation>, for example /wie Huisartsenpraktijk Noord.",
    "slack.wie_none": "No organisation found for '{query}'.",
    "slack.wie_many": "Several organisations match '{query}': {names}. Be more specific.",
    "slack.wie_heading": "Fixed contact persons for {organisation}:",
    "slack.wie_line": "{team}: {primary} (backup: {backup}). Reachable today: {reachable}.",
    "slack.wie_no_pairs": "No fixed contact person is recorded for {organisation}.",
    "slack.lines": "{lines}",
    "slack.nobody": "nobody",
    "slack.afwezig_usage": "Usage: /afwezig <from> <until>, for example /afwezig 3-11 7-11, or /afwezig tomorrow.",
    "slack.afwezig_bad_date": "'{value}' is not a date. Use day-month or day-month-year (3-11, 03-11-2026) or today/tomorrow.",
    "slack.afwezig_past": "That period lies in the past; nothing was recorded.",
    "slack.afwezig_too_long": "An absence of more than {days} days cannot be recorded in chat; ask your coordinator.",
    "slack.afwezig_done": "Noted: you are away from {start} up to and including {end}. Your backup and your partners hear whom to call in that time.",
    "slack.not_configured": "Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN and restart.",
    "home.heading": "terugkoppel — {name}",
    "home.updated": "Updated {at}",
    "home.absent": "You are marked away up to and including {until}.",
    "home.prompts": "My open questions",
    "home.prompt_line": "{case_ref} — {organisation}: {state} since {since}",
    "home.overdue": "My referrals past the norm",
    "home.overdue_line": "{case_ref} — {organisation}: first feedback was due by {due}",
    "home.contacts": "I am the fixed contact person for",
    "home.contact_line": "{partner} ({team}): {role}",
    "home.role_primary": "contact person",
    "home.role_backup": "backup",
    "home.team_overdue": "{team}: referrals past the norm",
    "home.team_overdue_line": "{case_ref} — {organisation}, with {name}: due by {due}",
    "home.escalations": "{team}: open escalations",
    "home.escalation_line": "{kind}: {case_ref} since {since}",
    "home.empty": "Nothing.",
    "home.more": "… and more; the oldest are at the top.",
    "home.unknown": "You are not (yet) known to terugkoppel. Ask your coordinator to register you.",
    "home.state.open": "asked",
    "home.state.reminded": "reminded",
    "home.state.escalated": "escalated",
    "home.state.snoozed": "snoozed",
    "home.escalation.prompt": "no feedback",
    "home.escalation.intake": "not taken",
    "home.escalation.handover": "handover",
    "home.escalation.coverage": "no contact person",
    "home.escalation.delivery": "not delivered",
    "cli.slack_linked": "Slack: {linked} people linked by their e-mail address, {missing} not found in Slack.",
    "cli.slack_not_configured": "Slack is not configured: set SLACK_BOT_TOKEN.",
    "cli.socket_mode_needs_token": "--socket-mode needs SLACK_APP_TOKEN (xapp-…) and a bot token.",
    "error.generic": "Something went wrong. Please try again later or ask your coordinator.",
    "error.not_allowed": "You may not do this for {case_ref}. This attempt has been recorded.",
    "error.unknown_person": (
        "You are not known to terugkoppel. Please ask your coordinator to register you. "
        "This attempt has been recorded."
    ),
    "error.unknown_case": "There is no referral {case_ref} that you may see.",
    "error.unknown_team": "Team '{team}' does not exist.",
    "error.unknown_referrer": "Referrer '{referrer}' is not known.",
    "error.invalid_transition": "Not possible: from '{current}' to '{target}' ({machine}).",
    "error.already_answered": "This question about {case_ref} was already answered by {by} on {at}.",
    "error.note_refused": (
        "The note may contain personal data ({found}). Please rephrase it without names, "
        "numbers, addresses or dates; the note has not been stored."
    ),
    "error.directory": (
        "The directory was not imported: {entry}, field '{field}': {problem}. Nothing was changed."
    ),
    "error.setting": "Setting {name} is invalid: {problem}",
    "error.settings": "The settings do not fit together: {problem}",
    "error.delivery": "Delivery failed: {reason}",
    "error.database": "The database cannot be reached ({problem}). Check {name}.",
    "error.schema": "The database is not up to date. Run 'terugkoppel db upgrade' first.",
    "cli.import_done": (
        "Directory imported: {created} new, {updated} changed, {unchanged} unchanged, {left} left."
    ),
    "cli.tick_done": "Pass done: {actions} actions, {sent} messages sent.",
    "cli.db_upgraded": "Database upgraded to revision {revision}.",
    "cli.bad_time": "'{value}' is not an ISO 8601 moment, for example 2026-11-23T09:00+01:00.",
    "cli.bad_week": "'{value}' is not a week like 2026-W48.",
    "cli.check_ok": "OK: {what}",
    "cli.check_problem": "Problem: {what}: {problem}",
    "cli.serving": "terugkoppel listening on http://{host}:{port}",
    "digest.title": "Weekly digest {team} — week {week}",
    "digest.municipality": "municipality",
    "digest.title_period": "Digest {team} — {period}",
    "digest.new_referrals": "New referrals: {count}",
    "digest.by_kind": "  {kind}: {count}",
    "digest.within_norm": "First feedback within {norm} working days: {share} ({within} of {due})",
    "digest.within_norm_none": "First feedback within {norm} working days: nothing to measure yet",
    "digest.median": "Median to first feedback: {median} working days",
    "digest.open_prompts": "Open questions to professionals: {count}",
    "digest.escalations": "Escalations in this period: {count}",
    "digest.overdue_handovers": "Handovers past their deadline: {count}",
    "digest.overdue_handover": "  {case_ref} to {to_team}: {days} working days past the deadline",
    "digest.no_contact": "Partners without a reachable contact person: {count}",
    "digest.no_contact_partner": "  {partner}",
    "kind.gp": "GP",
    "kind.school": "school",
    "kind.police": "police",
    "kind.jgz": "youth health care",
    "kind.veilig_thuis": "Veilig Thuis",
    "kind.care": "care provider",
    "kind.municipality": "municipality",
    "kind.other": "other",
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
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    "consent.none": "no consent",
    "consent.status": "consent for status",
    "consent.notes": "consent for status and notes",
    # issue 6: Teams
    "teams.not_configured": "Teams is not set up: set TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD and TERUGKOPPEL_TEAMS_TENANT_ID and restart.",
    "teams.fallback_email": "{name} cannot be reached in Teams (the app cannot be installed for them: {reason}). Messages now go by e-mail. Ask IT to allow the app or to install it for {name}.",
    "teams.welcome": "Hello {name}, terugkoppel sends you questions about your referrals here. Type 'help' to see what you can ask.",
    "teams.help": "You can type:\n- who <organisation>: the fixed contact person and backup\n- away <from> <until>: for example away 3-11 7-11, or away tomorrow\n- my open questions: what is waiting for your answer\n- referrer <reference> consent | information | done: waiting for the referrer",
    "teams.wie_usage": "Usage: who <organisation>, for example who Huisartsenpraktijk Noord.",
    "teams.afwezig_usage": "Usage: away <from> <until>, for example away 3-11 7-11, or away tomorrow.",
    "teams.open_none": "Nothing is waiting for your answer.",
    "teams.intake_channel": "Intake of {team} arrives in this channel.",
    # issue 6: Teams presence in "wie" answers (Graph, TERUGKOPPEL_GRAPH_PRESENCE)
    "presence.line": "Now in Teams: {states}.",
    "presence.available": "{name} is available",
    "presence.busy": "{name} is busy",
    "presence.away": "{name} is away",
    "presence.offline": "{name} is offline",
    "cli.teams_not_configured": "Teams is not set up: set TERUGKOPPEL_TEAMS_APP_ID, TERUGKOPPEL_TEAMS_APP_PASSWORD and TERUGKOPPEL_TEAMS_TENANT_ID.",
    "cli.teams_package_invalid": "The Teams package cannot be built: {problem}.",
    "cli.teams_packaged": "Teams app package written: {path}. Upload it in the Teams admin center (Teams apps → Manage apps → Upload).",
    "cli.teams_linked": "Teams: {linked} people linked by their e-mail address, {away} away by their automatic replies, {failed} failed.",
    # issue 8: digests
    "digest.message": "{body}",
    "digest.title_municipal": "Weekly digest municipality (all teams) — week {week}",
    "digest.title_municipal_period": "Digest municipality (all teams) — {period}",
    "digest.suppressed_note": (
        "Totals only, without case references. Counts under 5 are shown as <5 (and where a "
        "total would give one away, a second one as ≥5), so that no family can be singled out."
    ),
    "digest.within_norm_hidden": (
        "First feedback within {norm} working days: {within} of {due} "
        "(share not shown: small numbers)"
    ),
    "digest.spread": (
        "Working days to first feedback: median {median}, 90th percentile {p90} "
        "(over {count} referrals)"
    ),
    "digest.spread_none": "Working days to first feedback: nothing to measure yet",
    "digest.open_escalations": "Open escalations: {count}",
    "digest.overdue_age": "  {age} working days past the deadline: {count}",
    "digest.overdue_more": "  … and {count} more",
    "digest.satisfaction": "Referrer satisfaction (1-10): average {average} ({count} answers)",
    "digest.satisfaction_none": "Referrer satisfaction (1-10): no answers in this period",
    "digest.trend": "Trend over the last {weeks} weeks (new · within norm · satisfaction):",
    "digest.trend_week": "  {week}: {new} · {share} · {score}",
    "digest.hidden": "–",
    "digest.chart_title": "{scope}: last {weeks} weeks",
    "digest.chart_new": "New referrals",
    "digest.chart_within": "Within norm ({norm} working days), %",
    "digest.chart_alt": (
        "Chart: new referrals per week (bars) and the share with a first feedback within "
        "the norm (line), weeks {first} to {last}."
    ),
    "digest.chart_hidden": "<5: not shown (small numbers)",
    "digest.chart_file": "Chart: {path}",
    "cli.digest_municipality_team": (
        "--municipality is the digest over all teams; leave out --team."
    ),
    "cli.cannot_write": "Cannot write {path}: {problem}.",
    # issue 9: deployment
    "api.rate_limited": "Too many requests with this API key. Try again in {seconds} seconds.",
    "api.database_unavailable": "The database cannot be reached right now. Try again in a few seconds.",
    "api.internal_error": "Something went wrong on our side. Quote the request id when you contact us.",
    "check.ok": "OK       {name}: {detail}",
    "check.problem": "PROBLEM  {name}: {problem}",
    "check.skipped": "SKIPPED  {name}: not configured ({variables})",
    "check.setting": "PROBLEM  setting {variable}: {problem}",
    "check.settings": "PROBLEM  settings: {problem}",
    "check.summary_ok": "All good.",
    "check.summary_problems": "{count} problem(s) found; see the lines above.",
    "check.name.settings": "settings",
    "check.name.database": "database",
    "check.name.schema": "database schema",
    "check.name.slack": "Slack",
    "check.name.teams": "Teams token",
    "check.name.graph": "Microsoft Graph",
    "check.name.smtp": "e-mail (SMTP)",
    "check.detail.settings": "all values valid",
    "check.detail.database": "connected to {url}",
    "check.detail.schema": "up to date at revision {revision}",
    "check.detail.slack": "connected to workspace {team} as {user}",
    "check.detail.teams": "got a Bot Connector token from {host}",
    "check.detail.graph": "may read users ({host})",
    "check.detail.smtp": "{host}:{port} speaks encrypted ({tls}), certificate trusted{login}",
    "check.detail.smtp_login": ", login accepted",
    "check.database_unreachable": "cannot be reached ({error}); check TERUGKOPPEL_DATABASE_URL",
    "check.schema_old": "revision {current}, {head} is needed; run 'terugkoppel db upgrade'",
    "check.unreachable": "{host} cannot be reached ({error}); check {variable}",
    "check.slack_refused": "Slack refuses the bot token ({error}); set a valid SLACK_BOT_TOKEN",
    "check.slack_token_file": "the token file cannot be read ({error}); check TERUGKOPPEL_SLACK_BOT_TOKEN_FILE",
    "check.teams_refused": (
        "Microsoft refuses the app credentials ({error}); check TERUGKOPPEL_TEAMS_APP_ID, "
        "TERUGKOPPEL_TEAMS_APP_PASSWORD and TERUGKOPPEL_TEAMS_TENANT_ID"
    ),
    "check.graph_refused": (
        "Graph refuses ({status} {error}); give the app the application permission "
        "User.Read.All and have an administrator grant consent"
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
    # issue 7: e-mail (part B)
    "email.subject_referral": "Update on {case_ref} (your reference: {external_ref})",
    "email.subject_case": "terugkoppel: {case_ref}",
    "email.subject_plain": "terugkoppel: {first}",
    "email.contact": "Your contact person: {contact}, {role}.",
    "email.contact_role": "contact person at {team}",
    "email.contact_reach": "Reachable at {email}.",
    "email.note_elsewhere": (
        "This update comes with a note. We do not send notes by e-mail; "
        "your contact person will gladly tell you more."
    ),
    "email.answer_links": "Click your answer (each link works once):",
    "email.answer_in_chat": "You can answer in Slack or Teams; this e-mail has no buttons.",
    "email.footer": (
        "This message was sent automatically by terugkoppel. Replies are not read; "
        "for questions please contact your contact person."
    ),
    # issue 7: the referrer's own loop (DESIGN.md flow 9)
    "action.settled": "Done",
    "action.checkin_better": "Better",
    "action.checkin_same": "The same",
    "action.checkin_worse": "Worse",
    "action.checkin_unknown": "Don't know",
    "checkin.better": "better",
    "checkin.same": "the same",
    "checkin.worse": "worse",
    "checkin.unknown": "don't know",
    "loop.kind.consent": "consent",
    "loop.kind.information": "missing information",
    "referrer.request_consent": (
        "For your referral {case_ref} (your reference: {external_ref}) {team} needs consent "
        "of the young person and/or parents. Could you arrange it? Questions: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_information": (
        "For your referral {case_ref} (your reference: {external_ref}) {team} is missing "
        "information. Could you contact {contact}, {team}? Click Done when it is arranged."
    ),
    "referrer.request_consent_reminder": (
        "Reminder: since {date} {team} has been waiting for consent for {case_ref} "
        "(your reference: {external_ref}). Questions: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_information_reminder": (
        "Reminder: since {date} {team} has been waiting for missing information about "
        "{case_ref} (your reference: {external_ref}). Contact: {contact}, {team}. "
        "Click Done when it is arranged."
    ),
    "referrer.request_thanks": "Thank you. Noted: {what} for {case_ref} is arranged.",
    "referrer.checkin": (
        "Some time ago help started for your referral {case_ref} (your reference: "
        "{external_ref}). Do you notice a difference? Your answer goes to {contact}, {team}."
    ),
    "links.request.question": "{team} was waiting for you about your referral {case_ref} (your reference: {external_ref}). Is it arranged?",
    "links.request.choice": "arranged",
    "links.checkin.question": "Do you notice a difference since help started for your referral {case_ref} (your reference: {external_ref})?",
    "links.answered_before": "This had already been answered for {case_ref} (by {by}, {at}).",
    "referrer.checkin_thanks": "Thank you. Your answer for {case_ref} has been passed on: {answer}.",
    "loop.asked": (
        "{case_ref} now waits for {what} from {referrer}. The referrer gets the request at "
        "once and reminders if needed; you will hear the answer."
    ),
    "loop.asked_again": "{case_ref} was already waiting for {what} from {referrer}; nothing was sent again.",
    "loop.closed": "{case_ref} no longer waits for the referrer ({count} request(s) closed).",
    "loop.request_settled": "{referrer} ({organisation}) reports for {case_ref}: {what} is arranged.",
    "loop.request_unanswered": (
        "{organisation} has not answered the request for {what} for {case_ref} (since {date}) "
        "after {reminders} reminder(s). Will you contact them yourself?"
    ),
    "loop.checkin_answer": (
        "{referrer} ({organisation}) about {case_ref}, asked 'Do you notice a difference?': {answer}."
    ),
    "loop.usage": (
        "Usage: referrer <reference> consent | information | done, "
        "for example: referrer JT-NRD-2026-0042 consent"
    ),
    "overleg.reminder": (
        "Reminder: fixed consultation {team} and {partner} on {date} at {time}. "
        "Open referrals:\n{cases}"
    ),
    "overleg.reminder_none": (
        "Reminder: fixed consultation {team} and {partner} on {date} at {time}. "
        "There are no open referrals."
    ),
    "overleg.cancelled": (
        "The fixed consultation {team} and {partner} on {date} at {time} does not take place "
        "(public holiday). The next one is on {next}."
    ),
    "overleg.case_line": "• {case_ref} (referrer's reference: {external_ref})",
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
    "error.referral_ended": "{case_ref} is closed; there is nothing left to ask.",
    "error.no_open_request": "{case_ref} is not waiting for the referrer.",
    "error.unknown_consultation": "There is no fixed consultation of {team} with {partner}.",
    "error.consultation_invalid": "This fixed consultation is not possible.",
    "error.consultation_weekend": "A fixed consultation falls on a working day; {date} is in a weekend.",
    "error.consultation_every": "--every {every}: choose a number of weeks from 1 to {most}.",
    "error.consultation_partner": "There is no partner organisation {partner} in the directory.",
    "error.consultation_first": "--first {value}: give the first meeting as 2026-12-08T13:00.",
    # the page behind an e-mail link (bot/http_links.py)
    "links.title": "terugkoppel",
    "links.your_answer": "Your answer: {answer}",
    "links.confirm": "Confirm",
    "links.thanks": "Thank you, your answer has been recorded. You can close this window.",
    "links.invalid": "This link is not valid. Use the link from the message as it was sent.",
    "links.expired": "This link has expired. Please contact the contact person named in the message.",
    "links.used": "This link has been used already; your answer was recorded before.",
    # issue 7: referrer satisfaction (part B)
    "satisfaction.question": (
        "{case_ref} (your reference: {external_ref}) has been closed. How satisfied are you "
        "with the collaboration with {team}? (1–10)"
    ),
    "satisfaction.question_page": "How satisfied are you with the collaboration with {team}? (1–10)",
    "satisfaction.choice": "{choice} out of 10",
    "satisfaction.thanks": "Thank you! Your score for the collaboration on {case_ref}: {score}.",
    "satisfaction.already": "This question has been answered already; your first answer counts.",
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
        "For {case_ref} the parents give consent: the young person is under 12. "
        "Ask the parents (or parents and young person together). Nothing has changed."
    ),
    "error.consent_both": (
        "For {case_ref} both the young person and the parents give consent: the young person "
        "is 12 to 15 (or turns so this month). Ask both. Nothing has changed."
    ),
    "error.consent_youth": (
        "For {case_ref} the young person gives consent: they are 16 or older. "
        "Ask the young person. Nothing has changed."
    ),
    "error.consent_needs_party": (
        "Say who gave the consent for {case_ref}: parents, young person or both "
        "(--given-by parents|youth|both). Nothing has changed."
    ),
    "apikey.bad_name": "'{name}' is not a valid key name: use letters, digits, dot, dash or underscore (at most 64).",
    "apikey.exists": "A key named '{name}' already exists. Choose another name or revoke that one first.",
    "apikey.unknown": "There is no key named '{name}'.",
    "apikey.unknown_organisation": "Organisation '{organisation}' is not in the directory.",
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
        "{withheld} waiting messages will no longer be sent."
    ),
    "cli.audit_written": "{count} audit rows written to {path}.",
    "cli.retention_would_purge": (
        "Would delete: {cases} closed cases (older than {days} days) and {audit} "
        "audit rows (older than five years). Run with --now."
    ),
    "cli.retention_purged": (
        "Deleted: {cases} closed cases (older than {days} days) and {audit} "
        "audit rows (older than five years)."
    ),
}
