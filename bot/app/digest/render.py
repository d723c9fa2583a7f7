"""The digest as people read it: text and the chart's data, in their language (the HTML page
is bot/app/digest/page.py, the CSV sheet bot/app/digest/sheet.py).

Every figure passes the digest's Disclosure first (bot/domain/suppression.py): the municipal
digest never shows a count under 5, in any of the forms below.
"""

from __future__ import annotations

from typing import Any

from bot.app.digest.figures import AGE_BUCKETS, Digest, TrendWeek
from bot.domain.suppression import EXACT, SUPPRESSED, Disclosure
from bot.messages import text


def disclosure(digest: Digest) -> Disclosure:
    return SUPPRESSED if digest.municipal else EXACT


def decimal(value: float, language: str) -> str:
    """One decimal at most, with the language's decimal sign: 3, 7,4 (nl) / 7.4 (en)."""
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",") if language == "nl" else shown


def percent(share: float) -> str:
    return f"{share:.0%}"


def is_week(label: str) -> bool:
    return label[:4].isdigit() and "-W" in label


def trend_new(digest: Digest, show: Disclosure) -> list[str]:
    """Each trend week's new referrals as shown. The reported week's total is the same
    figure as the breakdown's, so it is shown the same way (hidden there: hidden here)."""
    total, _ = show.breakdown(digest.new_by_kind)
    return [total if week.week == digest.week else show.count(week.new) for week in digest.trend]


def lines(digest: Digest, language: str = "nl") -> list[str]:
    def t(key: str, **params: object) -> str:
        return text(key, language, **params)

    show = disclosure(digest)
    hidden = t("digest.hidden")
    out = [_title(digest, language), audience(digest, language)]
    if digest.municipal:
        out.append(t("digest.suppressed_note"))

    total, kinds = show.breakdown(digest.new_by_kind)
    out.append(t("digest.new_referrals", count=total))
    for kind, shown in sorted(kinds.items()):
        out.append(t("digest.by_kind", kind=t(f"kind.{kind}"), count=shown))

    out.append(_within_norm(digest, show, language))

    spread = digest.spread
    median = show.statistic(spread.median, spread.count)
    if spread.count == 0:
        out.append(t("digest.spread_none"))
    else:
        p90 = show.statistic(spread.p90, spread.count)
        out.append(
            t(
                "digest.spread",
                median=decimal(median, language) if median is not None else hidden,
                p90=decimal(p90, language) if p90 is not None else hidden,
                count=show.coarse(spread.count),
            )
        )

    out.append(t("digest.open_prompts", count=show.count(digest.open_prompts)))
    out.append(t("digest.escalations", count=show.count(digest.escalations)))
    out.append(t("digest.open_escalations", count=show.count(digest.open_escalations)))
    out.append(t("digest.stalled", count=show.count(digest.stalled)))
    out.extend(_waits(digest, show, language))

    overdue, ages = show.breakdown(digest.overdue_by_age)
    out.append(t("digest.overdue_handovers", count=overdue))
    for bucket, _ in AGE_BUCKETS:  # an empty bucket says nothing: left out
        if ages.get(bucket, "0") != "0":
            out.append(t("digest.overdue_age", age=bucket, count=ages[bucket]))
    for case_ref, to_team, days in digest.overdue_handovers:
        late = t("digest.one_working_day" if days == 1 else "digest.working_days", days=days)
        out.append(t("digest.overdue_handover", case_ref=case_ref, to_team=to_team, late=late))
    more = digest.overdue_total - len(digest.overdue_handovers)
    if digest.overdue_handovers and more > 0:
        out.append(t("digest.overdue_more", count=more))

    out.append(t("digest.no_contact", count=show.count(digest.partner_gaps)))
    for partner in digest.partners_without_contact:
        out.append(t("digest.no_contact_partner", partner=partner))

    scores = digest.scores
    if scores.count == 0:
        out.append(t("digest.satisfaction_none"))
    else:
        average = show.statistic(scores.average, scores.count)
        out.append(
            t(
                "digest.satisfaction",
                average=decimal(average, language) if average is not None else hidden,
                count=show.count(scores.count),
            )
        )

    if digest.trend:
        out.append(t("digest.trend", weeks=len(digest.trend)))
        for week, new in zip(digest.trend, trend_new(digest, show), strict=True):
            out.append(_trend_line(week, new, show, language))
    return out


def _waits(digest: Digest, show: Disclosure, language: str) -> list[str]:
    """Waiting times per milestone: median and 80th percentile, hidden under 5 referrals
    in the municipal digest (a team's own digest shows them exactly)."""
    if not digest.waits:
        return []
    hidden = text("digest.hidden", language)
    out = [text("digest.waits_title", language, weeks=digest.wait_weeks)]
    for leg, wait in digest.waits.items():
        name = text(f"digest.leg.{leg}", language)
        if wait.count == 0:
            out.append(text("digest.wait_leg_none", language, leg=name))
            continue
        median = show.statistic(wait.median, wait.count)
        p80 = show.statistic(wait.p80, wait.count)
        out.append(
            text(
                "digest.wait_leg",
                language,
                leg=name,
                median=decimal(median, language) if median is not None else hidden,
                p80=decimal(p80, language) if p80 is not None else hidden,
                count=show.coarse(wait.count),
            )
        )
    return out


def _title(digest: Digest, language: str) -> str:
    period = is_week(digest.week)
    if digest.municipal:
        key = "digest.title_municipal" if period else "digest.title_municipal_period"
        return text(key, language, week=digest.week, period=digest.week)
    scope = digest.team_name or text("digest.municipality", language)
    if period:
        return text("digest.title", language, team=scope, week=digest.week)
    return text("digest.title_period", language, team=scope, period=digest.week)


def audience(digest: Digest, language: str) -> str:
    """Who the digest is for, so a forwarded one still says it (the municipal one above all)."""
    if digest.municipal:
        return text("digest.audience_municipal", language)
    if digest.team_name:
        return text("digest.audience_team", language, team=digest.team_name)
    return text("digest.audience_all", language)


def _within_norm(digest: Digest, show: Disclosure, language: str) -> str:
    if digest.measured == 0:
        return text("digest.within_norm_none", language, norm=digest.norm)
    late = digest.measured - digest.within
    due, cells = show.breakdown({"within": digest.within, "late": late})
    share = show.share(digest.within, digest.measured)
    if share is None:
        return text(
            "digest.within_norm_hidden",
            language,
            norm=digest.norm,
            within=cells["within"],
            due=due,
        )
    return text(
        "digest.within_norm",
        language,
        norm=digest.norm,
        share=percent(share),
        within=cells["within"],
        due=due,
    )


def _trend_line(week: TrendWeek, new: str, show: Disclosure, language: str) -> str:
    hidden = text("digest.hidden", language)
    share = show.share(week.within, week.measured)
    score = show.statistic(week.scores.average, week.scores.count)
    return text(
        "digest.trend_week",
        language,
        week=week.week,
        new=new,
        share=percent(share) if share is not None else hidden,
        score=decimal(score, language) if score is not None else hidden,
    )


def as_text(digest: Digest, language: str = "nl") -> str:
    return "\n".join(lines(digest, language))


def chart_spec(digest: Digest, language: str = "nl") -> dict[str, Any]:
    """What the chart shows, already suppressed and in words: the outbox stores this, and
    the PNG is drawn from it at send time (bot/app/digest/chart.py)."""
    show = disclosure(digest)
    scope = (
        text("digest.municipality", language)
        if digest.municipal or not digest.team_name
        else digest.team_name
    )
    weeks = [week.week for week in digest.trend]
    labels = trend_new(digest, show)
    shares = [show.share(week.within, week.measured) for week in digest.trend]
    return {
        "title": text("digest.chart_title", language, scope=scope, weeks=len(weeks)),
        "weeks": [label.partition("-")[2] or label for label in weeks],
        "new": [
            week.new if label.isdigit() else None
            for week, label in zip(digest.trend, labels, strict=True)
        ],
        "new_labels": labels,
        "within": [None if share is None else round(share * 100, 1) for share in shares],
        "new_axis": text("digest.chart_new", language),
        "within_axis": text("digest.chart_within", language, norm=digest.norm),
        "note": text("digest.chart_hidden", language) if show.suppress else "",
        "alt": text(
            "digest.chart_alt",
            language,
            first=weeks[0] if weeks else "",
            last=weeks[-1] if weeks else "",
        ),
    }
