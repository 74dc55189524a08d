#!/usr/bin/env bash
# Denoising autoencoders on Fashion-MNIST: for each noise kind, train a denoising autoencoder with
# that noise and compare, on the 10k test images, the PSNR of the noisy input, of the denoising
# autoencoder's output, and of a plain autoencoder of the same size (shared by all comparisons)
# applied to the same noisy images (same --seed, so the same noise).
#
#   bench/denoising.sh                 # all noise kinds
#   bench/denoising.sh gaussian blocks # some of them (runs already trained are reused)
#
# Environment: EPOCHS (3), RUNS (bench/out/denoising), SEED (1), NICE (0; e.g. 15 on a shared machine),
# SPECKLE_SWEEP (unset; "0.6 1" also trains speckle denoisers at those levels and scores both models on them).
# Results: bench/results/denoising.md.
set -euo pipefail
cd "$(dirname "$0")/.."

EPOCHS=${EPOCHS:-3}
RUNS=${RUNS:-bench/out/denoising}
SEED=${SEED:-1}
LATENT=(nice -n "${NICE:-0}" src/LatentSharp.Cli/bin/Release/net10.0/latent)
ARCH=(--data fashion-mnist --hidden-sizes 256 --code-size 64 --epochs "$EPOCHS" --batch-size 128 --lr 1e-3 --seed "$SEED")

declare -A NOISE=(
  [gaussian]="gaussian:0.4"
  [masking]="masking:0.5"
  [salt-and-pepper]="salt-and-pepper:0.2"
  [blocks]="blocks:12"
  [speckle]="speckle:1.5"
  [mix]="gaussian:0.2+masking:0.3+salt-and-pepper:0.05"
)
ORDER=(gaussian masking salt-and-pepper blocks speckle mix)
(( $# > 0 )) && ORDER=("$@")

[[ -x ${LATENT[-1]} ]] || dotnet build src/LatentSharp.Cli -c Release -v quiet
mkdir -p "$RUNS"

train() {   # train <run> [model options...]; skipped when the run is complete
  local run=$1; shift
  if [[ -f $RUNS/$run/model.safetensors && -f $RUNS/$run/reconstructions.png ]]; then return; fi
  local start=$SECONDS
  "${LATENT[@]}" train autoencoder "${ARCH[@]}" --out "$RUNS/$run" --overwrite "$@" > "$RUNS/$run.train.log" 2>&1
  echo "trained $run in $((SECONDS - start)) s: $(head -1 "$RUNS/$run.train.log")" >&2
}

psnr() {   # psnr <run> <spec> <grid> -> "noisy denoised"
  local out
  out=$("${LATENT[@]}" denoise "$RUNS/$1" --data fashion-mnist --split test --noise "$2" --seed 7 --count 20 --out "$3")
  echo "$(awk -F'\t' '/^psnr.noisy/ {print $2+0}' <<<"$out") $(awk -F'\t' '/^psnr.denoised/ {print $2+0}' <<<"$out")"
}

train plain
echo "| noise | spec | noisy PSNR (dB) | denoising AE (dB) | plain AE (dB) | gain over noisy | gain over plain |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for kind in "${ORDER[@]}"; do
  spec=${NOISE[$kind]:?unknown noise kind $kind}
  train "dae-$kind" --noise "$spec"
  read -r noisy denoised < <(psnr "dae-$kind" "$spec" "$RUNS/dae-$kind.png")
  read -r noisy2 plain < <(psnr plain "$spec" "$RUNS/plain-$kind.png")
  [[ $noisy == "$noisy2" ]] || { echo "noise differs between runs ($noisy vs $noisy2)" >&2; exit 1; }
  awk -v k="$kind" -v s="$spec" -v n="$noisy" -v d="$denoised" -v p="$plain" \
    'BEGIN { printf "| %s | `%s` | %.2f | %.2f | %.2f | %+.2f | %+.2f |\n", k, s, n, d, p, d - n, d - p }'
done

# Why speckle needs a high level: x·(1+σε) leaves the black background clean and is zero-mean, so the plain
# AE's bottleneck already averages mild speckle away; the sweep shows the gain over the plain AE growing with σ.
for level in ${SPECKLE_SWEEP:-}; do
  train "dae-speckle-$level" --noise "speckle:$level"
  read -r noisy denoised < <(psnr "dae-speckle-$level" "speckle:$level" "$RUNS/dae-speckle-$level.png")
  read -r _ plain < <(psnr plain "speckle:$level" "$RUNS/plain-speckle-$level.png")
  awk -v s="speckle:$level" -v n="$noisy" -v d="$denoised" -v p="$plain" \
    'BEGIN { printf "| speckle (sweep) | `%s` | %.2f | %.2f | %.2f | %+.2f | %+.2f |\n", s, n, d, p, d - n, d - p }'
done
