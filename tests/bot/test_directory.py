"""The directory import: YAML and CSV, idempotent upserts, people who leave, all-or-nothing."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import SQLModel, select

from bot.app.directory.importer import ImportReport, import_directory, load_file
from bot.domain.errors import DirectoryInvalid
from bot.messages import Message, text
from store.schema.directory import ContactAssignment, OnCall, Organisation, Person, Team
from store.uow import UnitOfWork

PAYLOADS = Path(__file__).parent.parent / "payloads" / "directory"
YAML_FILE = PAYLOADS / "directory.yaml"
CSV_FOLDER = PAYLOADS / "csv"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ROWS_IN_SAMPLE = 3 + 2 + 6 + 2 + 1  # organisations, teams, people, contacts, on_call


def sample() -> dict[str, list[dict[str, Any]]]:
    return copy.deepcopy(load_file(YAML_FILE))


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every directory row, without surrogate keys, in a stable order."""
    tables: tuple[type[SQLModel], ...] = (Organisation, Team, Person, ContactAssignment, OnCall)
    with UnitOfWork(engine) as uow:
        return {
            table.__name__: sorted(
                (
                    row.model_dump(
                        exclude={"id"} if table in (ContactAssignment, OnCall) else set()
                    )
                    for row in uow.session.exec(select(table)).all()
                ),
                key=repr,
            )
            for table in tables
        }


def run(engine: Engine, data: dict[str, Any], *, now: datetime = NOW) -> ImportReport:
    return import_directory(UnitOfWork(engine), data, now=now)


def refused(engine: Engine, data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(DirectoryInvalid) as caught:
        run(engine, data)
    return caught.value.params


def person(engine: Engine, person_id: str) -> Person:
    with UnitOfWork(engine) as uow:
        row = uow.directory.person(id=person_id)
    assert row is not None
    return row


def test_yaml_import_creates_every_row(engine: Engine) -> None:
    report = run(engine, sample())

    assert report == ImportReport(created=ROWS_IN_SAMPLE, updated=0, unchanged=0, left=0)
    with UnitOfWork(engine) as uow:
        noord, zuid = uow.directory.team(id="jt-noord"), uow.directory.team(id="jt-zuid")
        pair = uow.directory.contact_for(team="jt-noord", partner="hap-noord")
        rota = uow.directory.on_call(team="jt-noord", day=date(2026, 11, 25))
        assert len(uow.directory.organisations()) == 3
    assert noord is not None and zuid is not None and pair is not None and rota is not None
    assert (noord.case_prefix, noord.intake_platform, noord.intake_address) == (
        "JT-NOORD",
        "slack",
        "C0INTAKE1",
    )
    assert (zuid.case_prefix, zuid.intake_platform, zuid.intake_address) == (
        "JT-ZD",
        "teams",
        "19:abc@thread.tacv2",
    )
    bram = person(engine, "bram")
    assert bram.roles == "coordinator professional"
    assert bram.teams_id == "8c2f1e0a-0000-4000-8000-000000000001"
    assert (bram.team_id, bram.language, bram.active) == ("jt-noord", "nl", True)
    assert person(engine, "chantal").language == "en"
    assert person(engine, "dr-bakker").organisation_id == "hap-noord"
    assert (pair.primary_id, pair.backup_id) == ("anna", "bram")
    assert rota.person_id == "bram"


def test_csv_folder_gives_the_same_rows_as_yaml(engine: Engine) -> None:
    csv_report = run(engine, load_file(CSV_FOLDER))
    from_csv = snapshot(engine)

    yaml_report = run(engine, sample())

    assert csv_report.created == ROWS_IN_SAMPLE
    assert yaml_report == ImportReport(created=0, updated=0, unchanged=ROWS_IN_SAMPLE, left=0)
    assert snapshot(engine) == from_csv


def test_second_import_of_the_same_file_changes_nothing(engine: Engine) -> None:
    run(engine, sample())
    before = snapshot(engine)

    report = run(engine, sample(), now=NOW + timedelta(days=7))

    assert report == ImportReport(created=0, updated=0, unchanged=ROWS_IN_SAMPLE, left=0)
    assert snapshot(engine) == before


def test_person_missing_from_a_later_import_is_marked_left_not_deleted(engine: Engine) -> None:
    run(engine, sample())
    later = sample()
    later["people"] = [p for p in later["people"] if p["id"] != "juf-els"]
    later_now = NOW + timedelta(days=30)

    report = run(engine, later, now=later_now)

    assert report.left == 1 and report.created == 0 and report.updated == 0
    els = person(engine, "juf-els")
    assert els.active is False
    assert els.left_at == later_now
    assert run(engine, later, now=later_now + timedelta(days=1)).left == 0


def test_person_who_reappears_is_active_again(engine: Engine) -> None:
    run(engine, sample())
    without = sample()
    without["people"] = [p for p in without["people"] if p["id"] != "juf-els"]
    run(engine, without)

    report = run(engine, sample(), now=NOW + timedelta(days=60))

    assert report == ImportReport(created=0, updated=1, unchanged=ROWS_IN_SAMPLE - 1, left=0)
    els = person(engine, "juf-els")
    assert (els.active, els.left_at) == (True, None)


def test_sections_absent_from_the_input_are_not_touched(engine: Engine) -> None:
    run(engine, sample())
    before = snapshot(engine)

    report = run(engine, {"organisations": sample()["organisations"]})

    assert report == ImportReport(created=0, updated=0, unchanged=3, left=0)
    assert snapshot(engine) == before


def test_single_people_csv_only_touches_people(engine: Engine, tmp_path: Path) -> None:
    run(engine, sample())
    before = snapshot(engine)
    lines = (CSV_FOLDER / "people.csv").read_text().splitlines()
    kept = [
        line.replace("Anna de Vries", "Anna van Dijk") for line in lines if "juf-els" not in line
    ]
    people_csv = tmp_path / "people.csv"
    people_csv.write_text("\n".join(kept) + "\n")

    data = load_file(people_csv)
    report = run(engine, data)

    assert list(data) == ["people"]
    assert report == ImportReport(created=0, updated=1, unchanged=4, left=1)
    after = snapshot(engine)
    for table in ("Organisation", "Team", "ContactAssignment", "OnCall"):
        assert after[table] == before[table]
    assert person(engine, "anna").name == "Anna van Dijk"


def test_contact_pair_missing_from_a_later_import_is_removed(engine: Engine) -> None:
    run(engine, sample())
    later = sample()
    later["contacts"] = later["contacts"][:1]

    report = run(engine, later)

    assert report.removed == 1
    with UnitOfWork(engine) as uow:
        pairs = [(c.team_id, c.partner_id) for c in uow.directory.contact_assignments()]
    assert pairs == [("jt-noord", "hap-noord")]


def test_corrected_rota_replaces_the_coming_shift(engine: Engine) -> None:
    run(engine, sample())
    later = sample()
    later["on_call"] = [
        {"team": "jt-noord", "person": "anna", "from": "2026-11-23", "to": "2026-11-29"}
    ]

    report = run(engine, later)

    assert (report.created, report.removed) == (1, 1)
    with UnitOfWork(engine) as uow:
        shift = uow.directory.on_call(team="jt-noord", day=date(2026, 11, 24))
    assert shift is not None and shift.person_id == "anna"


def test_invalid_person_refuses_the_whole_file_and_stores_nothing(engine: Engine) -> None:
    data = sample()
    data["people"] = [
        *data["people"][:5],
        {
            "id": "eva",
            "name": "Eva",
            "email": "eva-at-jt-noord",
            "team": "jt-noord",
            "roles": ["professional"],
        },
    ]

    params = refused(engine, data)

    assert (params["entry"], params["field"]) == ("people[6] (id=eva)", "email")
    assert dutch(params["problem"]) == "'eva-at-jt-noord' lijkt geen e-mailadres"
    assert all(not rows for rows in snapshot(engine).values())


def test_invalid_later_import_leaves_existing_data_untouched(engine: Engine) -> None:
    run(engine, sample())
    before = snapshot(engine)
    later = sample()
    later["organisations"][0]["name"] = "Huisartsen Noord"  # valid change, must not land
    later["people"] = later["people"][:-1]  # juf-els would be marked as left
    later["contacts"][1]["primary"] = "nobody"

    params = refused(engine, later)

    assert params["entry"] == "contacts[2] (team=jt-zuid, partner=obs-de-linde)"
    assert params["field"] == "primary"
    assert snapshot(engine) == before


def test_unknown_team_reference_is_refused(engine: Engine) -> None:
    data = sample()
    data["people"][0]["team"] = "jt-oost"

    params = refused(engine, data)

    assert (params["entry"], params["field"]) == ("people[1] (id=anna)", "team")
    assert dutch(params["problem"]) == ("er is geen team 'jt-oost' in het bestand of de database")


def test_team_already_in_the_database_may_be_referenced(engine: Engine) -> None:
    run(engine, sample())
    newcomer = {
        "id": "fleur",
        "name": "Fleur",
        "email": "fleur@jt-zuid.example",
        "team": "jt-zuid",
        "roles": "professional",
    }

    report = run(engine, {"people": [*sample()["people"], newcomer]})

    assert (report.created, report.unchanged) == (1, 6)
    assert person(engine, "fleur").team_id == "jt-zuid"


def test_contact_whose_primary_is_in_another_team_is_refused(engine: Engine) -> None:
    data = sample()
    data["contacts"][0]["primary"] = "chantal"

    params = refused(engine, data)

    assert (params["entry"], params["field"]) == (
        "contacts[1] (team=jt-noord, partner=hap-noord)",
        "primary",
    )
    assert "jt-zuid" in dutch(params["problem"])


def test_duplicate_id_is_refused(engine: Engine) -> None:
    data = sample()
    data["people"].append({**data["people"][0], "slack": None, "email": "anna2@jt-noord.example"})

    params = refused(engine, data)

    assert (params["entry"], params["field"]) == ("people[7] (id=anna)", "id")
    assert dutch(params["problem"]).startswith("'anna' staat ook bij people[1]")


@pytest.mark.parametrize(
    ("section", "index", "change", "field"),
    [
        ("people", 0, {"roles": []}, "roles"),
        ("people", 0, {"roles": ["professional", "admin"]}, "roles"),
        ("people", 0, {"language": "de"}, "language"),
        ("people", 0, {"id": "Anna"}, "id"),
        ("people", 0, {"slack": "anna"}, "slack"),
        ("people", 0, {"team": None}, "team"),
        ("people", 4, {"organisation": None}, "organisation"),
        ("people", 0, {"phone": "0612345678"}, "phone"),
        ("organisations", 0, {"kind": "hospital"}, "kind"),
        ("teams", 0, {"intake": {"slack": "C0INTAKE1", "teams": "19:x@thread.tacv2"}}, "intake"),
        ("teams", 0, {"case_prefix": "JEUGDTEAM-NOORD-OOST"}, "case_prefix"),
        ("contacts", 0, {"backup": "anna"}, "backup"),
        ("on_call", 0, {"to": "2026-11-20"}, "to"),
    ],
)
def test_invalid_fields_are_refused_with_entry_and_field(
    engine: Engine, section: str, index: int, change: dict[str, Any], field: str
) -> None:
    data = sample()
    data[section][index].update(change)

    params = refused(engine, data)

    assert params["entry"].startswith(f"{section}[{index + 1}]")
    assert params["field"] == field
    assert all(not rows for rows in snapshot(engine).values())


def test_unknown_section_is_refused(engine: Engine, tmp_path: Path) -> None:
    data: dict[str, Any] = {**sample(), "staff": []}
    yaml_file = tmp_path / "directory.yaml"
    yaml_file.write_text("staff:\n  - {id: anna}\n")

    assert refused(engine, data)["entry"] == "staff"
    with pytest.raises(DirectoryInvalid) as caught:
        load_file(yaml_file)
    assert (caught.value.params["entry"], caught.value.params["field"]) == ("staff", "-")


def dutch(problem: object) -> str:
    """The problem as the operator reads it: a catalogue text, in Dutch."""
    assert isinstance(problem, Message), problem
    return text(problem.key, "nl", **problem.params)


def test_bad_yaml_syntax_is_refused_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "directory.yaml"
    broken.write_text("people:\n  - {id: anna, name: Anna\n  - {id: bram}\n")

    with pytest.raises(DirectoryInvalid) as caught:
        load_file(broken)

    assert caught.value.params["entry"] == "directory.yaml"
    problem = caught.value.params["problem"]
    assert isinstance(problem, Message) and problem.key == "directory.bad_yaml"
    assert text(problem.key, "nl", **problem.params) == "dit is geen geldige YAML (regel 3)"


@pytest.mark.parametrize(
    ("name", "content", "entry", "field"),
    [
        ("staff.csv", "id,name\nanna,Anna\n", "staff.csv", "-"),
        ("people.csv", "id,name,phone\nanna,Anna,06\n", "people.csv", "phone"),
        ("people.csv", "id,name\nanna,Anna,extra\n", "people.csv", "-"),
        ("people.txt", "id,name\n", "people.txt", "-"),
        ("missing.yaml", None, "missing.yaml", "-"),
    ],
)
def test_unreadable_or_malformed_files_are_refused(
    tmp_path: Path, name: str, content: str | None, entry: str, field: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)

    with pytest.raises(DirectoryInvalid) as caught:
        load_file(path)

    assert caught.value.params["entry"].endswith(entry)
    assert caught.value.params["field"] == field


def test_case_prefix_is_derived_from_a_long_id(engine: Engine) -> None:
    team = {
        "id": "jeugdteam-noord-oost",
        "name": "Jeugdteam Noord-Oost",
        "intake": {"slack": "C0OOST"},
    }

    run(engine, {"teams": [team]})

    with UnitOfWork(engine) as uow:
        stored = uow.directory.team(id="jeugdteam-noord-oost")
    assert stored is not None and stored.case_prefix == "JEUGDTEAM-NOORD"
