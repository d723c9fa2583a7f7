"""The regional digest: each municipality's figures of one week and their sum over the
region, small numbers suppressed in both (bot/domain/suppression.py).

The figures are read tenant by tenant, each in its own units of work and with the
municipality's own rules (norm, calendar): the scoping is never lifted. A municipality's
line is a cell of the region's total, so each column is shown as a breakdown: a hidden
cell cannot be recovered as the total minus the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.app.digest import frozen
from bot.app.digest.figures import week_label
from bot.app.tenant_rules import rules_for
from bot.app.tenants import TenantInfo, tenant_scope
from bot.domain.rules import Rules
from bot.domain.suppression import SUPPRESSED
from bot.messages import text
from store.uow import UnitOfWork

# The count columns, in the order they are shown (the within-norm share comes second).
COUNTS = ("new", "open_escalations", "overdue", "stalled")


@dataclass(frozen=True)
class MunicipalFigures:
    tenant: str
    name: str
    new: int
    within: int
    measured: int
    open_escalations: int
    overdue: int
    stalled: int


@dataclass(frozen=True)
class Regional:
    week: str
    municipalities: list[MunicipalFigures]

    def total(self, column: str) -> int:
        return sum(int(getattr(m, column)) for m in self.municipalities)


def compute(
    uow_for: Callable[[str], UnitOfWork],
    rules: Rules,
    *,
    tenants: Sequence[TenantInfo],
    monday: date,
    now: datetime,
) -> Regional:
    """Every municipality's digest of the week (the municipal one: all teams, no names)."""
    found: list[MunicipalFigures] = []
    for tenant in tenants:
        with tenant_scope(tenant.id):
            digest = frozen.figures(
                uow_for(tenant.id),
                rules_for(rules, tenant.id),
                team=None,
                monday=monday,
                now=now,
                municipal=True,
            )
        found.append(
            MunicipalFigures(
                tenant=tenant.id,
                name=tenant.name,
                new=digest.new_referrals,
                within=digest.within,
                measured=digest.measured,
                open_escalations=digest.open_escalations,
                overdue=digest.overdue_total,
                stalled=digest.stalled,
            )
        )
    return Regional(week_label(monday), found)


def shown(regional: Regional) -> list[list[str]]:
    """The rows as shown: one a municipality, the region's total last; every count through
    the suppression, the within-norm share only where neither side is small."""
    show = SUPPRESSED
    columns: dict[str, tuple[str, dict[str, str]]] = {
        column: show.breakdown({m.tenant: int(getattr(m, column)) for m in regional.municipalities})
        for column in COUNTS
    }

    def share(within: int, measured: int) -> str:
        value = show.share(within, measured)
        return "-" if value is None else f"{value:.0%}"

    rows = []
    for m in regional.municipalities:
        rows.append(
            [
                m.name,
                columns["new"][1][m.tenant],
                share(m.within, m.measured),
                *(columns[c][1][m.tenant] for c in COUNTS[1:]),
            ]
        )
    rows.append(
        [
            "",
            columns["new"][0],
            share(regional.total("within"), regional.total("measured")),
            *(columns[c][0] for c in COUNTS[1:]),
        ]
    )
    return rows


def as_text(regional: Regional, language: str) -> str:
    rows = shown(regional)
    rows[-1][0] = text("regio.total", language, count=len(regional.municipalities))
    out = [
        text("regio.title", language, week=regional.week),
        text("regio.note", language),
        "",
        text("regio.columns", language),
        *("\t".join(row) for row in rows),
    ]
    return "\n".join(out)
