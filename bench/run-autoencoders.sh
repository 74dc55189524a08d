#!/usr/bin/env bash
# Paired benchmark of the dense and conv autoencoders, every side in one run (issue 12, part 1):
#   latentsharp     bench/LatentSharp.Bench dense|conv (the library's Trainer; its allocator setting applies)
#   plain           bench/PlainTorchSharp.Bench: the same models by hand on TorchSharp alone (no LatentSharp loaded)
#   pytorch         bench/peers/pytorch_autoencoders.py on Debian's 1.13, Adam foreach=True (its fastest CPU Adam)
#   pytorch-malloc  the same, with LatentSharp's glibc allocator setting applied through the environment (sensitivity row)
#   plain-malloc    (optional) the plain baseline with that setting
#   bench/run-autoencoders.sh [pairs=3] [models="dense conv"]     sides: BENCH_SIDES="latentsharp plain pytorch pytorch-malloc"
# Environment passed to every side alike (recorded): OMP_WAIT_POLICY, OMP_NUM_THREADS, GOMP_SPINCOUNT, BENCH_LIMIT.
# Interleaved: odd pairs run the sides in the listed order, even pairs in reverse (A B C D, D C B A, ...), so no side
# always runs first. Each line is tagged with its pair and the 1-minute load when it started. Raw JSON lines go to
# bench/results/<stamp>/; the markdown table is printed and written to bench/results/<stamp>/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
MODELS=${2:-"dense conv"}
SIDES=(${BENCH_SIDES:-latentsharp plain pytorch pytorch-malloc})
PY=/usr/bin/python3            # Debian's python3-torch; not the pyenv python3 first on PATH
LIMIT=${BENCH_LIMIT:-0}
# LatentSharp's NativeHeap (src/LatentSharp/Training/NativeHeap.cs) calls mallopt(M_MMAP_THRESHOLD, 32 MB) and
# mallopt(M_TRIM_THRESHOLD, 512 MB) at library load; glibc reads the same two settings from these variables
# (setting the mmap threshold either way also turns off its adaptive threshold).
MALLOC_ENV=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=536870912)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results/autoencoders-$STAMP   # kept in git (small JSON lines), like the vae-* folders
mkdir -p "$OUT"
dotnet build -c Release bench/LatentSharp.Bench -v q -nologo | tail -n 3
dotnet build -c Release bench/PlainTorchSharp.Bench -v q -nologo | tail -n 3
LS=bench/LatentSharp.Bench/bin/Release/net10.0/LatentSharp.Bench
PLAIN=bench/PlainTorchSharp.Bench/bin/Release/net10.0/PlainTorchSharp.Bench
source bench/machine-record.sh
{
  echo "command: BENCH_SIDES=\"${SIDES[*]}\" bench/run-autoencoders.sh $PAIRS \"$MODELS\""
  echo "allocator setting of the *-malloc sides: ${MALLOC_ENV[*]}"
  machine_record
} | tee "$OUT/machine.txt"
epochs_of() { [ "$1" = dense ] && echo 3 || echo 2; }
[ "$LIMIT" != 0 ] && lim=(--limit "$LIMIT") || lim=()
# run_side SIDE MODEL EPOCHS PAIR: one process, its JSON lines tagged and appended to $OUT/MODEL.jsonl
run_side() {
  local side=$1 m=$2 e=$3 p=$4 load cmd extra=()
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "pair $p $m $side (load $load)" >&2
  case $side in
    latentsharp)    [ "$m" = dense ] && extra=(--matmul); cmd=("$LS" "$m" --epochs "$e" --threads 2 "${extra[@]}" "${lim[@]}") ;;
    plain)          cmd=("$PLAIN" "$m" --epochs "$e" --threads 2 "${lim[@]}") ;;
    plain-malloc)   cmd=(env "${MALLOC_ENV[@]}" "$PLAIN" "$m" --epochs "$e" --threads 2 "${lim[@]}") ;;
    pytorch)        cmd=("$PY" bench/peers/pytorch_autoencoders.py "$m" --epochs "$e" --threads 2 "${lim[@]}") ;;
    pytorch-malloc) cmd=(env "${MALLOC_ENV[@]}" "$PY" bench/peers/pytorch_autoencoders.py "$m" --epochs "$e" --threads 2 --side pytorch-malloc "${lim[@]}") ;;
    *) echo "unknown side $side" >&2; exit 2 ;;
  esac
  # the plain side labels itself plain-torchsharp; the table wants the side's name from this script
  "${cmd[@]}" | sed -e "s/\"side\": *\"[^\"]*\"/\"side\": \"$side\"/" -e "s/^{/{\"pair\": $p, \"load\": $load, /" >> "$OUT/$m.jsonl"
}
for ((p = 1; p <= PAIRS; p++)); do
  for m in $MODELS; do
    order=("${SIDES[@]}")
    if ((p % 2 == 0)); then order=(); for ((i = ${#SIDES[@]} - 1; i >= 0; i--)); do order+=("${SIDES[i]}"); done; fi
    for side in "${order[@]}"; do run_side "$side" "$m" "$(epochs_of "$m")" "$p"; done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
$PY bench/summarize.py "$OUT" | tee "$OUT/table.md"
