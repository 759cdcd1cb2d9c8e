#!/usr/bin/env bash
# Every benchmark under tests/benchmarks, one process each (a time budget each), then
# tests/benchmarks/RESULTS.md: the machine, the whole run's wall time and, per figure, ours,
# the baseline measured in the same run, the ratio, the target, met or not (see
# tests/benchmarks/figures.py). The whole run must stay under 10 minutes on a 2-core
# machine: LICENSEAPP_BENCH_SUITE=1 tells each benchmark it runs in the suite, where some
# take a smaller size or fewer repeats (each says which in its figures and output).
#
#   scripts/bench.sh                 # every bench_*.py
#   scripts/bench.sh list verify     # only bench_list.py and bench_verify.py
#
# LICENSEAPP_BENCH_DB: the 100,000-application database (default /tmp/big.db, made by the
# benchmarks that need it when missing, not timed; never written: a benchmark that writes
# copies it). bench_cli_growth.py also uses /tmp/g1k.db and /tmp/g10k.db (made once).
# BENCH_BUDGET: seconds per benchmark (default 150): one that runs over is stopped and
# shown as such. A bench_*.py without a __main__ is a helper (bench_data.py), not run.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export LICENSEAPP_BENCH_DB=${LICENSEAPP_BENCH_DB:-/tmp/big.db}
export LICENSEAPP_BENCH_SUITE=1
# As an installed product runs: byte-code compiled and used, output buffered.
unset PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED
start=$(date +%s)
"$PY" -m compileall -q licenseapp tests/benchmarks >/dev/null
OUT=$(mktemp -d /tmp/licenseapp-bench.XXXXXX)
BUDGET=${BENCH_BUDGET:-150}
if [ $# -gt 0 ]; then
  benches=()
  for name in "$@"; do name=${name#bench_}; benches+=("tests/benchmarks/bench_${name%.py}.py"); done
else
  benches=(tests/benchmarks/bench_*.py)
fi
for bench in "${benches[@]}"; do
  grep -q '__main__' "$bench" || continue
  name=$(basename "$bench" .py)
  echo "== $name"
  t0=$(date +%s)
  # Its scratch files (databases of up to a gigabyte) in a folder removed after it.
  scratch=$(mktemp -d /tmp/licenseapp-bench-tmp.XXXXXX)
  TMPDIR=$scratch timeout --signal=INT --kill-after=10 "$BUDGET" "$PY" "$bench" \
    >"$OUT/$name.log" 2>&1
  rc=$?
  rm -rf "$scratch"
  took=$(( $(date +%s) - t0 ))
  case $rc in
    0) echo "ran in ${took} s" >"$OUT/$name.status" ;;
    124|130|137) echo "stopped after the ${BUDGET} s budget" >"$OUT/$name.status" ;;
    *) echo "failed (exit $rc) after ${took} s" >"$OUT/$name.status" ;;
  esac
  echo "   $(cat "$OUT/$name.status")"
done
took=$(( $(date +%s) - start ))
"$PY" tests/benchmarks/figures.py "$OUT" tests/benchmarks/RESULTS.md "$took"
echo "== all in $took s; tests/benchmarks/RESULTS.md written (logs in $OUT)"
