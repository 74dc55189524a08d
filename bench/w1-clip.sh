#!/usr/bin/env bash
# The W1 critic on pairs with W1 known in closed form, across clip values c and step sizes.
#   bench/w1-clip.sh [steps=300]
# Pairs (20,000 samples each, written as CSV by numpy, seed 1): two unit Gaussians in 1-D 2 apart (W1 = 2);
# two unit Gaussians in 10-D shifted by δ with ‖δ‖ = 3.245 (W1 = ‖δ‖); N(0,1) against N(0,9) in 1-D
# (W1 = 2·√(2/π) = 1.596, a pair that needs a curved critic). Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${1:-300}
PY=/usr/bin/python3
DIR=$(mktemp -d)
dotnet build -c Release src/LatentSharp.Cli -v q -nologo | tail -n 1
LATENT=src/LatentSharp.Cli/bin/Release/net10.0/latent
$PY - "$DIR" <<'PY'
import sys, numpy as np
d = sys.argv[1]; r = np.random.default_rng(1)
def save(name, x): np.savetxt(f"{d}/{name}.csv", x, delimiter=",", header=",".join(f"x{i}" for i in range(x.shape[1])), comments="")
save("a1", r.standard_normal((20000, 1))); save("b1", r.standard_normal((20000, 1)) + 2)
shift = np.array([0.3, 2.9, -0.4, 0.1, 0.0, 1.1, -0.2, 0.5, 0.0, 0.6])
save("a10", r.standard_normal((20000, 10))); save("b10", r.standard_normal((20000, 10)) + shift)
save("v1", 3 * r.standard_normal((20000, 1)))
PY
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg); steps: $STEPS; OMP_NUM_THREADS=${OMP_NUM_THREADS:-}"
echo
echo "| c | lr | 1-D shift (W1 = 2) | 10-D shift (W1 = 3.245) | 1-D variance (W1 = 1.596) |"
echo "| --- | --- | --- | --- | --- |"
w1() { "$LATENT" w1 --a "$DIR/$1.csv" --b "$DIR/$2.csv" --samples 20000 --steps "$STEPS" --clip "$3" ${4:+--lr "$4"} --seed 1 | awk -F'\t' '$1=="w1"{printf "%.3f ± %.3f", $2, $4}'; }
for c in 0.001 0.01 0.1 1; do
  for lr in "" 5e-5; do
    shown=${lr:-"c/200"}
    [ "$lr" = 5e-5 ] && [ "$c" = 0.01 ] && continue   # c/200 is 5e-5 there
    echo "| $c | $shown | $(w1 a1 b1 "$c" "$lr") | $(w1 a10 b10 "$c" "$lr") | $(w1 a1 v1 "$c" "$lr") |"
  done
done
rm -rf "$DIR"
