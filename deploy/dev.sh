#!/usr/bin/env bash
# Runs terugkoppel from a source checkout: creates .venv on first use (and whenever
# pyproject.toml changes), then runs the demo, the test suite, or any CLI verb.
#   bash deploy/dev.sh demo          two simulated weeks on SQLite, no credentials
#   bash deploy/dev.sh test [ARGS]   the whole test suite (pytest ARGS)
#   bash deploy/dev.sh cli VERB ...  any `terugkoppel` verb
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "terugkoppel needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
    exit 2
fi

stamp=".venv/.terugkoppel-installed"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Setting up .venv (first run only)..." >&2
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip >&2
    # setuptools' notes about editable installs are for packagers, not for a first run
    PYTHONWARNINGS="ignore::UserWarning" .venv/bin/python -m pip install --quiet -e ".[dev]" >&2
    echo "$wanted" > "$stamp"
fi

command="${1:-demo}"
shift || true
case "$command" in
    demo) exec .venv/bin/terugkoppel demo "$@" ;;
    test) exec .venv/bin/python -m pytest "$@" ;;
    cli) exec .venv/bin/terugkoppel "$@" ;;
    *) echo "usage: bash deploy/dev.sh demo | test [pytest args] | cli VERB [args]" >&2; exit 2 ;;
esac
