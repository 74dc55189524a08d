#!/usr/bin/env bash
# Reproduces bench/results/stacked-probe.md: a stacked denoising autoencoder on Fashion-MNIST
# (60k/10k), its linear-probe and k-NN accuracy beside raw pixels, and fine-tuning with 100
# labels per class against the same network from random weights (seeds 1-5), plus all labels.
# Usage: bash bench/stacked-probe.sh [runs-folder]   (about 20-50 minutes on 2 busy CPU cores)
# Environment: SEEDS ("1 2 3 4 5"), PROBE (1; 0 skips the probe), NICE (0; e.g. 15 on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-runs/stacked-probe}
dotnet build src/LatentSharp.Cli -c Release -v q -nologo >/dev/null
latent() { nice -n "${NICE:-0}" src/LatentSharp.Cli/bin/Release/net10.0/latent "$@"; }

SAE=$RUNS/sae-512-256
latent train stacked-autoencoder --data fashion-mnist --layer-sizes 512,256 --activation relu --code-activation relu \
  --noise masking:0.3 --epochs-per-layer 3 --epochs 6 --batch-size 128 --seed 1 --out "$SAE" --overwrite

if [ "${PROBE:-1}" != 0 ]; then
  echo "== probe ($SAE): linear probe and 5-NN (Euclidean) on codes vs raw pixels"
  latent probe "$SAE"
fi

echo "== fine-tuning with 100 labels per class: pretrained vs from scratch"
for seed in ${SEEDS:-1 2 3 4 5}; do
  for mode in finetune scratch; do
    flag=""; [ "$mode" = scratch ] && flag="--from-scratch"
    echo "-- $mode seed $seed"
    latent finetune "$SAE" --labels-per-class 100 --epochs 30 --batch-size 64 --seed "$seed" $flag \
      --out "$RUNS/$mode-100-seed$seed" --overwrite | grep -E "test.accuracy"
  done
done

echo "== fine-tuning with all 60000 labels"
latent finetune "$SAE" --labels-per-class all --epochs 3 --batch-size 128 --seed 1 --out "$RUNS/finetune-all" --overwrite | grep -E "test.accuracy"
latent finetune "$SAE" --labels-per-class all --epochs 3 --batch-size 128 --seed 1 --from-scratch --out "$RUNS/scratch-all" --overwrite | grep -E "test.accuracy"
