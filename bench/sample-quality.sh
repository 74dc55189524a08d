#!/bin/sh
# Sample-quality estimators (parzen, frechet, classes) on short runs of the generator families, and the
# floor they give real images (held-out training images vs the test split). Results: bench/results/sample-quality.md.
# Usage: bench/sample-quality.sh [work-folder]   (from the repository root; nice -n 5; ~1 h on a loaded 2-core machine)
set -eu
WORK=${1:-/tmp/latent-sample-quality}
mkdir -p "$WORK"
dotnet build -c Release src/LatentSharp.Cli >/dev/null
dotnet build -c Release bench/LatentSharp.Bench >/dev/null
LATENT=src/LatentSharp.Cli/bin/Release/net10.0/latent
BENCH=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
uptime
# Short runs on the embedded 5,000-image subset (the machine is shared; full-data epochs take minutes).
nice -n 5 "$LATENT" train vae  --data fashion-mnist-small --epochs 10 --seed 1 --out "$WORK/vae"  --overwrite
nice -n 5 "$LATENT" train gmmn --data fashion-mnist-small --epochs 10 --batch-size 256 --seed 1 --out "$WORK/gmmn" --overwrite
nice -n 5 "$LATENT" train gan  --data fashion-mnist-small --epochs 10 --seed 1 --out "$WORK/gan"  --overwrite
# Every estimator at its defaults, on the full Fashion-MNIST test split (10,000 images; parzen's
# sigma-validation samples come from its 60,000 training images), each timed.
for run in vae gmmn gan; do
  for estimator in parzen frechet classes; do
    uptime
    /usr/bin/time -f "$run $estimator %e s wall" nice -n 5 "$LATENT" evaluate "$WORK/$run" --data fashion-mnist --estimator $estimator
  done
done
# The floor: real images as the "samples".
/usr/bin/time -f "floor %e s wall" nice -n 5 "$BENCH" sample-quality-floor
uptime
