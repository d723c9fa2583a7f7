"""Sessions in signed cookies (no session table): who is signed in, the form token against
cross-site requests, and a one-time notice after an action. Also the short-lived cookie that
carries an OpenID Connect sign-in's state, nonce and PKCE verifier to the callback."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, replace
from typing import Any, Literal

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "tk_sessie"
LOGIN_COOKIE = "tk_login"
PATH = "/overzicht"
SESSION_SECONDS = 9 * 3600  # a working day: sign in once in the morning
LOGIN_SECONDS = 600  # from the redirect to the identity provider back to the callback
SameSite = Literal["lax", "strict", "none"]


@dataclass(frozen=True)
class Session:
    person: str
    csrf: str
    notice: str | None = None
    framed: bool = False  # signed in inside Teams: the cookie must cross the Teams frame
    tenant: str = "default"  # the municipality the person signed in to

    def with_notice(self, notice: str | None) -> Session:
        return replace(self, notice=notice)


@dataclass(frozen=True)
class Login:
    state: str
    nonce: str
    verifier: str
    back: str


class Cookies:
    """Signs and reads both cookies with one secret (domain-separated by salt)."""

    def __init__(self, secret: str) -> None:
        self._session = URLSafeTimedSerializer(secret, salt="terugkoppel.overzicht.sessie")
        self._login = URLSafeTimedSerializer(secret, salt="terugkoppel.overzicht.login")

    def session(self, request: Request) -> Session | None:
        data = self._read(self._session, request.cookies.get(SESSION_COOKIE), SESSION_SECONDS)
        person, csrf = data.get("p"), data.get("c")
        if not isinstance(person, str) or not isinstance(csrf, str):
            return None
        notice, tenant = data.get("n"), data.get("g", "default")
        if not isinstance(tenant, str):
            return None
        return Session(
            person,
            csrf,
            notice if isinstance(notice, str) else None,
            bool(data.get("t")),
            tenant,
        )

    def new_session(self, person: str, *, framed: bool = False, tenant: str) -> Session:
        return Session(person, secrets.token_urlsafe(32), framed=framed, tenant=tenant)

    def set_session(self, response: Response, session: Session) -> None:
        value = self._session.dumps(
            {
                "p": session.person,
                "c": session.csrf,
                "n": session.notice,
                "t": session.framed,
                "g": session.tenant,
            }
        )
        _set(response, SESSION_COOKIE, value, SESSION_SECONDS, framed=session.framed)

    def login(self, request: Request) -> Login | None:
        data = self._read(self._login, request.cookies.get(LOGIN_COOKIE), LOGIN_SECONDS)
        try:
            return Login(str(data["s"]), str(data["n"]), str(data["v"]), str(data["b"]))
        except KeyError:
            return None

    def set_login(self, response: Response, login: Login) -> None:
        value = self._login.dumps(
            {"s": login.state, "n": login.nonce, "v": login.verifier, "b": login.back}
        )
        _set(response, LOGIN_COOKIE, value, LOGIN_SECONDS)

    @staticmethod
    def _read(serializer: URLSafeTimedSerializer, value: str | None, age: int) -> dict[str, Any]:
        if not value:
            return {}
        try:
            data = serializer.loads(value, max_age=age)
        except BadSignature:  # tampered, another key, or expired (SignatureExpired)
            return {}
        return data if isinstance(data, dict) else {}


def _set(response: Response, name: str, value: str, age: int, *, framed: bool = False) -> None:
    """Secure and HttpOnly always. SameSite=Lax: the cookie comes along when the identity
    provider sends the browser back, never with another site's form (the CSRF token guards
    that as well). Inside the Teams frame a cookie must be SameSite=None; Partitioned keeps it
    to the Teams frame (CHIPS)."""
    response.set_cookie(
        name,
        value,
        max_age=age,
        path=PATH,
        secure=True,
        httponly=True,
        samesite="none" if framed else "lax",
    )
    if framed:  # Starlette writes Partitioned only on Python 3.14+: add it to our header
        for at in range(len(response.raw_headers) - 1, -1, -1):
            header, written = response.raw_headers[at]
            if header == b"set-cookie":
                response.raw_headers[at] = (header, written + b"; Partitioned")
                break


def clear(response: Response) -> None:
    for name in (SESSION_COOKIE, LOGIN_COOKIE):
        response.delete_cookie(name, path=PATH, secure=True, httponly=True, samesite="lax")


def csrf_ok(session: Session, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(session.csrf, given)
