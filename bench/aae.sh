#!/usr/bin/env bash
# Real-data runs of issue 10 part 5 (bench/results/aae.md): 2-D codes on Fashion-MNIST for the adversarial
# autoencoder (Gaussian and 10-component mixture priors), a plain autoencoder and a VAE of the same
# architecture (784-512-256-2), then MMD between test codes and prior samples (LatentSharp.Bench code-mmd).
#   [AAE_DATA=fashion-mnist] [AAE_BATCH=128] bench/aae.sh [epochs=2] [runs="aae-gaussian aae-mixture autoencoder vae"]
# On a loaded machine: AAE_DATA=/tmp/fmnist-20k (bench/aae-subset.py 20000 /tmp/fmnist-20k: the first 20,000 training images).
# The CLI is copied out of the build folder first, so rebuilding during the runs cannot disturb them.
set -euo pipefail
cd "$(dirname "$0")/.."
EPOCHS=${1:-2}
RUNS=${2:-"aae-gaussian aae-mixture autoencoder vae"}
OUT=${AAE_RUNS:-/tmp/aae-runs}
CLI=/tmp/aae-cli-$$
cp -r src/LatentSharp.Cli/bin/Release/net10.0 "$CLI"
mkdir -p "$OUT"
DATA=${AAE_DATA:-fashion-mnist}
common=(--data "$DATA" --epochs "$EPOCHS" --batch-size "${AAE_BATCH:-128}" --seed 1 --overwrite)
for run in $RUNS; do
  echo "== $run  $(date -u +%H:%M:%S)  load $(cut -d' ' -f1-3 /proc/loadavg)"
  case $run in
    aae-gaussian) args=(aae --code-size 2 --prior gaussian) ;;
    aae-mixture)  args=(aae --code-size 2 --prior mixture:10) ;;
    autoencoder)  args=(autoencoder --code-size 2 --hidden-sizes 512,256 --loss mse) ;;
    vae)          args=(vae --code-size 2 --hidden-sizes 512,256) ;;
    supervised-aae) args=(supervised-aae --code-size 2 --prior gaussian) ;;
    wae-gan)      args=(wae-gan --code-size 2) ;;
    wae-mmd)      args=(wae-mmd --code-size 2) ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
  echo "latent train ${args[*]} ${common[*]} --out $OUT/$run"
  nice -n 5 "$CLI/latent" train "${args[@]}" "${common[@]}" --out "$OUT/$run" 2>&1 | grep -v '^\s*$' | tail -n 4
done
rm -rf "$CLI"
