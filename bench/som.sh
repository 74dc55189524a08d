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
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores, flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' '); commit $(git rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH="dotnet bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench.dll som"
: > "$OUT"
for topo in ${TOPOLOGIES:-hexagonal rectangular}; do
  # kohonen's rectangular grid measures unit distance as max(|dx|, |dy|) and starts at radius 6;
  # its hexagonal grid uses Euclidean distance like LatentSharp (default radius 6.08 on both sides).
  radius=0; [ "$topo" = rectangular ] && radius=6
  for mode in ${MODES:-batch online}; do
    batch=1000; [ "$mode" = batch ] && batch=10000
    # Interleaved pairs, one process per side and run (each warms up untimed first), seed = run number
    # on both sides (different generators); odd runs kohonen first.
    for ((r = 1; r <= RUNS; r++)); do
      koh() { Rscript bench/som/kohonen.R "$mode" 10000 20 1 "$topo" "$r" | sed "s/}\$/,\"topology\":\"$topo\",\"load\":$(cut -d' ' -f1 /proc/loadavg)}/" | tee -a "$OUT"; }
      ours() { $BENCH --mode "$mode" --topology "$topo" --kernel bubble --radius-start "$radius" --epochs 20 --n 10000 \
        --batch-size "$batch" --runs 1 --seed "$r" --threads 1 --out "runs/som-bench-$mode-$topo" \
        | sed "s/}\$/,\"topology\":\"$topo\",\"load\":$(cut -d' ' -f1 /proc/loadavg)}/" | tee -a "$OUT"; }
      if (( r % 2 == 1 )); then koh; ours; else ours; koh; fi
    done
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
groups = {}
for r in rows: groups.setdefault((r["topology"], r["mode"], r["impl"]), {})[r["seed"]] = r
print("| grid | mode | implementation | runs | median seconds [range] | QE median [range] | TE median [range] | time ratio ours/kohonen: median [range], pooled |")
print("|---|---|---|---|---|---|---|---|")
def rng(v, f): return f"{f.format(statistics.median(v))} [{f.format(min(v))}–{f.format(max(v))}]"
for (topo, mode, impl), rs in sorted(groups.items()):
    v = list(rs.values())
    ratio = ""
    peer = groups.get((topo, mode, "kohonen"))
    if impl == "latentsharp" and peer:
        pairs = sorted(rs[s]["seconds"] / peer[s]["seconds"] for s in rs if s in peer)
        pooled = sum(rs[s]["seconds"] for s in rs if s in peer) / sum(peer[s]["seconds"] for s in rs if s in peer)
        ratio = f"{statistics.median(pairs):.3f} [{pairs[0]:.3f}–{pairs[-1]:.3f}], {pooled:.3f}"
    print(f"| {topo} | {mode} | {impl} | {len(v)} | {rng([r['seconds'] for r in v], '{:.2f}')} | {rng([r['qe'] for r in v], '{:.4f}')} | "
          f"{rng([r['te'] for r in v], '{:.3f}')} | {ratio} |")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
