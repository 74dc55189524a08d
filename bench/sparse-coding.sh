#!/usr/bin/env bash
# Dictionary learning and sparse encoding on Fashion-MNIST, LatentSharp vs scikit-learn 1.2, side by side.
# Usage: bench/sparse-coding.sh [pairs=3]. Writes dictionaries to $OUT (default /tmp/sparse-coding-bench).
# Training (128 atoms, lambda 1, batch 256, 5 epochs, first 20k images): PAIRS interleaved pairs of one
# process per side (odd pairs LatentSharp first), each process warm (an untimed warm-up fit first, on both
# sides) and timing one run; the headline peer is scikit-learn with fit_algorithm='cd' on float32 input,
# then one run of its default, fit_algorithm='lars' (LARS=0 skips it). Quality: each dictionary's objective
# on the first 2,000 test images with exact lasso codes from sklearn sparse_encode(lasso_cd) (the yardstick).
# THREADS (default 2) sets OMP/OpenBLAS threads for scikit-learn and torch threads for LatentSharp;
# OMP_WAIT_POLICY=PASSIVE on both sides (see bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
OUT=${OUT:-/tmp/sparse-coding-bench}
THREADS=${THREADS:-2}
mkdir -p "$OUT"
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS BENCH_THREADS=$THREADS OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build -c Release bench/LatentSharp.Bench >/dev/null
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores, flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "env: THREADS=$THREADS OMP_WAIT_POLICY=$OMP_WAIT_POLICY; commit $(git rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
ours() { dotnet run -c Release --no-build --project bench/LatentSharp.Bench -- sparse-coding "$@"; }
theirs() { /usr/bin/python3 bench/sparse_coding_peer.py "$@"; }
echo "== training (128 atoms, lambda 1, batch 256, 5 epochs, first 20k training images), warm runs, $PAIRS pairs"
for ((p = 1; p <= PAIRS; p++)); do
  if (( p % 2 == 1 )); then ours train "$OUT/ours-$p.f32" 1 coordinatedescent; theirs train "$OUT/sklearn-cd-$p.f32" 1 cd float32
  else theirs train "$OUT/sklearn-cd-$p.f32" 1 cd float32; ours train "$OUT/ours-$p.f32" 1 coordinatedescent; fi
  echo "load $(cut -d' ' -f1 /proc/loadavg)"
done
[ "${LARS:-1}" = 1 ] && theirs train "$OUT/sklearn-lars.f32" 1 lars float32 && echo "load $(cut -d' ' -f1 /proc/loadavg)"
echo "== objective of the dictionaries on the first 2,000 test images, codes from sklearn sparse_encode(lasso_cd)"
theirs objective "$OUT"/ours-1.f32 "$OUT"/sklearn-cd-1.f32 $( [ -f "$OUT/sklearn-lars.f32" ] && echo "$OUT/sklearn-lars.f32")
echo "== encoding 2,000 test images against sklearn's dictionary"
theirs encode "$OUT/sklearn-cd-1.f32" 5
ours encode "$OUT/sklearn-cd-1.f32" 5
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
