"""The small page behind an e-mail link: GET shows the question and a confirm button, POST
records the answer once (bot/app/links.py). Plain HTML in the reader's language, no scripts."""

# No `from __future__ import annotations`: FastAPI reads the route annotations at run time.

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from bot.app import links
from bot.app.data import Data
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


def _problem(problem: links.LinkProblem, language: Language) -> HTMLResponse:
    language = problem.language or language
    title = text("links.title", language)
    sentence = text(problem.key, language, **problem.params)
    return _page(language, title, f"<p>{escape(sentence)}</p>", problem.status)


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
            params = links.question(data.uow(), link)
        except links.LinkProblem as problem:
            return _problem(problem, language)
        question = text(spec.question_key, language, **params)
        answer = text(spec.choice_key(link.choice), language, choice=link.choice)
        body = (
            f"<p>{escape(question)}</p>"
            f"<p>{escape(text('links.your_answer', language, answer=answer))}</p>"
            '<form method="post">'
            f'<button type="submit">{escape(text("links.confirm", language))}</button>'
            "</form>"
        )
        return _page(language, text("links.title", language), body)

    @router.post(links.LINK_PATH + "{token}")
    def record(token: str) -> HTMLResponse:
        language = fallback
        try:
            link = links.read(config, token, now=now())
            language = link.language
            links.answer(data.uow(), link, now=now())
        except links.LinkProblem as problem:
            return _problem(problem, language)
        log.info("link answered", kind=link.kind)
        thanks = text("links.thanks", language)
        return _page(language, text("links.title", language), f"<p>{escape(thanks)}</p>")

    return router
