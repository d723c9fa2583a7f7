"""/overzicht: the overview page, sign-in (OpenID Connect, or the Teams tab's SSO token),
sign-out and the two actions (answer a prompt, assign a referral). Every form carries the
session's CSRF token; every refusal is a 4xx page with one plain sentence, nothing stored."""

# No `from __future__ import annotations`: FastAPI reads the route annotations at run time.

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from adapters.web import session as cookies_
from adapters.web.oidc import Identity, OidcClient, SignInFailed
from adapters.web.render import page, sentence
from adapters.web.session import Cookies, Session
from adapters.web.teams_tab import TeamsSso
from bot.app.chat.actor import Actor
from bot.app.data import Data
from bot.app.overview import access, acts, pages
from bot.app.tenants import (
    IdentityKinds,
    TenantFinder,
    enter_tenant,
    refuse_identity,
    valid_tenant,
)
from bot.domain.rules import Rules
from bot.logs import get_logger
from bot.messages import Language, text

log = get_logger("terugkoppel.overview")
STATIC = Path(__file__).parent / "static"
MAX_FIELDS = 8
MAX_AGE_FILTER = 999


def mount_overview(
    app: FastAPI,
    data: Data,
    rules: Rules,
    *,
    cookies: Cookies,
    oidc: OidcClient | None,
    teams: TeamsSso | None,
    language: Language,
    clock: Callable[[], datetime] | None = None,
) -> None:
    """`oidc` None: sign-in is not configured and the page says so (404: there is no
    overview here; a 5xx would mean the service is broken)."""
    app.mount("/overzicht/static", StaticFiles(directory=STATIC), name="overview-static")
    app.include_router(_router(data, rules, cookies, oidc, teams, language, clock))


def _router(
    data: Data,
    rules: Rules,
    cookies: Cookies,
    oidc: OidcClient | None,
    teams: TeamsSso | None,
    fallback: Language,
    clock: Callable[[], datetime] | None,
) -> APIRouter:
    now = clock or (lambda: datetime.now(UTC))
    router = APIRouter(include_in_schema=False)

    finder = TenantFinder(data.uow)

    async def signed_in(request: Request) -> tuple[Session, Actor] | None:
        """The session's person; from here on the request works in the session's tenant."""
        found = cookies.session(request)
        if found is None or not valid_tenant(found.tenant):
            return None
        enter_tenant(found.tenant)
        person = await run_in_threadpool(access.viewer, data, found.person)
        return (found, person) if person is not None else None

    @router.get("/overzicht")
    async def overview(request: Request) -> Response:
        current = await signed_in(request)
        if current is None:
            if oidc is None:
                return sentence(
                    "overview.not_configured", language=fallback, status=404, link=False
                )
            return RedirectResponse("/overzicht/inloggen", status_code=303)
        found, person = current
        chosen = _filter(request)
        if chosen is None:
            return sentence("overview.bad_form", language=person.language, status=400)
        response = await run_in_threadpool(_show, found, person, chosen)
        if found.notice:  # shown once
            cookies.set_session(response, found.with_notice(None))
        return response

    def _show(found: Session, person: Actor, chosen: pages.Filter) -> HTMLResponse:
        moment = now()
        mine = pages.mine(data, rules, person, now=moment)
        team = pages.team_work(data, rules, person, now=moment, chosen=chosen)
        shown = mine.case_refs() + (team.case_refs() if team else [])
        view = "coordinator" if team else "professional"
        access.audit_shown(data, person, view=view, case_refs=shown, now=moment)
        return page(
            "overzicht.html",
            language=person.language,
            framed=found.framed,
            name=person.name,
            updated=_updated(person, moment),
            notice=found.notice,
            csrf=found.csrf,
            mine=mine,
            team=team,
            weeks=str(pages.FIGURE_WEEKS),
        )

    def _updated(person: Actor, moment: datetime) -> str:
        return text("overview.updated", person.language, at=rules.moment_text(moment))

    @router.get("/overzicht/inloggen")
    async def sign_in() -> Response:
        if oidc is None:
            return sentence("overview.not_configured", language=fallback, status=404, link=False)
        try:
            url, login = await oidc.start("/overzicht")
        except SignInFailed as exc:
            log.warning("sign-in unavailable", why=exc.why)
            return sentence("overview.sign_in_failed", language=fallback, status=502, link=False)
        response = RedirectResponse(url, status_code=303)
        cookies.set_login(response, login)
        return response

    @router.get("/overzicht/callback")
    async def callback(request: Request) -> Response:
        if oidc is None:
            return sentence("overview.not_configured", language=fallback, status=404, link=False)
        login = cookies.login(request)
        code, state = request.query_params.get("code"), request.query_params.get("state")
        if login is None or not code or state != login.state or len(code) > 4096:
            log.info("sign-in refused", why="state, code or login cookie missing or wrong")
            return sentence("overview.sign_in_failed", language=fallback, status=400, link=False)
        try:
            identity = await oidc.finish(code=code, login=login)
        except SignInFailed as exc:
            log.warning("sign-in refused", why=exc.why)
            return sentence("overview.sign_in_failed", language=fallback, status=400, link=False)
        return await _start_session(identity, framed=False, back=login.back)

    async def _start_session(identity: Identity, *, framed: bool, back: str) -> Response:
        # The account's Microsoft 365 tenant says whose municipality it signs in to.
        tenant = await finder.find_soon(
            IdentityKinds.TEAMS, identity.tid, registered_only=identity.strict
        )
        if tenant is None:
            await run_in_threadpool(
                lambda: refuse_identity(
                    data.uow(), kind=IdentityKinds.TEAMS, external_id=identity.tid, now=now()
                )
            )
            return sentence("overview.unknown", language=fallback, status=403, link=False)
        enter_tenant(tenant)  # the sign-in and its audit rows are the tenant's
        try:
            person = await run_in_threadpool(
                lambda: access.sign_in(
                    data, oid=identity.oid, email=identity.email, subject=identity.subject,
                    now=now(),
                )
            )  # fmt: skip
        except access.Refused as refused:
            return sentence(refused.key, language=fallback, status=refused.status, link=False)
        log.info("signed in", person=person.id, framed=framed)
        response: Response = (
            Response(status_code=204) if framed else RedirectResponse(back, status_code=303)
        )
        response.delete_cookie(cookies_.LOGIN_COOKIE, path=cookies_.PATH)
        cookies.set_session(response, cookies.new_session(person.id, framed=framed, tenant=tenant))
        return response

    @router.get("/overzicht/teams")
    def teams_tab() -> HTMLResponse:
        return page("tab.html", language=fallback, framed=True)

    @router.post("/overzicht/teams/sessie")
    async def teams_session(request: Request) -> Response:
        given = request.headers.get("authorization", "")
        if teams is None or not given.startswith("Bearer ") or len(given) > 16384:
            return Response(status_code=401 if teams is not None else 404)
        try:
            identity = await teams.identity(given.removeprefix("Bearer ").strip())
        except SignInFailed as exc:
            log.warning("teams sign-in refused", why=exc.why)
            return Response(status_code=401)
        return await _start_session(identity, framed=True, back="/overzicht")

    @router.post("/overzicht/uitloggen")
    async def sign_out(request: Request) -> Response:
        form = _form(await request.body())
        found = cookies.session(request)
        if found is not None and not cookies_.csrf_ok(found, form.get("csrf")):
            return sentence("overview.expired", language=fallback, status=403)
        response = page("signed_out.html", language=fallback)
        cookies_.clear(response)
        return response

    @router.post("/overzicht/antwoord")
    async def answer(request: Request) -> Response:
        form = _form(await request.body())
        checked = await _checked(request, form)
        if isinstance(checked, Response):
            return checked
        found, person = checked
        done = await acts.answer(
            data, rules, person, prompt=form.get("prompt", ""), choice=form.get("answer", ""),
            now=now(),
        )  # fmt: skip
        return _after(found, person, done)

    @router.post("/overzicht/toewijzen")
    async def assign(request: Request) -> Response:
        form = _form(await request.body())
        checked = await _checked(request, form)
        if isinstance(checked, Response):
            return checked
        found, person = checked
        done = await acts.assign(
            data, rules, person, referral=form.get("referral", ""), to=form.get("to", ""),
            now=now(),
        )  # fmt: skip
        return _after(found, person, done)

    async def _checked(request: Request, form: dict[str, str]) -> tuple[Session, Actor] | Response:
        current = await signed_in(request)
        if current is None:
            return sentence("overview.expired", language=fallback, status=401)
        found, person = current
        if not cookies_.csrf_ok(found, form.get("csrf")):
            log.info("form refused", why="csrf", person=person.id)
            return sentence("overview.expired", language=person.language, status=403)
        return found, person

    def _after(found: Session, person: Actor, done: acts.Done) -> Response:
        """Done: back to the page (post/redirect/get) with the result as a notice; refused:
        the sentence with its 4xx status."""
        if done.status != 200:
            response = page(
                "sentence.html", language=person.language, status=done.status,
                framed=found.framed, sentence=done.sentence, link=True,
            )  # fmt: skip
            return response
        redirect = RedirectResponse("/overzicht", status_code=303)
        cookies.set_session(redirect, found.with_notice(done.sentence[:500]))
        return redirect

    return router


def _filter(request: Request) -> pages.Filter | None:
    partner = request.query_params.get("verwijzer") or None
    age = request.query_params.get("leeftijd") or "0"
    if partner is not None and len(partner) > 64:
        return None
    if not age.isdigit() or int(age) > MAX_AGE_FILTER:
        return None
    return pages.Filter(partner=partner, min_age=int(age))


def _form(body: bytes) -> dict[str, str]:
    """An urlencoded form's first value per field (no python-multipart; the HTTP guard has
    already limited the body)."""
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return {}
    return {name: values[0][:200] for name, values in parsed.items() if values}
