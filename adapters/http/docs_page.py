"""`GET /docs`: FastAPI's own API page (Swagger UI) for people who connect a system to the
REST API. Every other answer carries `default-src 'none'`; this page gets its own, narrow
Content-Security-Policy: Swagger UI's script and style from the CDN FastAPI names, its one
inline script by its sha256 (no 'unsafe-inline' for scripts), requests to this origin only
(/openapi.json and "Try it out"). The page holds no data: the key is typed in the browser.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

CDN = "https://cdn.jsdelivr.net"
_INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def csp_for(page: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE.findall(page)
    )
    return (
        f"default-src 'none'; script-src {CDN} {hashes}; style-src {CDN} 'unsafe-inline'; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def docs_router(*, openapi_url: str = "/openapi.json", title: str = "terugkoppel API") -> APIRouter:
    page = bytes(get_swagger_ui_html(openapi_url=openapi_url, title=title).body).decode()
    policy = csp_for(page)
    router = APIRouter()

    @router.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"content-security-policy": policy})

    return router
