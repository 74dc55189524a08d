#!/bin/sh
# Trains the Fashion-MNIST feature classifier that ships inside LatentSharp.dll (the features of the
# 'frechet' estimator and the class predictions of the 'classes' estimator and the mode-collapse check),
# with the library's own `classifier` model, and copies its weights into the source tree.
# Deterministic: the same seed, batch size and machine give the same bits.
# Usage: tools/train-feature-classifier.sh [run-folder]   (from the repository root; takes ~1-2 minutes)
set -eu
RUN=${1:-/tmp/latent-feature-classifier}
dotnet build -c Release src/LatentSharp.Cli >/dev/null
LATENT=src/LatentSharp.Cli/bin/Release/net10.0/latent
nice -n 5 "$LATENT" train classifier --data fashion-mnist \
    --hidden-sizes 256,64 --activation relu --code-activation relu \
    --learning-rate cosine:1e-3-\>1e-5 --weight-decay 0 \
    --epochs 12 --batch-size 128 --seed 20261201 --out "$RUN" --overwrite
"$LATENT" evaluate "$RUN" --estimator loss
cp "$RUN/model.safetensors" src/LatentSharp/Evaluation/Embedded/fashion-mnist-classifier.safetensors
sha256sum src/LatentSharp/Evaluation/Embedded/fashion-mnist-classifier.safetensors
