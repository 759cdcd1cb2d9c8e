#!/usr/bin/env bash
# Every benchmark under tests/benchmarks, one process each (a time budget each), then
# tests/benchmarks/RESULTS.md: the machine and, per figure, ours, the baseline measured in
# the same run, the ratio, the target, met or not (see tests/benchmarks/figures.py).
#
#   scripts/bench.sh                 # every bench_*.py
#   scripts/bench.sh list verify     # only bench_list.py and bench_verify.py
#
# LICENSEAPP_BENCH_DB: the 100,000-application database (default /tmp/big.db, made by the
# benchmarks that need it when missing, not timed). BENCH_BUDGET: seconds per benchmark
# (default 150): one that runs over is stopped and shown as such.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export LICENSEAPP_BENCH_DB=${LICENSEAPP_BENCH_DB:-/tmp/big.db}
# As an installed product runs: byte-code compiled and used, output buffered.
unset PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED
"$PY" -m compileall -q licenseapp tests/benchmarks >/dev/null
OUT=$(mktemp -d /tmp/licenseapp-bench.XXXXXX)
BUDGET=${BENCH_BUDGET:-150}
if [ $# -gt 0 ]; then
  benches=()
  for name in "$@"; do name=${name#bench_}; benches+=("tests/benchmarks/bench_${name%.py}.py"); done
else
  benches=(tests/benchmarks/bench_*.py)
fi
start=$(date +%s)
for bench in "${benches[@]}"; do
  name=$(basename "$bench" .py)
  echo "== $name"
  t0=$(date +%s)
  timeout --signal=INT --kill-after=10 "$BUDGET" "$PY" "$bench" >"$OUT/$name.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - t0 ))
  case $rc in
    0) echo "ran in ${took} s" >"$OUT/$name.status" ;;
    124|130|137) echo "stopped after the ${BUDGET} s budget" >"$OUT/$name.status" ;;
    *) echo "failed (exit $rc) after ${took} s" >"$OUT/$name.status" ;;
  esac
  echo "   $(cat "$OUT/$name.status")"
done
"$PY" tests/benchmarks/figures.py "$OUT" tests/benchmarks/RESULTS.md
echo "== all in $(( $(date +%s) - start )) s; tests/benchmarks/RESULTS.md written (logs in $OUT)"
