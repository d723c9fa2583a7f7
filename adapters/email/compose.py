"""Pure translation of a platform-neutral message into an e-mail: plain text with an HTML
alternative (and the digest's chart as an inline `cid:` image), in the reader's language.

An e-mail stays at "waiting-room" level (NTA 7516): the catalogue sentence with the case
references and the fixed status text, the contact person's name, role and e-mail address,
answer links where the answer has a link kind. A professional's note is never put in an
e-mail, whatever the consent: the referrer is told there is one and asks the contact person.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from bot.app.chat.case_forms import FORMS
from bot.domain.external_ref import NOT_SHOWN
from bot.domain.external_ref import shown as shown_external_ref
from bot.messages import Action, Message, text
from bot.ports import Attachment, Recipient

# The address of an action's answer link; None: it has none (answered in chat only); "":
# the e-mail leaves the button out, its links' pages offer what it does (a note field).
LinkFor = Callable[[Action, Message], str | None]
SUBJECT_LIMIT = 120
# Messages whose e-mail form leaves out a part of the chat form (see the module docstring).
_WITHOUT_NOTE = {"referrer.status_with_note": "referrer.status"}


def message_id(key: str, sender: str) -> str:
    """`<hash-of-key@sender-domain>`: the same outbox row always gets the same Message-ID, so
    a repeated send (at-least-once) is recognisably the same message for mail clients."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "terugkoppel.invalid"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}.terugkoppel@{domain}>"


def subject(message: Message) -> str:
    """Our case reference only, never the referrer's own (that is in the body), and no
    control character: a header value is one printable line whatever a row holds."""
    params = message.params
    language = message.language
    if params.get("case_ref") and "external_ref" in params:  # a message to the referrer
        line = text("email.subject_referral", language, case_ref=params["case_ref"])
    elif params.get("case_ref"):
        line = text("email.subject_case", language, case_ref=params["case_ref"])
    else:
        lines = _shown(message).body().splitlines()
        line = text("email.subject_plain", language, first=lines[0].strip() if lines else "")
    line = _one_line(line)
    return line if len(line) <= SUBJECT_LIMIT else line[: SUBJECT_LIMIT - 1] + "…"


def _one_line(value: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in value)


def _shown(message: Message) -> Message:
    """The message as an e-mail carries it: without the note of a status with a note, and
    the referrer's reference only when it is a valid one (an old row may hold anything)."""
    params = dict(message.params)
    if "external_ref" in params and params["external_ref"] != NOT_SHOWN:
        params["external_ref"] = shown_external_ref(str(params["external_ref"]))
    plain = _WITHOUT_NOTE.get(message.key)
    if plain is not None:
        params.pop("note", None)
    elif params == message.params:
        return message
    return Message(plain or message.key, params, message.actions, message.language)


def _paragraphs(message: Message) -> list[str]:
    shown = _shown(message)
    parts = [shown.body()]
    language = message.language
    if shown.key != message.key:
        parts.append(text("email.note_elsewhere", language))
    contact = message.params.get("contact")
    if contact:
        role = text("email.contact_role", language, team=message.params.get("team") or "")
        line = text("email.contact", language, contact=contact, role=role)
        reach = message.params.get("contact_email")
        if reach:
            line += " " + text("email.contact_reach", language, email=reach)
        parts.append(line)
    return parts


def _links(message: Message, link_for: LinkFor | None) -> tuple[list[tuple[str, str]], bool, bool]:
    """The answer links, whether some action could not become one, and whether one was left
    out because the links' pages offer it (the note field)."""
    links: list[tuple[str, str]] = []
    missing = covered = False
    for action, label in zip(message.actions, message.labels(), strict=True):
        if action.id in FORMS:  # a chat's form ("Overdragen…"): not offered, not missed
            continue
        url = link_for(action, message) if link_for is not None else None
        if url is None:
            missing = True
        elif url == "":
            covered = True
        else:
            links.append((label, url))
    return links, missing, covered


def _links_intro(message: Message, covered: bool) -> str:
    """ "Klik op uw antwoord" to a referrer, "je" to a professional (whose messages carry no
    referrer's reference), with the note field mentioned when the pages offer it."""
    if covered:
        return text("email.answer_links_note", message.language)
    professional = "external_ref" not in message.params
    key = "email.answer_links_professional" if professional else "email.answer_links"
    return text(key, message.language)


def compose(
    message: Message,
    *,
    to: Recipient,
    sender: str,
    key: str,
    link_for: LinkFor | None = None,
    image: Attachment | None = None,
    date: float | None = None,
) -> EmailMessage:
    """The whole e-mail. `key` (the outbox row's) makes the Message-ID; `image` becomes a
    `cid:` image in the HTML part (multipart/related) with the text part as alternative."""
    language = message.language
    paragraphs = _paragraphs(message)
    links, missing, covered = _links(message, link_for)
    intro = _links_intro(message, covered)
    footer = text("email.footer", language)

    lines = [*paragraphs]
    if links:
        lines.append(intro + "\n" + "\n".join(f"  {label}: {url}" for label, url in links))
    if missing:
        lines.append(text("email.answer_in_chat", language))
    if image is not None:
        lines.append(image.alt_text)
    lines.append("-- \n" + footer)
    plain = "\n\n".join(lines) + "\n"

    mail = EmailMessage()
    # Every header value goes through the e-mail library (headerregistry), none is pasted.
    mail["Subject"] = subject(message)
    mail["From"] = sender
    mail["To"] = (
        Address(display_name=_one_line(to.name), addr_spec=to.address)
        if to.name != to.address
        else Address(addr_spec=to.address)
    )
    mail["Date"] = formatdate(date, localtime=False)
    mail["Message-ID"] = message_id(key, sender)
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to us
    mail.set_content(plain)

    cid = message_id(f"{key}:image", sender) if image is not None else None
    mail.add_alternative(
        _html(paragraphs, (intro, links), missing, footer, language, image, cid), "html"
    )
    if image is not None and cid is not None:
        maintype, _, subtype = image.media_type.partition("/")
        html_part = next(p for p in mail.iter_parts() if p.get_content_type() == "text/html")
        html_part.add_related(
            image.data, maintype, subtype, cid=cid, filename=image.filename, disposition="inline"
        )
    mail["Content-Language"] = language  # last: setting content drops Content-* headers
    return mail


def _html(
    paragraphs: list[str],
    answers: tuple[str, list[tuple[str, str]]],
    missing: bool,
    footer: str,
    language: str,
    image: Attachment | None,
    cid: str | None,
) -> str:
    def block(paragraph: str) -> str:
        # pre-wrap keeps the digest's indented lines as they are in the text part
        return f'<p style="white-space:pre-wrap;margin:0 0 1em">{html.escape(paragraph)}</p>'

    body = [block(p) for p in paragraphs]
    intro, links = answers
    if image is not None and cid is not None:
        body.insert(
            0,
            f'<p><img src="cid:{html.escape(cid.strip("<>"))}" '
            f'alt="{html.escape(image.alt_text)}" style="max-width:100%"></p>',
        )
    if links:
        buttons = " ".join(
            f'<a href="{html.escape(url)}" style="display:inline-block;padding:6px 12px;'
            f"margin:2px;border:1px solid #1f5f8b;border-radius:4px;color:#1f5f8b;"
            f'text-decoration:none">{html.escape(label)}</a>'
            for label, url in links
        )
        body.append(block(intro))
        body.append(f"<p>{buttons}</p>")
    if missing:
        body.append(block(text("email.answer_in_chat", language)))
    body.append(f'<p style="color:#666;font-size:smaller">{html.escape(footer)}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head>'
        f'<body style="font-family:sans-serif">\n' + "\n".join(body) + "\n</body></html>\n"
    )


def envelope_sender(sender: str) -> str:
    """The bare address of TERUGKOPPEL_MAIL_FROM (`Naam <adres>` or `adres`)."""
    return parseaddr(sender)[1] or sender


def valid_address(value: str) -> bool:
    try:
        Address(addr_spec=value)
    except (ValueError, IndexError):
        return False
    return "@" in value
