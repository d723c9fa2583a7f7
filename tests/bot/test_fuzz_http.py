"""Every HTTP endpoint fuzzed with hypothesis (tests/fuzz_http.py): no request, however
malformed, gets a 5xx or a traceback, on SQLite and on PostgreSQL (where NUL bytes and
integer overflow are refused by the database itself). The bench (tests/bench/fuzz_http.py)
runs thousands of cases; here each group gets a modest number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.domain.rules import Rules
from tests.fuzz_http import STRATEGIES, Target, fuzz, target

EXAMPLES = 150


@pytest.fixture
def app(engine: Engine, rules: Rules, tmp_path: Path) -> Iterator[Target]:
    with target(engine, rules, tmp_path) as the_target:
        yield the_target


def test_no_request_to_any_endpoint_gets_a_5xx_or_a_traceback(app: Target) -> None:
    for name in STRATEGIES:
        fuzz(app, name, EXAMPLES)
    assert app.failures == []
    assert app.cases >= EXAMPLES * len(STRATEGIES) * 0.9
    assert any(status < 300 for status in app.statuses)  # not everything is refused
