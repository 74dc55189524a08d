#!/usr/bin/env bash
# The supervised adversarial autoencoder's style/class separation on the full Fashion-MNIST
# (bench/results/aae.md, "Supervised AAE"): a supervised-aae and an unsupervised aae with the same code
# size, then LatentSharp.Bench aae-styles on each (class in the codes by linear probe and 5-NN; for the
# supervised run, class control by the embedded classifier and the styles picture).
#   bench/aae-supervised.sh [code-size=8] [epochs=15]
# One thread per run (OMP_NUM_THREADS=1): on the shared 2-core machine two single-threaded runs side by
# side finished epochs far faster than one two-threaded run, whose threads waited on each other.
set -euo pipefail
cd "$(dirname "$0")/.."
CODE=${1:-8}
EPOCHS=${2:-15}
OUT=${AAE_RUNS:-/tmp/aae/runs}
CLI=/tmp/aae-cli-$$
cp -r src/LatentSharp.Cli/bin/Release/net10.0 "$CLI"
mkdir -p "$OUT"
common=(--code-size "$CODE" --prior gaussian --data fashion-mnist --epochs "$EPOCHS" --batch-size 128 --seed 1 --overwrite)
echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS=1 "$CLI/latent" train supervised-aae "${common[@]}" --out "$OUT/sup$CODE" > "$OUT/sup$CODE.log" 2>&1 &
OMP_NUM_THREADS=1 "$CLI/latent" train aae "${common[@]}" --out "$OUT/aae$CODE" > "$OUT/aae$CODE.log" 2>&1 &
wait
echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$CLI"
BENCH=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
$BENCH aae-styles --run "$OUT/sup$CODE" --out bench/results/aae-supervised-styles.png --images 2000
$BENCH aae-styles --run "$OUT/aae$CODE"
