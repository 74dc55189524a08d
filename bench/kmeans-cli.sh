#!/usr/bin/env bash
# k-means through `latent train` (what users run) against scikit-learn, each a whole process, on
# Fashion-MNIST (60k x 784, k = 10, one k-means++ seeding, tolerance 1e-4 on both sides): the run
# stops when the centroids stop moving, whatever --epochs says. Pairs are interleaved (odd pairs
# LatentSharp first, even pairs scikit-learn first), seed = pair number on both sides (different RNGs).
# Per run: whole-process wall time; the fitting part (LatentSharp: the epochs' training seconds from
# metrics.jsonl, seeding excluded; scikit-learn: fit()); iterations; training inertia per sample; ARI.
# Environment for both sides alike: 2 threads, OMP_WAIT_POLICY=PASSIVE (see bench/RESULTS.md: under
# load, spinning OpenMP threads wait for descheduled partners). Page cache warm (data read before).
# Usage: bench/kmeans-cli.sh [PAIRS=3]   (run from the repository root)
set -euo pipefail
PAIRS=${1:-3}
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
dotnet build -c Release src/LatentSharp.Cli -v q -nologo >/dev/null
L=src/LatentSharp.Cli/bin/Release/net10.0/latent
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores, flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "env: OMP_NUM_THREADS=$OMP_NUM_THREADS OMP_WAIT_POLICY=$OMP_WAIT_POLICY; commit $(git rev-parse --short HEAD)"
cat /usr/share/datasets/fashion-mnist/*.gz > /dev/null   # warm page cache on both sides
out=$(mktemp)
latent() {
  local s=$1 dir; dir=$(mktemp -d)
  local start end; start=$(date +%s.%N)
  "$L" train kmeans --data fashion-mnist --clusters 10 --epochs 300 --batch-size 1024 --seed "$s" --out "$dir/run" >/dev/null 2>&1
  end=$(date +%s.%N)
  local epochs fit figures
  epochs=$(wc -l < "$dir/run/metrics.jsonl")
  fit=$(/usr/bin/python3 -c "import json,sys; print(round(sum(json.loads(l)['seconds'] for l in open(sys.argv[1])), 3))" "$dir/run/metrics.jsonl")
  figures=$("$L" evaluate "$dir/run" --split train 2>/dev/null | awk -F'\t' '$1=="loss"{l=$2} $1=="ari"{a=$2} END{printf "%.4f\t%.4f", l, a}')
  echo -e "latent-train\t$s\t$(echo "$end - $start" | bc)\t$fit\t$epochs\t$figures\t$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  rm -rf "$dir"
}
peer() {
  local s=$1 alg=$2 start end line; start=$(date +%s.%N)
  line=$(/usr/bin/python3 bench/kmeans_cli_peer.py "$alg" "$s")
  end=$(date +%s.%N)
  echo "$line" | awk -F'\t' -v wall="$(echo "$end - $start" | bc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" '{print $1 "\t" $2 "\t" wall "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" load}' | tee -a "$out"
}
echo -e "impl\tseed\twall_s\tfit_s\titerations\tinertia_per_sample\tari\tload1"
for ((s = 1; s <= PAIRS; s++)); do
  if (( s % 2 == 1 )); then latent "$s"; peer "$s" elkan; peer "$s" lloyd
  else peer "$s" elkan; peer "$s" lloyd; latent "$s"; fi
done
/usr/bin/python3 - "$out" <<'PY'
import sys, statistics as st, collections
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    rows[f[0]][int(f[1])] = [float(v) for v in f[2:7]]
ours = rows["latent-train"]
for peer in ("sklearn-elkan", "sklearn-lloyd"):
    theirs = rows[peer]
    for col, name in ((0, "whole process"), (1, "fitting part")):
        pairs = sorted(ours[s][col] / theirs[s][col] for s in ours if s in theirs)
        pooled = sum(ours[s][col] for s in ours) / sum(theirs[s][col] for s in theirs)
        print(f"latent/{peer} {name}: median {st.median(pairs):.2f} (range {pairs[0]:.2f}-{pairs[-1]:.2f}), pooled {pooled:.2f}")
    print(f"inertia ratio latent/{peer} (medians): {st.median(v[3] for v in ours.values()) / st.median(v[3] for v in theirs.values()):.4f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out"
