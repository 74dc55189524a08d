#!/usr/bin/env bash
# Dictionary learning and sparse encoding on Fashion-MNIST, LatentSharp vs scikit-learn 1.2, side by side.
# Usage: bench/sparse-coding.sh [runs=3]. Writes dictionaries to $OUT (default /tmp/sparse-coding-bench).
# SKLEARN_TRAIN_RUNS (default: runs) limits scikit-learn's slow training runs.
# THREADS (default 2) sets OMP/OpenBLAS threads for scikit-learn and torch threads for LatentSharp.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=${OUT:-/tmp/sparse-coding-bench}
THREADS=${THREADS:-2}
mkdir -p "$OUT"
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS BENCH_THREADS=$THREADS
dotnet build -c Release bench/LatentSharp.Bench >/dev/null
ours() { dotnet run -c Release --no-build --project bench/LatentSharp.Bench -- sparse-coding "$@"; }
echo "== training (128 atoms, lambda 1, batch 256, 5 epochs, first 20k training images)"
/usr/bin/python3 bench/sparse_coding_peer.py train "$OUT/sklearn.f32" "${SKLEARN_TRAIN_RUNS:-$RUNS}"
ours train "$OUT/ours.f32" "$RUNS" coordinatedescent
echo "== objective of both dictionaries on the first 2,000 test images, codes from sklearn sparse_encode(lasso_cd)"
/usr/bin/python3 bench/sparse_coding_peer.py objective "$OUT/sklearn.f32" "$OUT/ours.f32"
echo "== encoding 2,000 test images against sklearn's dictionary"
/usr/bin/python3 bench/sparse_coding_peer.py encode "$OUT/sklearn.f32" 5
ours encode "$OUT/sklearn.f32" 5
