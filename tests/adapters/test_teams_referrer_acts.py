"""Issue 20, point 6 in Teams: a referrer types `verwijzing status <kenmerk>` and
`verwijzing intrekken <kenmerk>` in the personal chat (Bot Framework JWT from the fake
login, reply through the fake Bot Connector); a professional who tries is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.app.referrals.intake import submit_referral, take_referral
from bot.domain.model import Consent
from bot.domain.rules import Rules
from store.schema.cases import Referral
from store.uow import UnitOfWork
from tests.adapters.teams_env import Served, fakes, serve
from tests.adapters.test_teams_loop import DEWI_CHAT
from tests.world import make_world

VOS_AAD = "8c2f1e0a-0000-4000-8000-0000000000aa"


@pytest.fixture
def served(
    engine: Engine, rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    make_world(engine, rules)
    with UnitOfWork(engine) as uow:  # the wijkagent's force uses Teams
        vos = uow.directory.person(id="wijkagent-vos")
        assert vos is not None
        vos.teams_id = VOS_AAD
        uow.commit()
    with fakes(tmp_path, monkeypatch) as the_fakes, serve(engine, the_fakes) as app:
        yield app


def types(served: Served, words: str, *, aad: str | None = None) -> None:
    body = served.activity("message_text", text=f"<at>terugkoppel</at> {words}")
    if aad is not None:
        body["from"] = {"id": "29:1Vos", "name": "Wijkagent Vos", "aadObjectId": aad}
    assert served.post(body).status_code == 200


def test_a_referrer_asks_the_status_and_withdraws_in_teams(
    served: Served, engine: Engine, rules: Rules
) -> None:
    connector = served.fakes.connector
    now = datetime.now(UTC)
    done = submit_referral(
        UnitOfWork(engine),
        rules,
        team="st-zuid",
        referrer="wijkagent-vos",
        external_ref="ZM-2026-777",
        consent=Consent.NONE,
        now=now,
    )
    take_referral(UnitOfWork(engine), rules, referral_id=done.id, by="dewi", now=now)

    types(served, "verwijzing status ZM-2026-777", aad=VOS_AAD)
    [*_, reply] = connector.posted(DEWI_CHAT)
    # without consent: what a receipt says, no name of the professional
    assert reply.text == f"Stand van {done.case_ref} bij Sociaal team Zuid: ontvangen."

    types(served, "verwijzing status ZM-2026-777")  # Dewi is no referrer
    [*_, refused] = connector.posted(DEWI_CHAT)
    assert refused.text.startswith("Dit mag niet voor ZM-2026-777.")

    types(served, f"verwijzing intrekken {done.case_ref}", aad=VOS_AAD)
    [*_, withdrawn] = connector.posted(DEWI_CHAT)
    assert withdrawn.text == f"U heeft {done.case_ref} ingetrokken. Wij laten het team dat weten."
    with UnitOfWork(engine) as uow:
        referral = uow.session.get(Referral, done.id)
        assert referral is not None and referral.status == "withdrawn"
