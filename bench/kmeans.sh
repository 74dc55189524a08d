#!/usr/bin/env bash
# k-means on Fashion-MNIST (60k x 784, k = 10, one k-means++ init): LatentSharp vs scikit-learn 1.2
# (elkan and lloyd), 2 threads each, fit only, RUNS runs each (different seeds), then medians.
# Usage: bench/kmeans.sh [RUNS]   (run from the repository root)
set -euo pipefail
RUNS=${1:-5}
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
out=$(mktemp)
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo >/dev/null
# LatentSharp's intra-op threads (torch.set_num_threads): THREADS=2 matches the peer; on a loaded
# machine 1 thread is much faster (see bench/results/kmeans.md).
dotnet bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench.dll kmeans "$RUNS" "${THREADS:-2}" lloyd | tee "$out"
# The same without Hamerly's bounds (every sample measured every iteration), to show what they save.
dotnet bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench.dll kmeans "$RUNS" "${THREADS:-2}" lloyd-plain | tee -a "$out"
/usr/bin/python3 bench/kmeans_sklearn.py "$RUNS" | tee -a "$out"
echo
echo "medians (seconds, iterations, inertia/sample, ARI, NMI):"
/usr/bin/python3 - "$out" <<'PY'
import sys, statistics as st, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split("\t")
    if len(f) == 8 and f[0] != "impl": rows[f[0]].append([float(v) for v in f[2:]])
med = {k: [st.median(c) for c in zip(*v)] for k, v in rows.items()}
for k, (s, it, inert, _, ari, nmi) in med.items():
    print(f"{k:22s} {s:7.3f} s  {it:5.0f} it  {inert:8.4f}  ARI {ari:.4f}  NMI {nmi:.4f}")
ours = med.get("latentsharp-lloyd")
if ours:
    for peer in ("sklearn-elkan", "sklearn-lloyd"):
        if peer in med:
            print(f"time ratio latentsharp/{peer}: {ours[0] / med[peer][0]:.2f}   inertia ratio: {ours[2] / med[peer][2]:.4f}")
PY
rm -f "$out"
