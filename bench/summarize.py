#!/usr/bin/python3
"""Markdown tables from bench/results/<stamp>/ folders written by run-autoencoders.sh.

   /usr/bin/python3 bench/summarize.py DIR [DIR ...]

Per run and model: each side's median epoch time, CPU time and test loss; LatentSharp's time over every other
side's as the pooled ratio (median of all LatentSharp epochs over median of all the side's epochs in the run) and
per pair (the same within one pair), with the median and range of the per-pair ratios. With several folders, a last
table gives each run's pooled ratio, their median over runs and the range.
"""
import json, statistics, sys, pathlib

med = statistics.median
ORDER = ["latentsharp", "plain", "plain-malloc", "pytorch", "pytorch-malloc"]
NAMES = {"latentsharp": "LatentSharp", "plain": "plain TorchSharp", "plain-malloc": "plain TorchSharp + allocator env",
         "pytorch": "PyTorch 1.13 (Adam foreach)", "pytorch-malloc": "PyTorch 1.13 (foreach) + allocator env"}


def load(folder, model):
    f = folder / f"{model}.jsonl"
    if not f.exists():
        return None
    return [json.loads(l) for l in f.read_text().splitlines() if l.strip().startswith("{")]


def sides_of(rows):
    present = {r["side"] for r in rows}
    return [s for s in ORDER if s in present] + sorted(present - set(ORDER))


def epochs(rows, side, pair=None):
    return [r["seconds"] for r in rows if r["side"] == side and r["event"] == "epoch" and (pair is None or r["pair"] == pair)]


def cpu(rows, side):
    return [r["cpu_seconds"] for r in rows if r["side"] == side and r["event"] == "epoch" and "cpu_seconds" in r]


def ratios(rows, other):
    """(pooled, per-pair list) of LatentSharp's epoch time over the other side's."""
    pooled = med(epochs(rows, "latentsharp")) / med(epochs(rows, other))
    per_pair = []
    for p in sorted({r["pair"] for r in rows}):
        a, b = epochs(rows, "latentsharp", p), epochs(rows, other, p)
        if a and b:
            per_pair.append(med(a) / med(b))
    return pooled, per_pair


def run_table(folder, pooled_by_run):
    print(f"Raw results: `{folder}`\n")
    dense_extra = []
    for model in ("dense", "conv"):
        rows = load(folder, model)
        if not rows:
            continue
        sides = sides_of(rows)
        loads = [r["load"] for r in rows if "load" in r]
        summaries = {s: [r for r in rows if r["side"] == s and r["event"] == "summary"] for s in sides}
        pt_loss = med(r["test_loss"] for r in summaries["pytorch"]) if summaries.get("pytorch") else None
        print(f"**{model}** ({summaries[sides[0]][0]['epochs']} epochs per process, {len({r['pair'] for r in rows})} pairs"
              + (f", load {min(loads):.1f}–{max(loads):.1f} at process starts" if loads else "") + ")\n")
        print("| side | median epoch (s) [range] | CPU s/epoch | test loss (median) | vs PyTorch |")
        print("|---|---|---|---|---|")
        for s in sides:
            e = epochs(rows, s)
            c = cpu(rows, s)
            loss = med(r["test_loss"] for r in summaries[s])
            diff = f"{100 * (loss - pt_loss) / pt_loss:+.2f}%" if pt_loss else "—"
            print(f"| {NAMES.get(s, s)} | {med(e):.2f} [{min(e):.2f}–{max(e):.2f}] (n={len(e)}) | "
                  f"{med(c):.1f} | {loss:.2f} | {diff} |" if c else f"| {NAMES.get(s, s)} | {med(e):.2f} | n/a | {loss:.2f} | {diff} |")
        print("\n| LatentSharp time over | pooled | per-pair ratios | per-pair median [range] | CPU time (medians) |")
        print("|---|---|---|---|---|")
        for s in sides:
            if s == "latentsharp" or "latentsharp" not in sides:
                continue
            pooled, per_pair = ratios(rows, s)
            pooled_by_run.setdefault((model, s), []).append((folder.name, pooled, per_pair))
            print(f"| {NAMES.get(s, s)} | **{pooled:.2f}** | {', '.join(f'{r:.2f}' for r in per_pair)} | "
                  f"{med(per_pair):.2f} [{min(per_pair):.2f}–{max(per_pair):.2f}] | "
                  + (f"{med(cpu(rows, 'latentsharp')) / med(cpu(rows, s)):.2f} |" if cpu(rows, s) else "n/a |"))
        print()
        if model == "dense":
            dense_extra += [r for r in summaries.get("latentsharp", []) if "matmul" in r]
    if dense_extra:
        print("Dense FLOP rate (LatentSharp; 2 FLOPs per multiply-add of the forward, weight-gradient and input-gradient"
              " products, less the first layer's never-computed input gradient; matmul reference = best median GFLOP/s of"
              " the float32 products below, measured in the same process after training):\n")
        print("| pair | epoch GFLOP | LS median epoch (s) | achieved GFLOP/s | matmul GFLOP/s (128×784·784×512 / 1024³ / 2048³) | reference | fraction |")
        print("|---|---|---|---|---|---|---|")
        for r in dense_extra:
            g = r["matmul"]["Gflops"]
            print(f"| {r['pair']} | {r['epoch_gflop']:.1f} | {r['median_seconds']:.2f} | {r['achieved_gflops']:.1f} | "
                  f"{g.get('128x784@784x512', 0):.0f} / {g.get('1024x1024@1024x1024', 0):.0f} / {g.get('2048x2048@2048x2048', 0):.0f} | "
                  f"{r['matmul']['ReferenceGflops']:.0f} | {100 * r['fraction_of_matmul']:.0f}% |")
        print()


def main():
    folders = [pathlib.Path(a) for a in sys.argv[1:]]
    if not folders:
        sys.exit(__doc__)
    pooled_by_run = {}
    for f in folders:
        run_table(f, pooled_by_run)
    if len(folders) > 1:
        print("Over runs (LatentSharp's epoch time over the side's):\n")
        print("| model | over | pooled ratio per run | median over runs [range] | all per-pair ratios: median [range] |")
        print("|---|---|---|---|---|")
        for (model, s), runs in pooled_by_run.items():
            pooled = [p for _, p, _ in runs]
            pairs = [r for _, _, pp in runs for r in pp]
            print(f"| {model} | {NAMES.get(s, s)} | {', '.join(f'{p:.2f}' for p in pooled)} | **{med(pooled):.2f}** "
                  f"[{min(pooled):.2f}–{max(pooled):.2f}] | {med(pairs):.2f} [{min(pairs):.2f}–{max(pairs):.2f}] (n={len(pairs)}) |")


if __name__ == "__main__":
    main()
