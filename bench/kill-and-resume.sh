#!/usr/bin/env bash
# Kills a training run with SIGKILL in the middle of an epoch, resumes it with --resume, and
# compares its final test loss with an uninterrupted run of the same seed (the foundation
# issue's criterion: within 1e-5 relative). Usage: bench/kill-and-resume.sh [model] [epochs]
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-autoencoder}
epochs=${2:-3}
work=$(mktemp -d /tmp/latent-resume.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build src/LatentSharp.Cli -c Release -v q -nologo >/dev/null
latent=src/LatentSharp.Cli/bin/Release/net10.0/latent
common=(train "$model" --data fashion-mnist --epochs "$epochs" --seed 7 --checkpoint-every 50)

echo "uninterrupted run..."
"$latent" "${common[@]}" --out "$work/full" 2>/dev/null | tee "$work/full.txt"

echo "interrupted run: SIGKILL in the middle of epoch 2..."
"$latent" "${common[@]}" --out "$work/cut" >/dev/null 2>&1 &
pid=$!
while [ ! -s "$work/cut/metrics.jsonl" ]; do sleep 0.2; done   # epoch 1 finished
sleep 3                                                          # well into epoch 2
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "killed after $(wc -l < "$work/cut/metrics.jsonl") finished epoch(s); resuming from the last step checkpoint"
"$latent" train --resume --out "$work/cut" 2>/dev/null | tee "$work/cut.txt"

full=$(awk '$1=="test.loss"{print $2}' "$work/full.txt")
cut=$(awk '$1=="test.loss"{print $2}' "$work/cut.txt")
python3 - "$full" "$cut" <<'PY'
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
rel = abs(a - b) / abs(a)
print(f"uninterrupted test.loss {a}  resumed test.loss {b}  relative difference {rel:.2e}")
sys.exit(0 if rel <= 1e-5 else 1)
PY
