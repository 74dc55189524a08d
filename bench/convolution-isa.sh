#!/usr/bin/env bash
# What the library's oneDNN limit (ConvolutionIsaLimit: DNNL_MAX_CPU_ISA=AVX2 unless LATENTSHARP_KEEP_CPU_ISA=1) costs
# and buys, in paired, interleaved runs (issue 10):
#   dcgan: LatentSharp.Bench dcgan --column-convolutions true (unfold/fold routes) against false (native kernels under
#          the limit), 1 epoch on the first DCGAN_LIMIT training images (batch 128)
#   conv:  LatentSharp.Bench conv --epochs 2 (the conv autoencoder, native kernels) with the limit against
#          LATENTSHARP_KEEP_CPU_ISA=1 (oneDNN's own choice: AVX-512 here)
#   bench/convolution-isa.sh [pairs=3] [dcgan_limit=12800] [models="dcgan conv"]
# Odd pairs run the variants in the listed order, even pairs reversed. 2 threads each. Raw JSON lines and machine.txt
# go to bench/results/convolution-isa-<stamp>/; the table is printed and written to table.md there.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
DCGAN_LIMIT=${2:-12800}
MODELS=${3:-"dcgan conv"}
PY=/usr/bin/python3            # Debian's python3 (machine-record.sh reads its torch version)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/convolution-isa-$STAMP
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 1
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
source bench/machine-record.sh
{
  echo "command: bench/convolution-isa.sh $PAIRS $DCGAN_LIMIT \"$MODELS\""
  machine_record
  echo "cpu flags (oneDNN-relevant): $(grep -m1 -o -w -E 'avx2|avx512f|avx512bw|avx512vl|avx512_vnni|avx512_bf16|amx_tile|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
} | tee "$OUT/machine.txt"
# run VARIANT MODEL PAIR: one process, its JSON lines tagged and appended to $OUT/MODEL.jsonl
run() {
  local variant=$1 m=$2 p=$3 load cmd
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "pair $p $m $variant (load $load)" >&2
  case $m/$variant in
    dcgan/columns)      cmd=("$LS" dcgan --epochs 1 --threads 2 --limit "$DCGAN_LIMIT" --column-convolutions true) ;;
    dcgan/native-avx2)  cmd=("$LS" dcgan --epochs 1 --threads 2 --limit "$DCGAN_LIMIT" --column-convolutions false) ;;
    conv/native-avx2)   cmd=("$LS" conv --epochs 2 --threads 2) ;;
    conv/native-avx512) cmd=(env LATENTSHARP_KEEP_CPU_ISA=1 "$LS" conv --epochs 2 --threads 2) ;;
    *) echo "unknown $m/$variant" >&2; exit 2 ;;
  esac
  "${cmd[@]}" | sed "s/^{/{\"pair\": $p, \"load\": $load, \"variant\": \"$variant\", /" >> "$OUT/$m.jsonl"
}
variants_of() { [ "$1" = dcgan ] && echo "columns native-avx2" || echo "native-avx512 native-avx2"; }
for ((p = 1; p <= PAIRS; p++)); do
  for m in $MODELS; do
    read -r a b <<< "$(variants_of "$m")"
    if ((p % 2 == 1)); then run "$a" "$m" "$p"; run "$b" "$m" "$p"; else run "$b" "$m" "$p"; run "$a" "$m" "$p"; fi
  done
done
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt"
$PY - "$OUT" "$MODELS" <<'PY' | tee "$OUT/table.md"
import json, pathlib, statistics, sys
out, models = pathlib.Path(sys.argv[1]), sys.argv[2].split()
med = statistics.median
variants = {"dcgan": ("columns", "native-avx2"), "conv": ("native-avx512", "native-avx2")}
print(f"Raw results: `{out}`. Epoch seconds (training steps only); ratio = second variant / first.\n")
print("| model | measure | first variant median [min, max] (n) | second variant median [min, max] (n) | ratio of medians | per-pair ratios | load at start |")
print("|---|---|---|---|---|---|---|")
for m in models:
    rows = [json.loads(l) for l in (out / f"{m}.jsonl").read_text().splitlines() if l.strip()]
    a, b = variants[m]
    epochs = [r for r in rows if r["event"] == "epoch"]
    pairs = sorted({r["pair"] for r in rows})
    loads = sorted({r["load"] for r in rows})
    for key, name in (("seconds", "epoch wall s"), ("cpu_seconds", "epoch CPU s")):
        va = [r[key] for r in epochs if r["variant"] == a]; vb = [r[key] for r in epochs if r["variant"] == b]
        ratios = [med(r[key] for r in epochs if r["variant"] == b and r["pair"] == p) / med(r[key] for r in epochs if r["variant"] == a and r["pair"] == p) for p in pairs]
        cell = lambda v, n: f"{n}: {med(v):.1f} [{min(v):.1f}, {max(v):.1f}] ({len(v)})"
        print(f"| {m} | {name} | {cell(va, a)} | {cell(vb, b)} | **{med(vb) / med(va):.2f}** | {', '.join(f'{r:.2f}' for r in ratios)} | {loads[0]}–{loads[-1]} |")
    for v in (a, b):
        s = [r for r in rows if r["event"] == "summary" and r["variant"] == v]
        losses = ", ".join("%.4f" % r["test_loss"] for r in s)
        limits = sorted({r.get("convolution_isa_limit") for r in s})
        print(f"\n{m} {v}: test loss {losses}; library limit {limits}", end="")
    print()
PY
