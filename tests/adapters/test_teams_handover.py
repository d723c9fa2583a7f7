"""Issue 20 on the Teams fakes: Dewi types `overdracht`, `regie` and `afwijzen` in her chat
with the app; the same use cases as Slack, the CLI and REST answer her."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.adapters.test_teams_loop import DEWI_CHAT
from tests.adapters.test_teams_referrer_loop import dewi_types
from tests.world import make_world


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def test_overdracht_regie_and_afwijzen_typed_in_teams(
    served: Served, engine: Engine, rules: Rules
) -> None:
    connector = served.fakes.connector
    now = datetime.now(UTC) - timedelta(days=3)
    assert served.post(served.activity("installation_update_personal")).status_code == 200
    made = submit_referral(
        UnitOfWork(engine),
        rules,
        team="st-zuid",
        referrer="dr-bakker",
        external_ref="HAP-9020",
        consent=Consent.STATUS,
        now=now,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=made.id, by="dewi", now=now)
    case_ref = made.case_ref

    dewi_types(served, f"<at>terugkoppel</at> overdracht {case_ref} naar jt-noord warm")
    [*_, reply] = connector.posted(DEWI_CHAT)
    assert reply.text.startswith(f"Overdracht van {case_ref} aan Jeugdteam Noord gevraagd")
    dewi_types(served, f"<at>terugkoppel</at> regie {case_ref} fleur")
    [*_, reply] = connector.posted(DEWI_CHAT)
    assert reply.text == f"{case_ref}: Fleur Hendriks is nu de regisseur."
    dewi_types(served, f"<at>terugkoppel</at> afwijzen {case_ref} outside_area")
    [*_, reply] = connector.posted(DEWI_CHAT)
    assert reply.text.startswith(f"Dit mag niet voor {case_ref}")  # no coordinator
    dewi_types(served, "<at>terugkoppel</at> regie")
    [*_, reply] = connector.posted(DEWI_CHAT)
    assert reply.text.startswith("Zo kies je de regisseur")
    with UnitOfWork(engine) as uow:
        case = uow.cases.by_ref(ref=case_ref)
        assert case is not None and case.lead_id == "fleur"
