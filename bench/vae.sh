#!/usr/bin/env bash
# The VAE against its PyTorch twin (issue 10), side by side in one script.
#   bench/vae.sh [pairs=3] [epochs=5]
# LatentSharp: bench/LatentSharp.Bench vae (the catalogue's vae through the Trainer and the estimators);
# PyTorch: bench/peers/pytorch_vae.py with Debian's /usr/bin/python3 (python3-torch 1.13, OpenBLAS-openmp).
# Pairs alternate which side goes first (LatentSharp first in odd pairs); pair p uses seed p on both sides.
# Environment passed to both sides alike (recorded): OMP_WAIT_POLICY, OMP_NUM_THREADS, GOMP_SPINCOUNT, BENCH_LIMIT.
# THREADS (default 2) sets both sides' thread count; FIRST_PAIR (default 1) numbers the pairs, and so the seeds, from there
# (e.g. FIRST_PAIR=4 bench/vae.sh 6 runs seeds 4-9 to add seeds to an earlier run's).
# Raw JSON lines go to bench/results/vae-<stamp>/ (runs.jsonl, with the load average before each run);
# the markdown summary is printed and written to table.md there.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
EPOCHS=${2:-5}
PY=/usr/bin/python3            # Debian's python3-torch; not the pyenv python3 first on PATH
LIMIT=${BENCH_LIMIT:-0}
THREADS=${THREADS:-2}
FIRST_PAIR=${FIRST_PAIR:-1}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/vae-$STAMP
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 3
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
source bench/machine-record.sh
{
  echo "command: THREADS=$THREADS FIRST_PAIR=$FIRST_PAIR bench/vae.sh $PAIRS $EPOCHS"
  machine_record
} | tee "$OUT/machine.txt"
[ "$LIMIT" != 0 ] && lim=(--limit "$LIMIT") || lim=()
tag() { sed "s/^{/{\"pair\": $1, \"load\": \"$2\", /"; }
run_ls() {
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "pair $1 latentsharp seed $1 (load $load)" >&2
  "$LS" vae --epochs "$EPOCHS" --seed "$1" --threads "$THREADS" "${lim[@]}" | tag "$1" "$load" >> "$OUT/runs.jsonl"
}
run_py() {
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "pair $1 pytorch seed $1 (load $load)" >&2
  "$PY" bench/peers/pytorch_vae.py --epochs "$EPOCHS" --seed "$1" --threads "$THREADS" "${lim[@]}" | tag "$1" "$load" >> "$OUT/runs.jsonl"
}
for ((p = FIRST_PAIR; p < FIRST_PAIR + PAIRS; p++)); do
  echo "pair $p: $(uptime)" >> "$OUT/machine.txt"
  if ((p % 2 == 1)); then run_ls "$p"; run_py "$p"; else run_py "$p"; run_ls "$p"; fi
done
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt"
$PY bench/summarize_vae.py "$OUT" | tee "$OUT/table.md"
