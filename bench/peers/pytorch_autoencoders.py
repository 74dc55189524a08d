#!/usr/bin/python3
"""PyTorch side of the LatentSharp autoencoder benchmark (bench/run-autoencoders.sh).

Run with Debian's interpreter: /usr/bin/python3 bench/peers/pytorch_autoencoders.py dense --epochs 3
Prints one JSON line per epoch and a final JSON summary line ("event": "summary").
Models, loss and optimiser mirror LatentSharp's "autoencoder" and "conv-autoencoder" defaults:
 dense: 784-512-256-32-256-512-784, ReLU hidden, linear code, sigmoid output (as logits + BCE)
 conv:  Conv(1,32,3,s2,p1)-ReLU-Conv(32,64,3,s2,p1)-ReLU-Flatten-Linear(3136,32) /
        Linear(32,3136)-ReLU-Unflatten-ConvT(64,32,3,s2,p1,op1)-ReLU-ConvT(32,1,3,s2,p1,op1)
 loss:  BCE summed per image, mean over the batch (binary_cross_entropy_with_logits, sum / B)
 Adam(lr=1e-3, foreach=True), batch 128, shuffled with a seeded generator, float32.
Adam's foreach=True (the multi-tensor update: one kernel per state kind over all parameters) is the fastest Adam
Debian's 1.13 has on CPU (fused=True is CUDA-only there, and foreach defaults to False); --foreach 0 gives the default.
Allocator settings (MALLOC_MMAP_THRESHOLD_ and the like) come from the environment; the summary records them.
"""
import argparse, gzip, json, os, platform, statistics, sys, time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, n, rows, cols = np.frombuffer(raw[:16], dtype=">i4")
    if magic != 2051:
        raise ValueError(f"{path}: not an IDX image file (magic {magic})")
    pixels = np.frombuffer(raw, dtype=np.uint8, offset=16, count=n * rows * cols)
    return torch.from_numpy(pixels.reshape(n, 1, rows, cols).astype(np.float32) / 255.0)


def dense_model():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 32),
        nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784),
        nn.Unflatten(1, (1, 28, 28)))


def conv_model():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 32),
        nn.Linear(32, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
        nn.ConvTranspose2d(64, 32, 3, 2, 1, output_padding=1), nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 3, 2, 1, output_padding=1))


def loss_of(logits, target):
    return F.binary_cross_entropy_with_logits(logits, target, reduction="sum") / target.shape[0]


def evaluate(model, data, batch):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for start in range(0, data.shape[0], batch):
            x = data[start:start + batch]
            total += loss_of(model(x), x).item() * x.shape[0]
    model.train()
    return total / data.shape[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", choices=["dense", "conv"])
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images (smoke tests)")
    p.add_argument("--foreach", type=int, choices=[0, 1], default=1, help="Adam's multi-tensor update (1, the fastest on CPU) or the per-tensor loop (0)")
    p.add_argument("--side", default="pytorch", help="label of this row in the JSON lines (run-autoencoders.sh: pytorch, pytorch-malloc)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    train = read_idx_images(os.path.join(DATA, "train-images-idx3-ubyte.gz"))
    test = read_idx_images(os.path.join(DATA, "t10k-images-idx3-ubyte.gz"))
    if a.limit:
        train = train[:a.limit]
    torch.manual_seed(a.seed)  # weight initialisation
    model = dense_model() if a.model == "dense" else conv_model()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=bool(a.foreach))
    shuffle = torch.Generator().manual_seed(a.seed)
    n = train.shape[0]
    epochs = []
    for epoch in range(a.epochs):
        order = torch.randperm(n, generator=shuffle)
        total, t0, c0 = 0.0, time.perf_counter(), time.process_time()
        for start in range(0, n, a.batch):
            x = train.index_select(0, order[start:start + a.batch])
            opt.zero_grad(set_to_none=True)
            loss = loss_of(model(x), x)
            loss.backward()
            opt.step()
            total += loss.item() * x.shape[0]
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        test_loss = evaluate(model, test, a.batch)
        rec = {"side": a.side, "model": a.model, "event": "epoch", "epoch": epoch + 1, "seconds": seconds, "cpu_seconds": cpu_seconds,
               "train_loss": total / n, "test_loss": test_loss}
        epochs.append(rec)
        print(json.dumps(rec), flush=True)
    secs = [e["seconds"] for e in epochs]
    print(json.dumps({"side": a.side, "model": a.model, "event": "summary", "epochs": a.epochs,
                      "adam_foreach": bool(a.foreach), "malloc_env": " ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("MALLOC_")),
                      "median_seconds": statistics.median(secs), "median_cpu_seconds": statistics.median(e["cpu_seconds"] for e in epochs), "seconds": secs,
                      "test_loss": epochs[-1]["test_loss"], "threads": torch.get_num_threads(),
                      "torch": torch.__version__, "python": platform.python_version(),
                      "params": sum(p.numel() for p in model.parameters())}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
