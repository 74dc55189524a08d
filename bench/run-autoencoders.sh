#!/usr/bin/env bash
# Paired benchmark: LatentSharp (TorchSharp) against PyTorch on the same autoencoders.
#   bench/run-autoencoders.sh [pairs=3] [models="dense conv"]
# Environment passed to both sides alike (recorded): OMP_WAIT_POLICY, OMP_NUM_THREADS, GOMP_SPINCOUNT, ONEDNN_*, BENCH_LIMIT.
# Runs are alternated (LatentSharp first in odd pairs, PyTorch first in even pairs). Raw JSON lines go to
# bench/results/<stamp>/; the markdown table is printed and written to bench/results/<stamp>/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
MODELS=${2:-"dense conv"}
PY=/usr/bin/python3            # Debian's python3-torch; not the pyenv python3 first on PATH
LIMIT=${BENCH_LIMIT:-0}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/$STAMP
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 3
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
source bench/machine-record.sh
{
  echo "command: bench/run-autoencoders.sh $PAIRS \"$MODELS\""
  machine_record
} | tee "$OUT/machine.txt"
epochs_of() { [ "$1" = dense ] && echo 3 || echo 2; }
for ((p = 1; p <= PAIRS; p++)); do
  for m in $MODELS; do
    e=$(epochs_of "$m")
    extra=(); [ "$m" = dense ] && extra=(--matmul)
    [ "$LIMIT" != 0 ] && lim=(--limit "$LIMIT") || lim=()
    run_ls() { echo "pair $p $m latentsharp (load $(cut -d' ' -f1 /proc/loadavg))" >&2; "$LS" "$m" --epochs "$e" --threads 2 "${extra[@]}" "${lim[@]}" | sed "s/^{/{\"pair\":$p,/" >> "$OUT/$m.jsonl"; }
    run_py() { echo "pair $p $m pytorch (load $(cut -d' ' -f1 /proc/loadavg))" >&2; "$PY" bench/peers/pytorch_autoencoders.py "$m" --epochs "$e" --threads 2 "${lim[@]}" | sed "s/^{/{\"pair\": $p, /" >> "$OUT/$m.jsonl"; }
    if ((p % 2 == 1)); then run_ls; run_py; else run_py; run_ls; fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
$PY bench/summarize.py "$OUT" | tee "$OUT/table.md"
