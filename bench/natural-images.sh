#!/usr/bin/env bash
# Sparse coding of natural-image patches (issue 4, part 2): dictionary learning on 8x8 patches of
# scikit-image's sample photographs, atoms.png (expected: oriented edges) and decomposition.png
# (a held-out patch as its few atoms with their coefficients).
# Usage: bench/natural-images.sh. Photos: Debian's python3-skimage, downloaded (not installed) with
# apt-get download + dpkg -x into $SKIMAGE (default /tmp/latentsharp-skimage). Run folder: $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
SKIMAGE=${SKIMAGE:-/tmp/latentsharp-skimage}
OUT=${OUT:-/tmp/natural-images-run}
PHOTOS="$SKIMAGE/photos"
if [ ! -d "$PHOTOS" ]; then
  mkdir -p "$SKIMAGE" && (cd "$SKIMAGE" && apt-get download python3-skimage && dpkg -x python3-skimage_*.deb root)
  mkdir -p "$PHOTOS"
  # Photographs only (no logos, text, synthetic or microscope images).
  for f in astronaut brick camera chelsea coffee coins grass gravel moon motorcycle_left rocket; do
    cp "$SKIMAGE"/root/usr/lib/python3/dist-packages/skimage/data/$f.* "$PHOTOS"/
  done
fi
DATA="image-patches:$PHOTOS,size=8,count=30000,test=2000,seed=1,normalize=whiten"
dotnet build -c Release src/LatentSharp.Cli >/dev/null
latent() { dotnet src/LatentSharp.Cli/bin/Release/net10.0/latent.dll "$@"; }
latent data "$DATA"
# Whitened 8x8 patches (ZCA, epsilon = mean eigenvalue) have mean squared norm ~ 17; lambda 0.5 gives ~ 9-10 non-zeros per code.
time latent train dictionary-learning --data "$DATA" --atoms 100 --lambda ${LAMBDA:-0.5} --algorithm fista --max-iterations 100 \
  --epochs ${EPOCHS:-4} --batch-size 256 --seed 1 --out "$OUT" --overwrite
for i in 0 1 2; do
  latent decompose "$OUT" --index $i --terms 6 --out "$OUT/decomposition-$i.png"
done
echo "pictures: $OUT/atoms.png $OUT/decomposition-*.png"
