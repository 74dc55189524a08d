#!/usr/bin/env bash
# `latent probe` and the probe estimator against scikit-learn, repeated (issue 12, part 3).
#   bench/probe.sh [repeats=3] [latent=src/LatentSharp.Cli/bin/Release/net10.0/latent]
# Trains the issue's 256-D autoencoder code once (784-512-256, 1 epoch, seed 1), then per repeat:
#   - `latent probe RUN` (linear probe and 5-NN on the 60k codes and on raw pixels) under /usr/bin/time
#     (wall, user, sys, minor faults);
#   - `latent evaluate RUN --estimator probe` (the linear probe alone, whole process);
#   - scikit-learn's LogisticRegression (lbfgs, 100 and 300 iterations) on the same standardised codes
#     (bench/probe_sklearn.py, fit time only).
# Raw output and machine.txt go to bench/results/probe-<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
LATENT=${2:-src/LatentSharp.Cli/bin/Release/net10.0/latent}
PY=/usr/bin/python3
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/probe-$STAMP
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
source bench/machine-record.sh
{ echo "command: bench/probe.sh $REPEATS $LATENT"; machine_record; } | tee "$OUT/machine.txt"
RUN=$WORK/probe-ae
"$LATENT" train autoencoder --data fashion-mnist --hidden-sizes 512 --code-size 256 --epochs 1 --seed 1 --out "$RUN" > "$OUT/train.log" 2>&1
"$LATENT" encode "$RUN" --split train --out "$WORK/codes-train.csv" > /dev/null
"$LATENT" encode "$RUN" --split test --out "$WORK/codes-test.csv" > /dev/null
timed() { /usr/bin/time -f "wall %e s user %U s sys %S s minor faults %R" "$@"; }
for ((r = 1; r <= REPEATS; r++)); do
  echo "== repeat $r, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/probe.log" "$OUT/evaluate.log" "$OUT/sklearn.log"
  timed "$LATENT" probe "$RUN" >> "$OUT/probe.log" 2>&1
  rm -f "$RUN/evaluation.json"
  timed "$LATENT" evaluate "$RUN" --estimator probe >> "$OUT/evaluate.log" 2>&1
  OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 timed "$PY" bench/probe_sklearn.py "$WORK/codes-train.csv" "$WORK/codes-test.csv" >> "$OUT/sklearn.log" 2>&1
done
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt"
grep -h -E "wall|accuracy|lbfgs|==" "$OUT"/probe.log "$OUT"/evaluate.log "$OUT"/sklearn.log
