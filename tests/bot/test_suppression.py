"""Small-number suppression: the pure rules the municipal digest is rendered through."""

from __future__ import annotations

import itertools

import pytest

from bot.domain.suppression import AT_LEAST, EXACT, HIDDEN, SUPPRESSED


@pytest.mark.parametrize(("n", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (37, "37")])
def test_counts_of_one_to_four_are_hidden(n: int, shown: str) -> None:
    assert SUPPRESSED.count(n) == shown
    assert EXACT.count(n) == str(n)


def test_a_single_hidden_cell_cannot_be_recovered_from_the_total() -> None:
    total, cells = SUPPRESSED.breakdown({"gp": 12, "school": 7, "police": 4})
    assert total == "23"
    assert cells == {"gp": "12", "school": AT_LEAST, "police": HIDDEN}


def test_without_a_cell_large_enough_to_cover_them_the_total_is_hidden() -> None:
    assert SUPPRESSED.breakdown({"gp": 4, "school": 4, "jgz": 0})[0] == AT_LEAST
    assert SUPPRESSED.breakdown({"gp": 1, "school": 1})[0] == HIDDEN
    # 5 cannot cover a hidden 1: "≥5" and a total of 6 would leave only 1 + 5.
    assert SUPPRESSED.breakdown({"gp": 1, "school": 5}) == (AT_LEAST, {"gp": HIDDEN, "school": "5"})


def brute_force_leaks(cells: dict[str, int]) -> set[str]:
    """Cells whose exact value follows from what is shown: every assignment consistent
    with the shown text, and a cell is leaked when all of them agree on a small value."""
    total, shown = SUPPRESSED.breakdown(cells)

    def options(text: str) -> range:
        if text == HIDDEN:
            return range(1, 5)
        if text == AT_LEAST:
            return range(5, 40)
        return range(int(text), int(text) + 1)

    names = list(cells)
    seen: dict[str, set[int]] = {name: set() for name in names}
    for values in itertools.product(*(options(shown[name]) for name in names)):
        if total not in (HIDDEN, AT_LEAST) and sum(values) != int(total):
            continue
        if total == HIDDEN and not 0 < sum(values) < 5:
            continue
        if total == AT_LEAST and sum(values) < 5:
            continue
        for name, value in zip(names, values, strict=True):
            seen[name].add(value)
    return {name for name in names if len(seen[name]) == 1 and 0 < cells[name] < 5}


@pytest.mark.parametrize("values", list(itertools.product((0, 1, 2, 4, 5, 9), repeat=3)))
def test_no_small_cell_is_exactly_recoverable_by_differencing(values: tuple[int, ...]) -> None:
    cells = dict(zip(("gp", "school", "police"), values, strict=True))
    assert brute_force_leaks(cells) == set()


def test_shares_statistics_and_chart_values() -> None:
    assert SUPPRESSED.share(56, 60) is None  # 4 late would follow from 93 %
    assert SUPPRESSED.share(3, 60) is None
    assert SUPPRESSED.share(60, 60) == 1.0  # none late: nobody singled out
    assert SUPPRESSED.share(40, 60) == pytest.approx(2 / 3)
    assert EXACT.share(56, 60) == pytest.approx(56 / 60)
    assert SUPPRESSED.statistic(7.2, 4) is None and SUPPRESSED.statistic(7.2, 5) == 7.2
    assert SUPPRESSED.value(3) is None and SUPPRESSED.value(0) == 0
    assert SUPPRESSED.coarse(17) == AT_LEAST and SUPPRESSED.coarse(2) == HIDDEN
