"""A team's own norms from the directory file (YAML and CSV), checked like every field, and
the defaults for a team that sets none."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.app.directory.importer import import_directory, load_file
from bot.domain.errors import DirectoryInvalid
from bot.domain.rules import Norms, Rules
from store.uow import UnitOfWork

PAYLOADS = Path(__file__).parent.parent / "payloads" / "directory"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def sample() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(load_file(PAYLOADS / "directory.yaml"))


def norms(engine: Engine, team: str, rules: Rules) -> Norms:
    with UnitOfWork(engine) as uow:
        return rules.norms(uow.directory.team(id=team))


def test_team_norms_from_yaml_go_before_the_defaults(engine: Engine) -> None:
    data = sample()
    data["teams"][0].update(feedback_norm=3, snooze_cap=2, stale_days=8, repage_minutes=10)
    import_directory(UnitOfWork(engine), data, now=NOW)
    rules = Rules(help_start=12)
    team = data["teams"][0]["id"]
    assert norms(engine, team, rules) == Norms(
        feedback=3, snooze_cap=2, help_start=12, stale=8, repage_minutes=10
    )
    other = data["teams"][1]["id"]
    assert norms(engine, other, rules) == Norms(5, 3, 12, 15, 15)


def test_team_norms_from_csv(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_text(
        "id;name;intake_slack;snooze_cap;help_start_days\njt-oost;Jeugdteam Oost;C0OOST;4;\n",
        encoding="utf-8",
    )
    import_directory(UnitOfWork(engine), load_file(tmp_path / "teams.csv"), now=NOW)
    found = norms(engine, "jt-oost", Rules())
    assert (found.snooze_cap, found.help_start) == (4, 10)


@pytest.mark.parametrize(
    ("field", "value"),
    [("snooze_cap", 0), ("repage_minutes", 1000), ("stale_days", "veel"), ("feedback_norm", -1)],
)
def test_a_bad_norm_refuses_the_file_naming_the_field(
    engine: Engine, field: str, value: object
) -> None:
    data = sample()
    data["teams"][0][field] = value
    with pytest.raises(DirectoryInvalid) as caught:
        import_directory(UnitOfWork(engine), data, now=NOW)
    assert caught.value.params["field"] == field
    with UnitOfWork(engine) as uow:
        assert list(uow.directory.teams()) == []  # nothing stored
