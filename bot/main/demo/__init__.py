"""`terugkoppel demo`: two simulated weeks in a small municipality, printed as chat."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.rule import Rule
from sqlmodel import col, select

from bot.app.chat.actor import actor_of
from bot.app.chat.referrer_acts import referrer_act
from bot.app.contacts import record_absence
from bot.app.data import Data
from bot.app.digest import figures as digests
from bot.app.digest import render
from bot.app.directory.importer import import_directory
from bot.app.handovers import decide_handover, request_handover
from bot.app.prompts import answer_prompt
from bot.app.referrals.intake import submit_referral, take_referral
from bot.app.tenants import tenant_scope
from bot.domain.errors import TerugkoppelError
from bot.domain.model import PromptKind, PromptState
from bot.domain.rules import Rules
from bot.main.demo import overview_shot, regie, rivierdal
from bot.main.demo.files import keep
from bot.main.demo.script import (
    SCRIPT,
    START,
    AcceptHandover,
    Away,
    Click,
    DeclineReferral,
    Event,
    Refer,
    ReferrerTypes,
    RefuseHandover,
    RequestHandover,
    SetLead,
    Take,
    moment,
)
from bot.main.settings import Settings
from bot.main.wiring import build
from bot.messages import text
from reminders.scheduler import run_tick
from store.db import upgrade
from store.schema.cases import Prompt
from store.schema.directory import Person
from store.uow import UnitOfWork

STEP = timedelta(minutes=15)
DIRECTORY = Path(__file__).parent / "oosterwaard.yaml"


class Simulation:
    def __init__(self, console: Console, folder: Path, language: str) -> None:
        settings = Settings(
            database_url=f"sqlite:///{folder / 'demo.db'}",
            console_output=True,
            _env_file=None,
        )
        self.container = build(settings, console=console)
        printer = self.container.console
        if printer is not None:  # the digest charts stay in the demo's folder
            printer.attachments = folder / "charts"
            printer.explain_language = "nl"  # the municipality's language
            printer.note_language = language
        self.folder = folder
        self.rules: Rules = self.container.rules
        self.engine = self.container.engine
        self.console = console
        self.language = language
        self.referrals: dict[str, int] = {}

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def name(self, person_id: str) -> str:
        with self.uow() as uow:
            person: Person | None = uow.directory.person(id=person_id)
            return person.name if person else person_id

    def narrate(self, who: str, key: str, **params: object) -> None:
        what = text(key, self.language, **params)
        line = text("demo.event", self.language, who=self.name(who), what=what)
        self.console.print(f"      [italic magenta]{line}[/]", highlight=False)

    def team_name(self, team_id: str) -> str:
        with self.uow() as uow:
            team = uow.directory.team(id=team_id)
            return team.name if team else team_id

    def case_ref(self, external_ref: str) -> str:
        with self.uow() as uow:
            referral = uow.referrals.get(id=self.referrals[external_ref])
            case = uow.cases.get(id=referral.case_id) if referral else None
            return case.ref if case else external_ref

    def apply(self, event: Event, now: datetime) -> None:
        try:
            self._apply(event, now)
        except TerugkoppelError as exc:
            person = getattr(event, "person", "?")
            with self.uow() as uow:
                who = uow.directory.person(id=person)
                language = who.language if who else "nl"
            reply = text(exc.key, language, **exc.params)
            self.console.print(f"      [bold red]terugkoppel → {self.name(person)}:[/] {reply}")

    def _apply(self, event: Event, now: datetime) -> None:
        rules = self.rules
        if isinstance(event, Refer):
            consent = text(f"consent.{event.consent.value}", self.language)
            self.narrate(
                event.referrer,
                "demo.submits",
                external_ref=event.external_ref,
                team=self.team_name(event.team),
                consent=consent,
            )
            result = submit_referral(
                self.uow(),
                rules,
                team=event.team,
                referrer=event.referrer,
                external_ref=event.external_ref,
                consent=event.consent,
                urgent=event.urgent,
                now=now,
                source="demo",
            )
            self.referrals[event.external_ref] = result.id
        elif isinstance(event, Take):
            label = text("action.take", self.language)
            self.narrate(
                event.person, "demo.clicks", label=label, case_ref=self.case_ref(event.external_ref)
            )
            take_referral(
                self.uow(),
                rules,
                referral_id=self.referrals[event.external_ref],
                by=event.person,
                now=now,
            )
        elif isinstance(event, Click):
            prompt_id = self._prompt(event.external_ref, answered=event.again)
            label = text(f"action.{event.answer.value}", self.language)
            self.narrate(
                event.person, "demo.clicks", label=label, case_ref=self.case_ref(event.external_ref)
            )
            answer_prompt(
                self.uow(),
                rules,
                prompt_id=prompt_id,
                answer=event.answer,
                by=event.person,
                now=now,
                note=event.note,
                channel="demo",
            )
        elif isinstance(event, RequestHandover):
            with self.uow() as uow:
                team = uow.directory.team(id=event.to_team)
            self.narrate(
                event.person,
                "demo.requests_handover",
                to_team=team.name if team else event.to_team,
                case_ref=self.case_ref(event.external_ref),
            )
            request_handover(
                self.uow(),
                rules,
                referral_id=self.referrals[event.external_ref],
                to_team=event.to_team,
                by=event.person,
                now=now,
                warm=event.warm,
            )
        elif isinstance(event, AcceptHandover):
            with self.uow() as uow:
                handover = uow.handovers.open_for(referral=self.referrals[event.external_ref])[0]
            label = text("action.accept", self.language)
            self.narrate(
                event.person, "demo.clicks", label=label, case_ref=self.case_ref(event.external_ref)
            )
            decide_handover(
                self.uow(),
                rules,
                handover_id=handover.id or 0,
                accept=True,
                by=event.person,
                now=now,
            )
        elif isinstance(event, RefuseHandover | DeclineReferral | SetLead):
            regie.apply(self, event, now)  # issue 20: bot/main/demo/regie.py
        elif isinstance(event, ReferrerTypes):
            self._referrer_types(event, now)
        elif isinstance(event, Away):
            self.narrate(event.person, "demo.marks_absent", until=rules.day_text(event.until))
            record_absence(
                self.uow(),
                rules,
                person=event.person,
                starts_on=rules.today(now),
                ends_on=event.until,
                now=now,
            )

    def _referrer_types(self, event: ReferrerTypes, now: datetime) -> None:
        """The referrer's words as in Slack or Teams; the answer as the chat shows it."""
        self.narrate(event.person, "demo.types", words=f"/verwijzing {event.words}")
        with self.uow() as uow:
            row = uow.directory.person(id=event.person)
            assert row is not None
            actor = actor_of(row)
        answer = asyncio.run(
            referrer_act(Data(self.engine), self.rules, actor, event.words, now, "demo")
        )
        self.console.print(
            f"      [bold]terugkoppel → {actor.name}:[/] {answer.body()}", highlight=False
        )

    def _prompt(self, external_ref: str, *, answered: bool) -> int:
        with self.uow() as uow:
            stmt = select(Prompt).where(
                Prompt.referral_id == self.referrals[external_ref],
                Prompt.kind == PromptKind.FEEDBACK,
            )
            if answered:
                stmt = stmt.where(Prompt.state == PromptState.ANSWERED)
            else:
                stmt = stmt.where(col(Prompt.closed_at).is_(None))
            prompt = uow.session.exec(stmt.order_by(col(Prompt.id).desc())).first()
            assert prompt is not None and prompt.id is not None
            return prompt.id


def run_demo(
    console: Console, *, days: int = 15, language: str = "nl", folder: Path | None = None
) -> Path:
    """Runs the simulation; the database, the digests and the charts stay in `folder` (a new
    folder in the system's temporary folder by default), which it names at the end."""
    where = folder or Path(tempfile.mkdtemp(prefix="terugkoppel-demo-"))
    where.mkdir(parents=True, exist_ok=True)
    sim = Simulation(console, where, language)
    try:
        end = _run(sim, days=days)
        # the overview's address, and a screenshot of the coordinator's page (issue 21)
        overview_shot.finish(console, sim.container, now=end, language=language, folder=where)
    finally:
        sim.engine.dispose()
    console.print()
    console.print(text("demo.kept", language, folder=where), markup=False, soft_wrap=True)
    return where


def _run(sim: Simulation, *, days: int) -> datetime:
    """The simulation; returns its last moment."""
    console, rules = sim.console, sim.rules
    upgrade(sim.engine)  # first: the rules read each municipality's settings from it
    tz = rules.calendar.tz
    start = datetime.combine(START, datetime.min.time(), tz).astimezone(UTC)
    end = start + timedelta(days=days)
    directory = yaml.safe_load(DIRECTORY.read_text("utf-8"))
    import_directory(sim.uow(), directory, now=start)
    console.print(
        Rule(
            text(
                "demo.title",
                sim.language,
                start=rules.day_text(start),
                end=rules.day_text(end - timedelta(seconds=1)),
            )
        )
    )
    _legend(sim, directory)
    second = rivierdal.Rivierdal(sim, start)  # a second municipality, its own tenant
    events = sorted(((moment(parts, tz), event) for parts, event in SCRIPT), key=lambda e: e[0])
    steps = int((end - start) / STEP)
    printer = sim.container.console
    # One event loop (and one thread pool) for the whole simulation: a loop per step would
    # start and stop its worker threads some 1,500 times.
    with (
        asyncio.Runner() as runner,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[day]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(text("demo.progress", sim.language), total=steps, day="")
        now, day_shown = start, None
        for _ in range(steps):
            local = rules.calendar.local(now)
            if local.date() != day_shown:
                day_shown = local.date()
                _day_header(sim, local)
                progress.update(task, day=rules.day_text(local))
            if printer is not None:
                printer.now = local
            while events and events[0][0] <= now:
                when, event = events.pop(0)
                if printer is not None:
                    printer.now = rules.calendar.local(when)
                sim.apply(event, when.astimezone(UTC))
                # what the click or referral caused goes out at once, as it would in chat
                runner.run(sim.container.dispatcher.run(now=when.astimezone(UTC)))
            if printer is not None:
                printer.now = local
            second.step(now)
            runner.run(run_tick(sim.engine, rules, sim.container.dispatcher, now=now))
            now += STEP
            progress.advance(task)
    _summary(sim, start, end)
    return end - timedelta(seconds=1)


def _legend(sim: Simulation, directory: dict[str, Any]) -> None:
    """How to read what follows; and names for the intake channels, which are no person."""
    language = sim.language
    english = [p["name"] for p in directory.get("people", []) if p.get("language") == "en"]
    lines = ["demo.legend_title", "demo.legend_icons", "demo.legend_events", "demo.legend_refs"]
    said = [text(key, language) for key in lines]
    said += [text("demo.legend_language", language, name=name) for name in english]
    sim.console.print("\n".join(said), markup=False, highlight=False)
    printer = sim.container.console
    if printer is not None:
        for team in directory.get("teams", []):
            for address in (team.get("intake") or {}).values():
                printer.names[str(address)] = text("demo.intake", language, team=team["name"])


def _day_header(sim: Simulation, local: datetime) -> None:
    rules, language = sim.rules, sim.language
    weekday = text(f"weekday.{local.weekday()}", language)
    holiday = rules.calendar.holiday_name(local.date())
    if holiday:
        line = text(
            "demo.holiday", language, weekday=weekday, date=rules.day_text(local), holiday=holiday
        )
    else:
        line = text("demo.day", language, weekday=weekday, date=rules.day_text(local))
    sim.console.print()
    sim.console.print(f"[bold yellow]── {line}[/]")


def _summary(sim: Simulation, start: datetime, end: datetime) -> None:
    console, rules = sim.console, sim.rules
    with sim.uow() as uow:
        referrals = uow.referrals.count()
        messages = sum(1 for row in uow.outbox.all() if row.sent_at is not None)
        escalations = uow.escalations.count()
    counts = {"referrals": referrals, "messages": messages, "escalations": escalations}
    console.print()
    console.print(Rule(text("demo.summary", sim.language, **counts)))
    first, last = rules.today(start), rules.today(end - timedelta(seconds=1))
    period = f"{rules.day_text(first)} – {rules.day_text(last)}"
    with sim.uow() as uow:
        teams = [t.id for t in uow.directory.teams()]
    for team in [*teams, None]:
        figures = digests.compute(
            sim.uow(),
            rules,
            team=team,
            monday=first,
            now=end,
            days=(last - first).days + 1,
            label=period,
            municipal=team is None,
        )
        console.print()
        console.print(render.as_text(figures, sim.language), markup=False)
        keep(sim.folder, sim.language, figures, name=team or "gemeente")
    with tenant_scope(rivierdal.TENANT):  # the second municipality's own digest
        figures = digests.compute(
            sim.uow(), rules, team=None, monday=first, now=end,
            days=(last - first).days + 1, label=period, municipal=True,
        )  # fmt: skip
    console.print("\n" + render.as_text(figures, sim.language), markup=False)
    keep(sim.folder, sim.language, figures, name=rivierdal.TENANT)
