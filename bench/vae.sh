#!/usr/bin/env bash
# The VAE against its PyTorch twin (issue 10), side by side in one script.
#   bench/vae.sh [pairs=3] [epochs=5]
# LatentSharp: bench/LatentSharp.Bench vae (the catalogue's vae through the Trainer and the estimators);
# PyTorch: bench/peers/pytorch_vae.py with Debian's /usr/bin/python3 (python3-torch 1.13, OpenBLAS-openmp).
# Pairs alternate which side goes first (LatentSharp first in odd pairs); pair p uses seed p on both sides.
# Environment passed to both sides alike (recorded): OMP_WAIT_POLICY, OMP_NUM_THREADS, GOMP_SPINCOUNT, BENCH_LIMIT.
# Raw JSON lines go to bench/results/vae-<stamp>/ (runs.jsonl, with the load average before each run);
# the markdown summary is printed and written to table.md there.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
EPOCHS=${2:-5}
PY=/usr/bin/python3            # Debian's python3-torch; not the pyenv python3 first on PATH
LIMIT=${BENCH_LIMIT:-0}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/vae-$STAMP
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 3
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command: bench/vae.sh $PAIRS $EPOCHS"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (plus uncommitted changes)')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, flags:$(grep -m1 -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/^/ /')"
  echo "python-torch: $($PY -c 'import re, torch; print(torch.__version__, *re.findall(r"BLAS_INFO=\w+|USE_OPENMP=\w+", torch.__config__.show()))') ($(dpkg -l libopenblas0-openmp 2>/dev/null | awk '/^ii/ {print $2, $3}'))"
  echo "torchsharp: $(sed -n 's/.*Include="TorchSharp-cpu" Version="\([^"]*\)".*/\1/p' Directory.Packages.props) (libtorch $(ls ~/.nuget/packages/libtorch-cpu-linux-x64 2>/dev/null | tail -1))"
  echo "env: OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-} OMP_NUM_THREADS=${OMP_NUM_THREADS:-} GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-} BENCH_LIMIT=$LIMIT"
  echo "load before: $(uptime)"
} | tee "$OUT/machine.txt"
[ "$LIMIT" != 0 ] && lim=(--limit "$LIMIT") || lim=()
tag() { sed "s/^{/{\"pair\": $1, \"load\": \"$2\", /"; }
run_ls() {
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "pair $1 latentsharp seed $1 (load $load)" >&2
  "$LS" vae --epochs "$EPOCHS" --seed "$1" --threads 2 "${lim[@]}" | tag "$1" "$load" >> "$OUT/runs.jsonl"
}
run_py() {
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "pair $1 pytorch seed $1 (load $load)" >&2
  "$PY" bench/peers/pytorch_vae.py --epochs "$EPOCHS" --seed "$1" --threads 2 "${lim[@]}" | tag "$1" "$load" >> "$OUT/runs.jsonl"
}
for ((p = 1; p <= PAIRS; p++)); do
  echo "pair $p: $(uptime)" >> "$OUT/machine.txt"
  if ((p % 2 == 1)); then run_ls "$p"; run_py "$p"; else run_py "$p"; run_ls "$p"; fi
done
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt"
$PY bench/summarize_vae.py "$OUT" | tee "$OUT/table.md"
