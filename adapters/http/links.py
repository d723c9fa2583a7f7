"""The small page behind an e-mail link: GET shows the question and a confirm button, POST
records the answer once (bot/app/links.py). Plain HTML in the reader's language, no scripts.

Where the link's kind offers a note (a professional's answer with consent for notes), the
form has an optional, labelled note field; POST reads it from the urlencoded form (no
python-multipart: `parse_qs` on the body, which the HTTP guard already limits). A note the
privacy guard refuses brings the page back (422) with the note as typed, a plain hint per
kind of finding and the note with each finding in `<mark>`; the link stays usable."""

# No `from __future__ import annotations`: FastAPI reads the route annotations at run time.

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from bot.app import links
from bot.app.data import Data
from bot.domain import privacy_guard
from bot.logs import get_logger
from bot.messages import Language, text

log = get_logger("terugkoppel.links")


def _page(language: Language, title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title></head><body><main>"
        f"<h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


NOTE_FIELD = "note"
NOTE_LIMIT = 1000  # as the Slack note field's


def _problem(problem: links.LinkProblem, language: Language) -> HTMLResponse:
    language = problem.language or language
    title = text("links.title", language)
    sentence = text(links.text_key(problem.kind, problem.key), language, **problem.params)
    return _page(language, title, f"<p>{escape(sentence)}</p>", problem.status)


def _form(spec: links.LinkKind, language: Language, *, note: str | None) -> str:
    """The confirm button; with `note` not None also the (optional) note field, holding it."""
    field = ""
    if note is not None:
        label = text(spec.text_key("links.note.label"), language)
        hint = text("links.note.help", language)
        field = (
            f'<p><label for="{NOTE_FIELD}">{escape(label)}</label></p>'
            f'<p id="{NOTE_FIELD}-help">{escape(hint)}</p>'
            f'<p><textarea id="{NOTE_FIELD}" name="{NOTE_FIELD}" rows="6" cols="60" '
            f'maxlength="{NOTE_LIMIT}" aria-describedby="{NOTE_FIELD}-help">'
            f"{escape(note)}</textarea></p>"
        )
    button = escape(text(spec.text_key("links.confirm"), language))
    return f'<form method="post">{field}<button type="submit">{button}</button></form>'


def marked_html(note: str, found: Iterable[privacy_guard.Finding]) -> str:
    """The note HTML-escaped, with each finding in <mark> (overlaps: the first one wins)."""
    out: list[str] = []
    position = 0
    for finding in sorted(found, key=lambda f: (f.start, f.end)):
        if finding.start < position:
            continue
        out += [
            escape(note[position : finding.start]),
            "<mark>",
            escape(note[finding.start : finding.end]),
            "</mark>",
        ]
        position = finding.end
    out.append(escape(note[position:]))
    return "".join(out)


def _refused(
    language: Language,
    intro: str,
    note: str,
    found: tuple[privacy_guard.Finding, ...],
    marked_key: str = "links.note.marked",
) -> str:
    """The note back to its writer: what was found in plain words, the note marked, the form."""
    hints = "".join(
        f"<li>{escape(text(f'privacy.hint.{kind}', language))}</li>"
        for kind in privacy_guard.kinds(found)
    )
    parts = [f'<p role="alert">{escape(intro)}</p>']
    if hints:
        parts.append(f"<ul>{hints}</ul>")
        parts.append(f"<p>{escape(text(marked_key, language))}</p>")
        parts.append(f'<p style="white-space:pre-wrap">{marked_html(note, found)}</p>')
    return "".join(parts)


def _note_of(body: bytes) -> str | None:
    """The note field of an urlencoded form; None without one (an empty POST confirms)."""
    if not body:
        return None
    try:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=8)
    except (UnicodeDecodeError, ValueError):
        return None
    values = form.get(NOTE_FIELD)
    if not values:
        return None
    return values[0].strip() or None


def links_router(
    config: links.LinkConfig,
    data: Data,
    *,
    language: Language,
    clock: Callable[[], datetime] | None = None,
) -> APIRouter:
    """`language`: the page's when the link cannot be read; `clock` lets a test move time,
    the app passes none and uses the real time."""
    now = clock or (lambda: datetime.now(UTC))
    router = APIRouter(include_in_schema=False)
    fallback: Language = language

    @router.get(links.LINK_PATH + "{token}")
    def show(token: str) -> HTMLResponse:
        language = fallback
        try:
            link = links.read(config, token, now=now())
            language = link.language
            spec = links.kind_of(link)
            asked = links.asked(data.uow(link.tenant), link)
        except links.LinkProblem as problem:
            return _problem(problem, language)
        body = _question(spec, link, asked.params) + _form(
            spec, language, note="" if asked.note else None
        )
        return _page(language, text("links.title", language), body)

    @router.post(links.LINK_PATH + "{token}")
    async def record(token: str, request: Request) -> HTMLResponse:
        # async for the body; the work is synchronous database work, off the event loop
        note = _note_of(await request.body())
        return await run_in_threadpool(_record, token, note)

    def _record(token: str, note: str | None) -> HTMLResponse:
        language = fallback
        spec: links.LinkKind | None = None
        try:
            link = links.read(config, token, now=now())
            language = link.language
            spec = links.kind_of(link)
            if spec.offers_note is None:
                note = None  # a kind without a note field takes none
            if note is not None and len(note) > NOTE_LIMIT:
                return _again(spec, link, note, "links.note.too_long", ())
            thanks = links.answer(
                data.uow(link.tenant), dataclasses.replace(link, note=note), now=now()
            )
        except links.LinkNoteRefused as refused:
            assert spec is not None and note is not None
            log.info(
                "link note refused", kind=link.kind, found=privacy_guard.kinds(refused.findings)
            )
            return _again(spec, link, note, "links.note.refused", refused.findings)
        except links.LinkProblem as problem:
            return _problem(problem, language)
        log.info("link answered", kind=link.kind)
        key, params = thanks or (spec.text_key("links.thanks"), {})
        sentence = text(key, language, **params)
        return _page(language, text("links.title", language), f"<p>{escape(sentence)}</p>")

    def _again(
        spec: links.LinkKind,
        link: links.Link,
        note: str,
        intro_key: str,
        found: tuple[privacy_guard.Finding, ...],
    ) -> HTMLResponse:
        """The page again, the link unused: why, the note marked, the form holding the note."""
        language = link.language
        try:
            asked = links.asked(data.uow(link.tenant), link)
        except links.LinkProblem as problem:
            return _problem(problem, language)
        intro = text(spec.text_key(intro_key), language, limit=str(NOTE_LIMIT))
        body = (
            _question(spec, link, asked.params)
            + _refused(language, intro, note, found, spec.text_key("links.note.marked"))
            + _form(spec, language, note=note)
        )
        return _page(language, text("links.title", language), body, 422)

    return router


def _question(spec: links.LinkKind, link: links.Link, params: Mapping[str, str]) -> str:
    language = link.language
    question = text(spec.question_key, language, **params)
    answer = text(spec.choice_key(link.choice), language, choice=link.choice)
    your_answer = text(spec.text_key("links.your_answer"), language, answer=answer)
    return f"<p>{escape(question)}</p><p>{escape(your_answer)}</p>"
