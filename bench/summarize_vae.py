#!/usr/bin/python3
"""Markdown summary of a bench/results/vae-<stamp>/ folder written by bench/vae.sh."""
import json, pathlib, statistics, sys

out = pathlib.Path(sys.argv[1])
med = statistics.median
rows = [json.loads(l) for l in (out / "runs.jsonl").read_text().splitlines() if l.strip()]
SIDES = ("latentsharp", "pytorch")
summary = {(r["pair"], r["side"]): r for r in rows if r["event"] == "summary"}
epochs = {s: [r for r in rows if r["side"] == s and r["event"] == "epoch"] for s in SIDES}
pairs = sorted(p for p in {r["pair"] for r in rows} if all((p, s) in summary for s in SIDES))


def rng(values, fmt="{:.2f}"):
    return f"{fmt.format(med(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


print(f"Raw results: `{out}`\n")
print("Per pair (pair p: seed p on both sides; LS = LatentSharp, PT = PyTorch; epoch = median of the run's epochs, training loop only):\n")
print("| pair | load LS / PT (1-min) | epoch s LS / PT | ratio | CPU s/epoch LS / PT | test ELBO LS / PT | diff | IWAE-1000 NLL LS / PT | diff | IWAE s LS / PT | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
ratio_epoch, ratio_iwae, d_elbo, d_iwae = [], [], [], []
for p in pairs:
    a, b = summary[(p, "latentsharp")], summary[(p, "pytorch")]
    re_, ri = a["median_seconds"] / b["median_seconds"], a["iwae_seconds"] / b["iwae_seconds"]
    de, di = a["test_elbo"] - b["test_elbo"], a["iwae_nll"] - b["iwae_nll"]
    ratio_epoch.append(re_); ratio_iwae.append(ri); d_elbo.append(de); d_iwae.append(di)
    print(f"| {p} | {a['load'].split()[0]} / {b['load'].split()[0]} | {a['median_seconds']:.2f} / {b['median_seconds']:.2f} | {re_:.2f} "
          f"| {a['median_cpu_seconds']:.1f} / {b['median_cpu_seconds']:.1f} | {a['test_elbo']:.2f} / {b['test_elbo']:.2f} | {de:+.2f} "
          f"| {a['iwae_nll']:.2f} / {b['iwae_nll']:.2f} | {di:+.2f} | {a['iwae_seconds']:.2f} / {b['iwae_seconds']:.2f} | {ri:.2f} |")

print("\nOver the pairs: median (range).\n")
print("| figure | LatentSharp | PyTorch | LS − PT or LS / PT per pair |")
print("|---|---|---|---|")
ep = {s: [e["seconds"] for e in epochs[s] if e["pair"] in pairs] for s in SIDES}
cpu = {s: [e["cpu_seconds"] for e in epochs[s] if e["pair"] in pairs] for s in SIDES}
col = lambda s, key: [summary[(p, s)][key] for p in pairs]
print(f"| epoch seconds (all epochs, n={len(ep['latentsharp'])} / {len(ep['pytorch'])}) | {rng(ep['latentsharp'])} | {rng(ep['pytorch'])} | ratio {rng(ratio_epoch)}; pooled {med(ep['latentsharp']) / med(ep['pytorch']):.2f} |")
print(f"| CPU seconds per epoch | {rng(cpu['latentsharp'])} | {rng(cpu['pytorch'])} | pooled ratio {med(cpu['latentsharp']) / med(cpu['pytorch']):.2f} |")
print(f"| test ELBO (10,000 images, nats) | {rng(col('latentsharp', 'test_elbo'))} | {rng(col('pytorch', 'test_elbo'))} | {rng(d_elbo, '{:+.2f}')} |")
print(f"| test KL (nats) | {rng(col('latentsharp', 'test_kl'))} | {rng(col('pytorch', 'test_kl'))} | |")
print(f"| IWAE-1000 NLL (first 1,000, nats) | {rng(col('latentsharp', 'iwae_nll'))} | {rng(col('pytorch', 'iwae_nll'))} | {rng(d_iwae, '{:+.2f}')} |")
print(f"| IWAE-1000 standard error (nats) | {rng(col('latentsharp', 'iwae_se'))} | {rng(col('pytorch', 'iwae_se'))} | |")
print(f"| IWAE-1000 seconds | {rng(col('latentsharp', 'iwae_seconds'))} | {rng(col('pytorch', 'iwae_seconds'))} | ratio {rng(ratio_iwae)} |")
print(f"| IWAE-1000 CPU seconds | {rng(col('latentsharp', 'iwae_cpu_seconds'))} | {rng(col('pytorch', 'iwae_cpu_seconds'))} | |")
print(f"| test ELBO pass seconds | {rng(col('latentsharp', 'test_elbo_seconds'))} | {rng(col('pytorch', 'test_elbo_seconds'))} | |")

print("\nPer epoch (median over pairs, seconds): " + "; ".join(
    f"epoch {e}: {med(r['seconds'] for r in epochs['latentsharp'] if r['epoch'] == e and r['pair'] in pairs):.2f} / "
    f"{med(r['seconds'] for r in epochs['pytorch'] if r['epoch'] == e and r['pair'] in pairs):.2f}"
    for e in sorted({r["epoch"] for r in epochs["latentsharp"]})))
