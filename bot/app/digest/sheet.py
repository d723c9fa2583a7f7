"""The digest as a CSV sheet that Excel opens as it is: in Dutch a `;` between the columns, a
`,` in decimals, Dutch headers and labels, and a UTF-8 byte order mark (without it Excel reads
the file as Windows-1252 and breaks `—` and `ö`). In English: `,`, `.` and English words.

One row per figure: week, team, label (in words), value, code (a stable English name for
scripts). Values are suppressed exactly as in the text (bot/domain/suppression.py)."""

from __future__ import annotations

import csv
import io

from bot.app.digest.figures import AGE_BUCKETS, Digest
from bot.app.digest.render import disclosure, trend_new
from bot.messages import text

BOM = "\ufeff"


def as_csv(digest: Digest, language: str = "nl") -> str:
    def t(key: str, **params: object) -> str:
        return text(key, language, **params)

    def number(value: float | None, digits: int) -> str:
        if value is None:
            return ""
        shown = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
        return shown.replace(".", ",") if language == "nl" else shown

    def pct(share: float | None) -> str:
        return "" if share is None else number(share * 100, 1)

    show = disclosure(digest)
    if digest.municipal:
        team = t("digest.csv_municipality")
    else:
        team = digest.team_name or digest.team or t("digest.csv_all_teams")
    week = digest.week
    rows: list[tuple[str, str, str, object]] = []

    def add(week_label: str, code: str, label: str, value: object) -> None:
        rows.append((week_label, code, label, value))

    def figure(code: str, value: object, **params: object) -> None:
        add(week, code, t(f"digest.csv.{code}", **params), value)

    total, kinds = show.breakdown(digest.new_by_kind)
    figure("new_referrals", total)
    for kind, count in sorted(kinds.items()):
        add(
            week,
            f"new_referrals_{kind}",
            t("digest.csv.new_referrals_kind", kind=t(f"kind.{kind}")),
            count,
        )
    due, cells = show.breakdown({"within": digest.within, "late": digest.measured - digest.within})
    share = show.share(digest.within, digest.measured)
    median = show.statistic(digest.spread.median, digest.spread.count)
    p90 = show.statistic(digest.spread.p90, digest.spread.count)
    average = show.statistic(digest.scores.average, digest.scores.count)
    overdue, ages = show.breakdown(digest.overdue_by_age)
    figure("first_feedback_within_norm", cells["within"], norm=digest.norm)
    figure("first_feedback_measured", due)
    figure("first_feedback_within_norm_share", pct(share))
    figure("first_feedback_with_working_days", show.coarse(digest.spread.count))
    figure("median_working_days_to_first_feedback", number(median, 1))
    figure("p90_working_days_to_first_feedback", number(p90, 1))
    figure("open_prompts", show.count(digest.open_prompts))
    figure("escalations", show.count(digest.escalations))
    figure("open_escalations", show.count(digest.open_escalations))
    figure("overdue_handovers", overdue)
    figure("stalled_care_escalations", show.count(digest.stalled))
    for leg, wait in digest.waits.items():
        step = t(f"digest.leg.{leg}")
        for code, value in (
            ("wait_referrals", show.coarse(wait.count)),
            ("wait_median", number(show.statistic(wait.median, wait.count), 1)),
            ("wait_p80", number(show.statistic(wait.p80, wait.count), 1)),
        ):
            add(
                week,
                f"{code.replace('wait', f'wait_{leg}', 1)}",
                t(f"digest.csv.{code}", leg=step),
                value,
            )
    for bucket, _ in AGE_BUCKETS:
        code = f"overdue_handovers_{bucket}_working_days"
        add(week, code, t("digest.csv.overdue_handovers_age", age=bucket), ages.get(bucket, ""))
    figure("partners_without_contact", show.count(digest.partner_gaps))
    figure("satisfaction_answers", show.count(digest.scores.count))
    figure("satisfaction_average", number(average, 2))
    for trend, new in zip(digest.trend, trend_new(digest, show), strict=True):
        trend_share = show.share(trend.within, trend.measured)
        score = show.statistic(trend.scores.average, trend.scores.count)
        for code, value in (
            ("trend_new_referrals", new),
            ("trend_first_feedback_within_norm_share", pct(trend_share)),
            ("trend_satisfaction_average", number(score, 2)),
        ):
            add(trend.week, code, t(f"digest.csv.{code}"), value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if language == "nl" else ",", lineterminator="\r\n")
    writer.writerow(
        [
            t("digest.csv_week"),
            t("digest.csv_team"),
            t("digest.csv_label"),
            t("digest.csv_value"),
            t("digest.csv_code"),
        ]
    )
    for week_label, code, label, shown in rows:
        writer.writerow([week_label, team, label, shown, code])
    return BOM + buffer.getvalue()
