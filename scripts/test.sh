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
# CI also builds the one-folder bundle and runs it (tests/packaging, about 3 minutes), once:
# with the SQLite run. Elsewhere only when asked: LICENSEAPP_TEST_BUNDLE=1.
if [ "${CI:-}" = "true" ]; then export LICENSEAPP_TEST_BUNDLE=${LICENSEAPP_TEST_BUNDLE:-1}; fi
echo "== tests on SQLite"
env -u LICENSEAPP_TEST_PG_URL "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
if [ -n "${LICENSEAPP_TEST_PG_URL:-}" ]; then
  echo "== tests on PostgreSQL"
  env -u LICENSEAPP_TEST_BUNDLE "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
else
  echo "== PostgreSQL tests skipped: set LICENSEAPP_TEST_PG_URL to run the suite on a server"
fi
