#!/usr/bin/env bash
# The whole check: lint, types, import layers, the test suite on SQLite, then again on
# PostgreSQL when LICENSEAPP_TEST_PG_URL names a server (postgresql+psycopg://user@host:port/db).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

echo "== ruff"
"$VENV/bin/ruff" check licenseapp tests
echo "== mypy"
"$VENV/bin/mypy"
echo "== import contracts (pyproject.toml [tool.importlinter])"
"$VENV/bin/lint-imports"
echo "== tests on SQLite"
env -u LICENSEAPP_TEST_PG_URL "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
if [ -n "${LICENSEAPP_TEST_PG_URL:-}" ]; then
  echo "== tests on PostgreSQL"
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
else
  echo "== PostgreSQL tests skipped: set LICENSEAPP_TEST_PG_URL to run the suite on a server"
fi
