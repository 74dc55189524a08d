#!/usr/bin/env bash
# Paired benchmark: LatentSharp's dcgan against its PyTorch twin (bench/peers/pytorch_dcgan.py), epoch time.
#   bench/dcgan.sh [pairs=3] [epochs=2] [limit=0 (all 60,000 images)]
# Each run trains a fresh model for `epochs` epochs on the first `limit` training images (batch 128, one D or G
# step per batch, 1:1) and reports each epoch's wall and CPU seconds (training steps only). Runs are alternated
# (LatentSharp first in odd pairs, PyTorch first in even pairs); both use 2 threads. Raw JSON lines go to
# bench/results/dcgan-<stamp>/; the table is printed and written to table.md there.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
EPOCHS=${2:-2}
LIMIT=${3:-0}
PY=/usr/bin/python3            # Debian's python3-torch; not the pyenv python3 first on PATH
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/dcgan-$STAMP
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 1
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command: bench/dcgan.sh $PAIRS $EPOCHS $LIMIT"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; flags: $(grep -o -w -E 'avx2|avx512f|avx512_bf16|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  echo "python-torch: $($PY -c 'import torch; print(torch.__version__)')"
  echo "torchsharp: $(sed -n 's/.*Include="TorchSharp-cpu" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
  echo "env: OMP_NUM_THREADS=${OMP_NUM_THREADS:-} OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-}"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"
[ "$LIMIT" != 0 ] && lim=(--limit "$LIMIT") || lim=()
run_ls() { echo "pair $p latentsharp (load $(cut -d' ' -f1 /proc/loadavg))" >&2; "$LS" dcgan --epochs "$EPOCHS" --threads 2 "${lim[@]}" | sed "s/^{/{\"pair\":$p,/" >> "$OUT/dcgan.jsonl"; }
run_py() { echo "pair $p pytorch (load $(cut -d' ' -f1 /proc/loadavg))" >&2; "$PY" bench/peers/pytorch_dcgan.py --epochs "$EPOCHS" --threads 2 "${lim[@]}" | sed "s/^{/{\"pair\": $p, /" >> "$OUT/dcgan.jsonl"; }
for ((p = 1; p <= PAIRS; p++)); do
  if ((p % 2 == 1)); then run_ls; run_py; else run_py; run_ls; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
$PY - "$OUT" <<'PY' | tee "$OUT/table.md"
import json, pathlib, statistics, sys
out = pathlib.Path(sys.argv[1]); med = statistics.median
rows = [json.loads(l) for l in (out / "dcgan.jsonl").read_text().splitlines() if l.strip()]
ep = {s: [r for r in rows if r["side"] == s and r["event"] == "epoch"] for s in ("latentsharp", "pytorch")}
def summary(key):
    ls, pt = [r[key] for r in ep["latentsharp"]], [r[key] for r in ep["pytorch"]]
    pairs = sorted({r["pair"] for r in rows})
    ratios = [med(r[key] for r in ep["latentsharp"] if r["pair"] == p) / med(r[key] for r in ep["pytorch"] if r["pair"] == p) for p in pairs]
    return (f"{med(ls):.1f} [{min(ls):.1f}, {max(ls):.1f}] (n={len(ls)})", f"{med(pt):.1f} [{min(pt):.1f}, {max(pt):.1f}] (n={len(pt)})",
            f"{med(ls) / med(pt):.2f}", ", ".join(f"{r:.2f}" for r in ratios))
samples = next(r["samples"] for r in rows if r["event"] == "summary")
print(f"Raw results: `{out}`; {samples} training images per epoch\n")
print("| measure | LatentSharp median [min, max] | PyTorch median [min, max] | ratio LS/PT (medians) | per-pair ratios |")
print("|---|---|---|---|---|")
for key, name in (("seconds", "epoch wall s"), ("cpu_seconds", "epoch CPU s")):
    print(f"| {name} | " + " | ".join(summary(key)) + " |")
PY
