#!/usr/bin/python3
"""Markdown table from a bench/results/<stamp>/ folder written by run-autoencoders.sh."""
import json, statistics, sys, pathlib

out = pathlib.Path(sys.argv[1])
med = statistics.median
print(f"Raw results: `{out}`\n")
print("| model | epochs/run | pairs | LatentSharp median epoch (s) | PyTorch median epoch (s) | ratio LS/PT (pooled) | per-pair ratios | LatentSharp test loss | PyTorch test loss | loss diff | CPU s/epoch LS / PT (ratio) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
dense_extra = []
for model in ("dense", "conv"):
    f = out / f"{model}.jsonl"
    if not f.exists():
        continue
    rows = [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
    ep = {s: [r for r in rows if r["side"] == s and r["event"] == "epoch"] for s in ("latentsharp", "pytorch")}
    su = {s: [r for r in rows if r["side"] == s and r["event"] == "summary"] for s in ("latentsharp", "pytorch")}
    pairs = sorted({r["pair"] for r in rows})
    ratios = []
    for p in pairs:
        a = [r["seconds"] for r in ep["latentsharp"] if r["pair"] == p]
        b = [r["seconds"] for r in ep["pytorch"] if r["pair"] == p]
        if a and b:
            ratios.append(med(a) / med(b))
    ls = med(r["seconds"] for r in ep["latentsharp"])
    pt = med(r["seconds"] for r in ep["pytorch"])
    lsl = med(r["test_loss"] for r in su["latentsharp"])
    ptl = med(r["test_loss"] for r in su["pytorch"])
    cl = [r["cpu_seconds"] for r in ep["latentsharp"] if "cpu_seconds" in r]
    cp = [r["cpu_seconds"] for r in ep["pytorch"] if "cpu_seconds" in r]
    cpu = f"{med(cl):.1f} / {med(cp):.1f} ({med(cl) / med(cp):.2f})" if cl and cp else "n/a"
    print(f"| {model} | {su['latentsharp'][0]['epochs']} | {len(pairs)} | {ls:.2f} (n={len(ep['latentsharp'])}) | {pt:.2f} (n={len(ep['pytorch'])}) "
          f"| {ls / pt:.2f} | {', '.join(f'{r:.2f}' for r in ratios)} | {lsl:.2f} | {ptl:.2f} | {100 * (lsl - ptl) / ptl:+.2f}% | {cpu} |")
    if model == "dense":
        for r in su["latentsharp"]:
            if "matmul" in r:
                dense_extra.append(r)
if dense_extra:
    print("\nDense model FLOP rate (epoch FLOP = 6 · linear-layer parameters (weights + biases, 1,083,696) · samples (60,000)"
          " = 390.1 GFLOP; matmul reference = best median GFLOP/s of the float32 products below, measured in the same process after training):\n")
    print("| pair | epoch GFLOP | LS median epoch (s) | achieved GFLOP/s | matmul GFLOP/s (128×784·784×512 / 1024³ / 2048³) | reference | fraction |")
    print("|---|---|---|---|---|---|---|")
    for r in dense_extra:
        g = r["matmul"]["Gflops"]
        print(f"| {r['pair']} | {r['epoch_gflop']:.1f} | {r['median_seconds']:.2f} | {r['achieved_gflops']:.1f} | "
              f"{g.get('128x784@784x512', 0):.0f} / {g.get('1024x1024@1024x1024', 0):.0f} / {g.get('2048x2048@2048x2048', 0):.0f} | "
              f"{r['matmul']['ReferenceGflops']:.0f} | {100 * r['fraction_of_matmul']:.0f}% |")
