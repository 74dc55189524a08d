#!/usr/bin/python3
"""One table for the generative models of issue 10, trained at one decoder/generator architecture and one
budget on Fashion-MNIST, each scored by the same estimators through the `latent` CLI.

Usage: bench/generative_table.py --latent <path to latent> --out <folder> [--models vae,gan,...]
       [--epochs N] [--data fashion-mnist] [--seed S]

Resumable: a model whose run folder already holds its final epoch is not retrained, and an estimator
already in the run's evaluation.json is not rerun. Writes <out>/table.md and <out>/table.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# One architecture for every decoder/generator: code (noise) 8 → 256 → 512 → 784, sigmoid output;
# encoders and discriminators mirror it (784 → 512 → 256). Adam everywhere except WGAN (RMSprop, its paper's).
CODE = "8"
MODELS = {
    "vae": ["--hidden-sizes", "512,256", "--code-size", CODE],
    "aae": ["--hidden-sizes", "512,256", "--code-size", CODE, "--prior", "gaussian"],
    "wae-gan": ["--hidden-sizes", "512,256", "--code-size", CODE, "--prior", "gaussian"],
    "wae-mmd": ["--hidden-sizes", "512,256", "--code-size", CODE, "--prior", "gaussian"],
    "gan": ["--noise-size", CODE, "--generator-hidden-sizes", "256,512", "--discriminator-hidden-sizes", "512,256"],
    "wgan": ["--noise-size", CODE, "--generator-hidden-sizes", "256,512", "--discriminator-hidden-sizes", "512,256"],
    "gmmn": ["--noise-size", CODE, "--hidden-sizes", "256,512"],
}

# (column, estimator spec, metric key in evaluation.json)
ESTIMATES = [
    ("recon (sq. error / image)", "reconstruction", "reconstruction.squared_error"),
    ("MMD² (rbf σ=10)", "mmd", "mmd.mmd2"),
    ("W1 (critic)", "w1", "w1.distance"),
    ("Fréchet (classifier features)", "frechet", "frechet.distance"),
    ("Parzen log-lik. (nats)", "parzen", "parzen.log_likelihood"),
]


def run(cmd, log):
    started = time.perf_counter()
    with open(log, "a") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        code = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
    return code, time.perf_counter() - started


def epochs_done(run_dir):
    path = os.path.join(run_dir, "metrics.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluation(run_dir):
    path = os.path.join(run_dir, "evaluation.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        entries = json.load(f)["entries"]
    return {e["spec"]: {v["metric"]: v for v in e["values"]} for e in entries}


def samples_per_second(latent, run_dir, log):
    """Samples per second of `latent sample`, without the process's start-up: time 100 and 10,100 samples."""
    times = []
    for count in (100, 10100):
        out = os.path.join(run_dir, f"speed-{count}.safetensors")
        code, seconds = run([latent, "sample", run_dir, "--count", str(count), "--seed", "3", "--out", out], log)
        if code != 0:
            return None
        times.append(seconds)
        os.remove(out)
    return 10000 / max(times[1] - times[0], 1e-3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--latent", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--epochs", default="10")
    parser.add_argument("--batch-size", default="128")
    parser.add_argument("--data", default="fashion-mnist")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--estimators", default=",".join(spec for _, spec, _ in ESTIMATES))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    log = os.path.join(args.out, "log.txt")
    wanted = set(args.estimators.split(","))
    rows = {}
    for name in args.models.split(","):
        run_dir = os.path.join(args.out, name)
        if len(epochs_done(run_dir)) < int(args.epochs):
            cmd = [args.latent, "train", name, "--data", args.data, "--epochs", args.epochs,
                   "--batch-size", args.batch_size, "--seed", args.seed, "--out", run_dir, "--overwrite"] + MODELS[name]
            code, _ = run(cmd, log)
            if code != 0:
                print(f"{name}: training failed (exit {code}); see {log}", file=sys.stderr)
                continue
        scored = evaluation(run_dir)
        row = {"epoch_seconds": sorted(e["seconds"] for e in epochs_done(run_dir))[int(args.epochs) // 2]}
        for column, spec, metric in ESTIMATES:
            if spec not in wanted:
                continue
            if spec not in scored:
                code, seconds = run([args.latent, "evaluate", run_dir, "--estimator", spec, "--data", args.data,
                                     "--seed", args.seed], log)
                scored = evaluation(run_dir)
            value = scored.get(spec, {}).get(metric)
            row[column] = None if value is None else (value["value"], value.get("standardError"), value["kind"])
        row["samples_per_second"] = samples_per_second(args.latent, run_dir, log)
        rows[name] = row
        print(name, json.dumps(row), flush=True)
    with open(os.path.join(args.out, "table.json"), "w") as f:
        json.dump(rows, f, indent=1)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        columns = [c for c, spec, _ in ESTIMATES if spec in wanted]
        f.write("| model | " + " | ".join(columns) + " | samples/s | epoch s (median) |\n")
        f.write("|---" * (len(columns) + 3) + "|\n")
        for name, row in rows.items():
            cells = []
            for c in columns:
                v = row.get(c)
                cells.append("—" if v is None else (f"{v[0]:.4g}" + (f" ± {v[1]:.2g}" if v[1] else "") + f" ({v[2]})"))
            sps = row["samples_per_second"]
            f.write(f"| {name} | " + " | ".join(cells) + f" | {sps:,.0f} | {row['epoch_seconds']:.1f} |\n"
                    if sps else f"| {name} | " + " | ".join(cells) + f" | — | {row['epoch_seconds']:.1f} |\n")


if __name__ == "__main__":
    main()
