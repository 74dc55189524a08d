#!/usr/bin/env bash
# Predictive Sparse Decomposition (issue 4, part 3): encoder codes vs iterative lasso codes for the same
# atoms, on held-out data: objective 0.5||x - zD||^2 + lambda||z||_1 and time, ours and scikit-learn 1.2
# (sparse_encode lasso_cd / lasso_lars on PSD's atoms) side by side.
# Usage: bench/psd.sh [fashion|patches|both] (default both). THREADS (default 1; 2 on an idle machine) for torch and OpenBLAS.
# Fashion-MNIST: 128 atoms, lambda 1, first 20k training images, batch 256, 2,000 test images.
# Patches: 8x8 whitened patches of scikit-image's photos (bench/natural-images.sh fetches them), 100 atoms, lambda 0.5.
set -euo pipefail
cd "$(dirname "$0")/.."
WHICH=${1:-both}
THREADS=${THREADS:-1}
OUT=${OUT:-/tmp/psd-bench}
PHOTOS=${PHOTOS:-/tmp/latentsharp-skimage/photos}
mkdir -p "$OUT"
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS BENCH_THREADS=$THREADS
dotnet build -c Release bench/LatentSharp.Bench >/dev/null
ours() { dotnet bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench.dll psd "$@"; }
run() { # name atoms lambda args...
  local name=$1 atoms=$2 lambda=$3; shift 3
  ours --atoms "$atoms" --lambda "$lambda" --save "$OUT/$name" "$@" | tee "$OUT/$name.txt"
  local encoder objective
  encoder=$(sed -n 's/.*encoder time \([0-9.]*\) s.*/\1/p' "$OUT/$name.txt")
  objective=$(sed -n 's/.*encoder objective \([0-9.]*\).*/\1/p' "$OUT/$name.txt")
  /usr/bin/python3 bench/psd_peer.py "$OUT/$name" "$atoms" "$lambda" 5 "$encoder" "$objective"
}
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores, flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "env: THREADS=$THREADS; commit $(git rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$WHICH" != patches ]; then
  echo "== Fashion-MNIST"
  run fashion-shrink 128 1 --squashing shrink --encoder-lr 0.01 --epochs 20
  [ "${TANH:-1}" = 1 ] && run fashion-tanh 128 1 --squashing tanh --encoder-lr 0.003 --epochs 20
fi
if [ "$WHICH" != fashion ]; then
  [ -d "$PHOTOS" ] || { echo "no photos in $PHOTOS: run bench/natural-images.sh first" >&2; exit 2; }
  echo "== natural-image patches"
  for squashing in ${SQUASHINGS:-tanh shrink}; do
    run "patches-$squashing" 100 0.5 --squashing $squashing --encoder-lr 0.003 --epochs 10 --train 30000 \
      --data "image-patches:$PHOTOS,size=8,count=30000,test=2000,seed=1,normalize=whiten"
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
