"""Issue 19 without HTTP: the external_ref rule, the API-key setting, constant-time key
lookup, case numbers from a counter (and the migration that seeds it), the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from pydantic import SecretStr, ValidationError
from sqlalchemy import Engine, event, select

from bot.app.apikeys import Authenticator, create_key, parse_setting
from bot.app.referrals.intake import submit_referral
from bot.domain import external_ref
from bot.domain.api_key_setting import ApiKeySettingInvalid
from bot.domain.errors import BadExternalRef
from bot.domain.model import Consent
from bot.domain.rules import Rules
from bot.main.settings import Settings
from store.db import alembic_config, upgrade
from store.schema.cases import Case, CaseCounter, Referral
from store.uow import UnitOfWork
from tests.world import local, make_world

NOW = local(2026, 4, 22, 9)


def test_the_external_ref_rule() -> None:
    for good in ("HAP-7781", "a", "2026/04.x_y-Z", "H" * 64):
        assert external_ref.problem(good) is None and external_ref.shown(good) == good
    for bad in ("HAP\r\n1", "HAP-1\n", "_x", "H" * 65, "", "é1"):
        error = external_ref.problem(bad)
        assert error is not None and error.key == "error.bad_external_ref"
        assert external_ref.shown(bad) == "—"
    for personal in ("0612345678", "Jan de Boer", "emma.jansen"):
        guarded = external_ref.problem(personal)
        assert guarded is not None and guarded.key == "error.external_ref_personal"
    assert external_ref.shown(None) == "—"


def test_intake_refuses_a_bad_external_ref_whichever_way_it_came(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    with pytest.raises(BadExternalRef):
        submit_referral(
            UnitOfWork(engine),
            rules,
            team="jt-noord",
            referrer="dr-bakker",
            external_ref="Jan de Boer",
            consent=Consent.STATUS,
            now=NOW,
            source="slack",
        )
    with UnitOfWork(engine) as uow:
        assert uow.referrals.count() == 0


def test_a_key_without_a_name_is_a_configuration_error_naming_the_setting() -> None:
    assert parse_setting("") == {}
    assert parse_setting("a:k1, b:k2") == {"a": "k1", "b": "k2"}
    for raw in ("geheim-zonder-naam", "a:k1,:k2", "a:k1,b:", "a:k1,a:k2", "x y:k"):
        with pytest.raises(ApiKeySettingInvalid):
            parse_setting(raw)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, api_keys=SecretStr("a:k1,geheim-zonder-naam"))  # type: ignore[call-arg]
    message = str(caught.value)
    assert "TERUGKOPPEL_API_KEYS" in message and "item 2" in message
    assert "geheim-zonder-naam" not in message  # a key is never echoed


def test_terugkoppel_check_names_the_api_keys_setting(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "terugkoppel"), "check"],
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            "TERUGKOPPEL_API_KEYS": "geheim-zonder-naam",
        },
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "TERUGKOPPEL_API_KEYS" in result.stderr and "heeft de vorm naam:sleutel" in result.stderr
    assert "geheim-zonder-naam" not in result.stderr + result.stdout


def test_known_unknown_and_configured_keys_do_the_same_work(engine: Engine, rules: Rules) -> None:
    make_world(engine, rules)
    key = create_key(UnitOfWork(engine), name="koppeling", now=NOW, organisation="hap-noord")
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    authenticate = Authenticator({"gemeente": "configured-key-0001"})
    event.listen(engine, "before_cursor_execute", seen)
    try:
        known = authenticate(UnitOfWork(engine), key)
        unknown = authenticate(UnitOfWork(engine), "tk_0000000000000000_" + "x" * 43)
        configured = authenticate(UnitOfWork(engine), "configured-key-0001")
        wrong = authenticate(UnitOfWork(engine), key[:-2] + "zz")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert known.client is not None and known.client.organisation == "hap-noord"
    assert unknown.client is None and unknown.refused is None
    assert configured.client is not None and configured.client.name == "gemeente"
    assert wrong.client is None and wrong.refused == "koppeling"
    # one and the same lookup statement for each (on PostgreSQL each transaction first
    # names its tenant for the row-level security policies: the same statement too)
    lookups = [s for s in statements if "api_keys" in s]
    assert len(lookups) == 4 and len(set(lookups)) == 1
    per_call = len(statements) // 4
    calls = {tuple(statements[i * per_call : (i + 1) * per_call]) for i in range(4)}
    assert len(statements) == 4 * per_call <= 8 and len(calls) == 1


def test_case_numbers_come_from_a_counter_per_prefix_and_year(engine: Engine, rules: Rules) -> None:
    make_world(engine, rules)
    refs = []
    for n, when in enumerate((NOW, NOW, local(2027, 1, 5, 9))):
        refs.append(
            submit_referral(
                UnitOfWork(engine),
                rules,
                team="jt-noord",
                referrer="dr-bakker",
                external_ref=f"HAP-{n}",
                consent=Consent.STATUS,
                now=when,
            ).case_ref
        )
    assert refs == ["JT-NRD-2026-0001", "JT-NRD-2026-0002", "JT-NRD-2027-0001"]
    with UnitOfWork(engine) as uow:
        counters = {c.prefix: c.last for c in uow.session.execute(select(CaseCounter)).scalars()}
    assert counters == {"JT-NRD-2026": 2, "JT-NRD-2027": 1}


def test_the_migration_gives_old_rows_public_ids_and_seeds_the_counters(
    engine: Engine, rules: Rules
) -> None:
    make_world(engine, rules)
    for n in range(3):
        submit_referral(
            UnitOfWork(engine),
            rules,
            team="jt-noord",
            referrer="dr-bakker",
            external_ref=f"HAP-{n}",
            consent=Consent.STATUS,
            now=NOW,
        )
    command.downgrade(alembic_config(engine), "0011")
    upgrade(engine)
    with UnitOfWork(engine) as uow:
        ids = [r.public_id for r in uow.session.execute(select(Referral)).scalars()]
        counters = {c.prefix: c.last for c in uow.session.execute(select(CaseCounter)).scalars()}
        cases = uow.session.execute(select(Case)).scalars().all()
    assert len(ids) == 3 and len(set(ids)) == 3 and all(len(i) == 16 for i in ids)
    assert counters == {"JT-NRD-2026": 3} and len(cases) == 3
    fourth = submit_referral(
        UnitOfWork(engine),
        rules,
        team="jt-noord",
        referrer="dr-bakker",
        external_ref="HAP-4",
        consent=Consent.STATUS,
        now=NOW,
    )
    assert fourth.case_ref == "JT-NRD-2026-0004"
