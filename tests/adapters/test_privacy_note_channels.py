"""A refused note comes back to its writer with a plain hint per kind and the found parts
marked (issue 19): the Slack note modal's `response_action: errors`, and the reply that
Slack and Teams get from the service (whose check includes the directory's names)."""

from __future__ import annotations

import json

import pytest

from adapters.slack import inbound
from adapters.slack.views import view_errors
from bot.domain import privacy_guard
from bot.domain.errors import NoteRefused
from bot.messages import text


def note_view(note: str) -> dict[str, object]:
    return {
        "private_metadata": json.dumps({"prompt": "7", "language": "nl"}),
        "state": {
            "values": {
                inbound.ANSWER: {inbound.ANSWER: {"selected_option": {"value": "7:contact_made"}}},
                inbound.NOTE: {inbound.NOTE: {"value": note}},
            }
        },
    }


def test_the_slack_note_modal_shows_the_hint_and_the_note_marked() -> None:
    form, problems = inbound.note_form(note_view("Gesprek met emma, bel 06 12345678"))
    assert form is None
    errors = view_errors(problems, "nl")
    assert "dit lijkt een telefoonnummer" in errors[inbound.NOTE]
    assert "dit lijkt een naam" in errors[inbound.NOTE]
    assert "Gesprek met ⟦emma⟧, bel ⟦06 12345678⟧" in errors[inbound.NOTE]
    assert problems[inbound.NOTE][1]["kinds"] == "phone+name"  # the audit's kinds


def test_the_slack_note_modal_passes_an_ordinary_note() -> None:
    form, problems = inbound.note_form(note_view("Contact gehad met school, volgende week overleg"))
    assert problems == {}
    assert form is not None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_service_refusal_carries_findings_never_the_note(language: str) -> None:
    note = "bsn 123.456.782 genoteerd"
    found = privacy_guard.check(note)
    refused = NoteRefused(tuple(found), found="x", marked=privacy_guard.marked(note, found))
    assert "123" not in str(refused)  # an exception's text may reach a log
    sentence = text(refused.key, language, **refused.params)
    assert "⟦123.456.782⟧" in sentence


def test_the_note_in_parts_marks_what_marked_marks() -> None:
    note = "Gesprek met emma, bel 06 12345678"
    found = privacy_guard.check(note)
    parts = privacy_guard.pieces(note, found)
    assert "".join(part for part, _ in parts) == note  # nothing lost, nothing added
    assert [part for part, hit in parts if hit] == ["emma", "06 12345678"]
    assert privacy_guard.marked(note, found) == "Gesprek met ⟦emma⟧, bel ⟦06 12345678⟧"
