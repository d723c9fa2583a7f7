"""The guard's quality on the corpus (issue 19): recall ≥ 99 % per kind on identifiers as
professionals type them, false positives ≤ 1 % on ordinary notes. A quality assertion,
not a timed one; tests/bench/bench_privacy_guard.py prints the figures."""

from __future__ import annotations

from bot.domain import privacy_guard
from tests.privacy_corpus import HANDWRITTEN, caught, handwritten_spans, score


def _check(note: str) -> list[tuple[str, int, int]]:
    return [(f.kind, f.start, f.end) for f in privacy_guard.check(note)]


def test_recall_per_kind_and_false_positives_meet_the_goal() -> None:
    result = score(_check, per_kind=150)
    recall = result["recall"]
    assert isinstance(recall, dict)
    low = {kind: value for kind, value in recall.items() if value < 0.99}
    assert low == {}, result["missed"]
    assert result["false_positive_rate"] <= 0.01, result["false_positives"]


def test_every_variant_named_in_the_issue_is_caught() -> None:
    spans = list(handwritten_spans())
    assert len(spans) == len(HANDWRITTEN)
    for kind, note, start, end in spans:
        assert caught(_check(note), kind, note, start, end), (kind, note)


def test_what_the_old_guard_refused_as_dates_passes() -> None:
    assert privacy_guard.check("Score 7/10") == []
    assert privacy_guard.check("Fase 2-3") == []


def test_spans_index_the_original_text() -> None:
    note = "tel\u00a006\u00a01234\u00a05678 of jan＠gmail.com"
    found = privacy_guard.check(note)
    assert [(f.kind, note[f.start : f.end]) for f in found] == [
        ("phone", "06\u00a01234\u00a05678"),
        ("email", "jan＠gmail.com"),
    ]
    assert privacy_guard.marked(note, found) == (
        "tel\u00a0⟦06\u00a01234\u00a05678⟧ of ⟦jan＠gmail.com⟧"
    )


def test_directory_and_configured_names_still_count() -> None:
    patterns = privacy_guard.name_patterns(("Xandrijn",), ("Wijkagent Vos",))
    found = privacy_guard.check("overleg met Xandrijn en Vos", patterns=patterns)
    assert [f.kind for f in found] == ["name", "name"]
