#!/usr/bin/env bash
# SOM 10x10 on the first 10,000 Fashion-MNIST training images (flattened, [0, 1]), 20 epochs,
# LatentSharp (`LatentSharp.Bench som`) side by side with R's kohonen (bench/som/kohonen.R), online and
# batch, hexagonal and rectangular grids; medians of RUNS runs. Needs: apt-get install r-cran-kohonen.
# Usage: bench/som.sh [runs=3] [out=bench/results/som-raw.jsonl]   (MODES="batch online", TOPOLOGIES="hexagonal rectangular")
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=${2:-bench/results/som-raw.jsonl}
# Single-threaded on both sides: kohonen's online and batch modes run on one core, and on this
# shared 2-core machine two intra-op threads lose more to contention than they gain.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
dotnet build bench/LatentSharp.Bench -c Release -v q -nologo >/dev/null
BENCH="dotnet bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench.dll som"
: > "$OUT"
for topo in ${TOPOLOGIES:-hexagonal rectangular}; do
  # kohonen's rectangular grid measures unit distance as max(|dx|, |dy|) and starts at radius 6;
  # its hexagonal grid uses Euclidean distance like LatentSharp (default radius 6.08 on both sides).
  radius=0; [ "$topo" = rectangular ] && radius=6
  for mode in ${MODES:-batch online}; do
    Rscript bench/som/kohonen.R "$mode" 10000 20 "$RUNS" "$topo" | sed "s/}\$/,\"topology\":\"$topo\"}/" | tee -a "$OUT"
    batch=1000; [ "$mode" = batch ] && batch=10000
    $BENCH --mode "$mode" --topology "$topo" --kernel bubble --radius-start "$radius" --epochs 20 --n 10000 \
      --batch-size "$batch" --runs "$RUNS" --threads 1 --out "runs/som-bench-$mode-$topo" \
      | sed "s/}\$/,\"topology\":\"$topo\"}/" | tee -a "$OUT"
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
groups = {}
for r in rows: groups.setdefault((r["topology"], r["mode"], r["impl"]), []).append(r)
print("| grid | mode | implementation | runs | median seconds | QE | TE | speed-up vs kohonen |")
print("|---|---|---|---|---|---|---|---|")
for (topo, mode, impl), rs in sorted(groups.items()):
    med = statistics.median(r["seconds"] for r in rs)
    peer = groups.get((topo, mode, "kohonen"))
    ratio = statistics.median(r["seconds"] for r in peer) / med if peer else float("nan")
    print(f"| {topo} | {mode} | {impl} | {len(rs)} | {med:.2f} | {statistics.median(r['qe'] for r in rs):.4f} | "
          f"{statistics.median(r['te'] for r in rs):.4f} | {ratio:.1f}x |")
PY
