#!/usr/bin/env bash
# k-means through `latent train` (what users run) on Fashion-MNIST (60k x 784, k = 10): the run stops
# when the centroids stop moving, whatever --epochs says. Prints epochs used, wall time and the final
# training inertia per sample; then scikit-learn 1.2's KMeans on the same data for comparison.
# Usage: bench/kmeans-cli.sh [RUNS=3]   (run from the repository root)
set -euo pipefail
RUNS=${1:-3}
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
dotnet build -c Release src/LatentSharp.Cli -v q -nologo >/dev/null
L=src/LatentSharp.Cli/bin/Release/net10.0/latent
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo -e "impl\tseed\twall_s\tepochs\tinertia_per_sample\tari"
for ((s = 1; s <= RUNS; s++)); do
  out=$(mktemp -d)
  start=$(date +%s.%N)
  "$L" train kmeans --data fashion-mnist --clusters 10 --epochs 300 --batch-size 1024 --seed "$s" --out "$out/run" >/dev/null 2>&1
  end=$(date +%s.%N)
  epochs=$(wc -l < "$out/run/metrics.jsonl")
  figures=$("$L" evaluate "$out/run" --split train 2>/dev/null | awk -F'\t' '$1=="loss"{l=$2} $1=="ari"{a=$2} END{print l "\t" a}')
  echo -e "latent-train\t$s\t$(echo "$end - $start" | bc)\t$epochs\t$figures"
  rm -rf "$out"
done
/usr/bin/python3 bench/kmeans_sklearn.py "$RUNS" | awk -F'\t' '{print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $7}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
