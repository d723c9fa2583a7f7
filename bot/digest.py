"""The coordinators' weekly digest: figures for a team (or all teams) and their rendering."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot.messages import text
from bot.rules import Rules
from bot.services import notify
from store.uow import UnitOfWork


@dataclass(frozen=True)
class Digest:
    team: str | None
    team_name: str | None
    week: str
    norm: int
    new_by_kind: dict[str, int]
    within: int
    measured: int
    median_days: float | None
    open_prompts: int
    escalations: int
    overdue_handovers: list[tuple[str, str, int]] = field(default_factory=list)
    partners_without_contact: list[str] = field(default_factory=list)

    @property
    def new_referrals(self) -> int:
        return sum(self.new_by_kind.values())

    @property
    def within_share(self) -> float | None:
        return self.within / self.measured if self.measured else None


def parse_week(value: str) -> date:
    """'2026-W48' → the Monday of that ISO week; ValueError when it is not such a week."""
    year, _, week = value.upper().partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def compute(
    uow: UnitOfWork,
    rules: Rules,
    *,
    team: str | None,
    monday: date,
    now: datetime,
    days: int = 7,
    label: str | None = None,
) -> Digest:
    """Figures for referrals received in the period, measured as they stand at `now`."""
    tz = rules.calendar.tz
    start = datetime.combine(monday, time(0), tz)
    end = datetime.combine(monday + timedelta(days=days), time(0), tz)
    as_of = now
    with uow:
        the_team = uow.directory.team(id=team) if team else None
        counts = uow.reports.within_norm(
            team=team, start=start, end=end, norm=rules.feedback_norm, as_of=as_of
        )
        overdue = [
            (
                h.case_ref,
                _team_name(uow, h.to_team),
                rules.calendar.working_days_between(h.due_at, as_of),
            )
            for h in uow.reports.overdue_handovers(team=team, as_of=as_of)
        ]
        gaps = []
        for pair in uow.reports.contact_pairs(team=team):
            people = [
                uow.directory.person(id=pid or "") for pid in (pair.primary_id, pair.backup_id)
            ]
            if not any(notify.is_reachable(uow, rules, p, as_of) for p in people):
                partner = uow.directory.organisation(id=pair.partner_id)
                gaps.append(partner.name if partner else pair.partner_id)
        return Digest(
            team=team,
            team_name=the_team.name if the_team else None,
            week=label or week_label(monday),
            norm=rules.feedback_norm,
            new_by_kind=uow.reports.new_by_kind(team=team, start=start, end=end),
            within=counts.within,
            measured=counts.measured,
            median_days=uow.reports.median_days_to_feedback(team=team, start=start, end=end),
            open_prompts=uow.reports.open_prompts(team=team),
            escalations=uow.reports.escalations(team=team, start=start, end=end),
            overdue_handovers=overdue,
            partners_without_contact=sorted(gaps),
        )


def _team_name(uow: UnitOfWork, team_id: str) -> str:
    team = uow.directory.team(id=team_id)
    return team.name if team else team_id


def lines(digest: Digest, language: str = "nl") -> list[str]:
    def t(key: str, **params: object) -> str:
        return text(key, language, **params)

    scope = digest.team_name or t("digest.municipality")
    out = [
        t("digest.title", team=scope, week=digest.week)
        if digest.week[:4].isdigit() and "-W" in digest.week
        else t("digest.title_period", team=scope, period=digest.week),
        t("digest.new_referrals", count=digest.new_referrals),
    ]
    for kind, count in sorted(digest.new_by_kind.items()):
        out.append(t("digest.by_kind", kind=t(f"kind.{kind}"), count=count))
    share = digest.within_share
    if share is None:
        out.append(t("digest.within_norm_none", norm=digest.norm))
    else:
        out.append(
            t(
                "digest.within_norm",
                norm=digest.norm,
                share=f"{share:.0%}",
                within=digest.within,
                due=digest.measured,
            )
        )
    if digest.median_days is not None:
        out.append(t("digest.median", median=f"{digest.median_days:g}"))
    out.append(t("digest.open_prompts", count=digest.open_prompts))
    out.append(t("digest.escalations", count=digest.escalations))
    out.append(t("digest.overdue_handovers", count=len(digest.overdue_handovers)))
    for case_ref, to_team, days in digest.overdue_handovers:
        out.append(t("digest.overdue_handover", case_ref=case_ref, to_team=to_team, days=days))
    out.append(t("digest.no_contact", count=len(digest.partners_without_contact)))
    for partner in digest.partners_without_contact:
        out.append(t("digest.no_contact_partner", partner=partner))
    return out


def as_text(digest: Digest, language: str = "nl") -> str:
    return "\n".join(lines(digest, language))


def as_html(digest: Digest, language: str = "nl") -> str:
    body = lines(digest, language)
    items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in body[1:])
    return f"<h1>{html.escape(body[0])}</h1>\n<ul>{items}</ul>\n"


def as_csv(digest: Digest) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["week", "team", "metric", "value"])
    team = digest.team or "*"
    rows: list[tuple[str, object]] = [("new_referrals", digest.new_referrals)]
    rows += [(f"new_referrals_{kind}", n) for kind, n in sorted(digest.new_by_kind.items())]
    rows += [
        ("first_feedback_within_norm", digest.within),
        ("first_feedback_measured", digest.measured),
        (
            "median_working_days_to_first_feedback",
            digest.median_days if digest.median_days is not None else "",
        ),
        ("open_prompts", digest.open_prompts),
        ("escalations", digest.escalations),
        ("overdue_handovers", len(digest.overdue_handovers)),
        ("partners_without_contact", len(digest.partners_without_contact)),
    ]
    for metric, value in rows:
        writer.writerow([digest.week, team, metric, value])
    return buffer.getvalue()
