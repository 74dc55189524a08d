#!/usr/bin/env bash
# Weights both ways between LatentSharp and PyTorch (issue 11 part 6), with Debian's python3-torch:
#  1. LatentSharp -> PyTorch: trains a default `autoencoder` (784-512-256-32) for one epoch with the
#     latent CLI, has LatentSharp reconstruct and encode 100 test images, loads model.safetensors into
#     the PyTorch twin of bench/peers/pytorch_autoencoders.py and checks its reconstructions (within
#     1e-5) and codes against ours;
#  2. PyTorch -> LatentSharp: a twin with its own random weights saves its state dict (torch.save),
#     which is converted to a LatentSharp model.safetensors (our names and metadata); LatentSharp
#     loads it with ModelFile.Load, checks its reconstructions against PyTorch's (within 1e-5), and
#     `latent reconstruct` draws a picture from it.
# The safetensors format is read and written by bench/peers/safetensors_lite.py (Debian 12 has no
# python3-safetensors). Usage: tools/check-python-interop.sh [work-folder]   (about 2-3 minutes)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/latent-python-interop.XXXXXX)}
PY=/usr/bin/python3
"$PY" -c 'import torch' 2>/dev/null || { echo "check-python-interop: $PY has no torch (apt-get install python3-torch)" >&2; exit 1; }
mkdir -p "$WORK"
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

step "build"
dotnet build "$ROOT/src/LatentSharp.Cli" -c Release --nologo -v:q
LATENT=(dotnet "$ROOT/src/LatentSharp.Cli/bin/Release/net10.0/latent.dll")
HELPER=(dotnet run -c Release --file "$ROOT/bench/peers/python_interop_latentsharp.cs" --)

step "LatentSharp -> PyTorch"
"${LATENT[@]}" train autoencoder --epochs 1 --seed 1 --out "$WORK/ours" --overwrite >/dev/null
"${HELPER[@]}" compute "$WORK/ours/model.safetensors" 100 "$WORK/ours-outputs.safetensors"
"$PY" "$ROOT/bench/peers/python_interop.py" to-python --model "$WORK/ours/model.safetensors" --ours "$WORK/ours-outputs.safetensors"

step "PyTorch -> LatentSharp"
"$PY" "$ROOT/bench/peers/python_interop.py" from-python --out "$WORK/theirs" --inputs "$WORK/ours-outputs.safetensors"
"${HELPER[@]}" check "$WORK/theirs/model.safetensors" "$WORK/theirs/expected.safetensors" 1e-5
# The converted weights as a run folder: the trained run's config with PyTorch's weights.
mkdir -p "$WORK/theirs-run"
cp "$WORK/ours/config.json" "$WORK/theirs-run/"
cp "$WORK/theirs/model.safetensors" "$WORK/theirs-run/"
"${LATENT[@]}" reconstruct "$WORK/theirs-run" --out "$WORK/theirs-reconstructions.png" --count 10

step "python interop OK"
