"""The overview's HTML: Jinja2 templates (autoescaped), every text from the catalogue, and
the headers every page carries (a strict Content-Security-Policy: our own CSS and script
only, no inline code; never framed, except the Teams tab by Teams itself)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from bot.messages import Language, text

_ENV = Environment(
    loader=PackageLoader("adapters.web", "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors {frames}"
)
# Where Teams shows a personal tab (web, desktop and the new Microsoft 365 hosts).
TEAMS_FRAMES = (
    "https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft "
    "https://*.office.com https://outlook.office.com"
)


def page(
    template: str,
    *,
    language: Language,
    status: int = 200,
    framed: bool = False,
    **context: Any,
) -> HTMLResponse:
    def t(key: str, **params: Any) -> str:
        return text(key, language, **params)

    html = _ENV.get_template(template).render(t=t, language=language, **context)
    response = HTMLResponse(html, status_code=status)
    secure(response, framed=framed)
    return response


def sentence(
    key: str, *, language: Language, status: int, link: bool = True, **params: str
) -> HTMLResponse:
    """A page of one sentence (a refusal, a result), with the way back."""
    return page(
        "sentence.html",
        language=language,
        status=status,
        sentence=text(key, language, **params),
        link=link,
    )


def secure(response: HTMLResponse, *, framed: bool = False) -> None:
    response.headers["content-security-policy"] = CSP.format(
        frames=TEAMS_FRAMES if framed else "'none'"
    )
    # The Teams tab: frame-ancestors names Teams, and browsers then ignore the
    # X-Frame-Options: DENY the HTTP guard adds to every answer (CSP Level 2, 3).
    response.headers["cache-control"] = "no-store"
    response.headers["referrer-policy"] = "no-referrer"
