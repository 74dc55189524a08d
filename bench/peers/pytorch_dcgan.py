#!/usr/bin/python3
"""PyTorch twin of LatentSharp's "dcgan" (bench/dcgan.sh).

Run with Debian's interpreter: /usr/bin/python3 bench/peers/pytorch_dcgan.py --epochs 2 [--limit 10000] [--samples out.safetensors]
Prints one JSON line per epoch and a final JSON summary line ("event": "summary").
--samples writes --sample-count samples (G in eval mode, as LatentSharp's Sample; noise from its own generator
seeded --seed) after training, as a safetensors file with one tensor "samples" [N, 1, 28, 28] float32 — the
format of `latent sample --out x.safetensors` — for `LatentSharp.Bench stored-sample-quality` (same estimators).
Mirrors `latent train dcgan` with its defaults (channels 64,128, kernel 4, noise 64 ~ N(0, I), batch norm):
 D: Conv(1,64,4,s2,p1)-LeakyReLU(0.2)-Conv(64,128,4,s2,p1)-BN2d-LeakyReLU(0.2)-Flatten-Linear(6272,1)  (a logit)
 G: Linear(64,6272)-BN1d-ReLU-Unflatten(128,7,7)-ConvT(128,64,4,s2,p1)-BN2d-ReLU-ConvT(64,1,4,s2,p1)-Sigmoid
 PyTorch's default initialisation (as TorchSharp's); images in [0, 1] (pixels / 255), float32.
 Adam(lr 2e-4, betas (0.5, 0.999)) per network; batch 128, shuffled each epoch, last partial batch kept.
 The k:1 alternation of LatentSharp's AdversarialModel (k = 1): each batch is one step; even global steps train D
 on that batch (d_loss = softplus(-D(x)) + softplus(D(G(z))), G's output under no_grad), odd steps train G
 (non-saturating g_loss = softplus(-D(G(z)))), then report D's loss on the batch under no_grad — the same
 figures (and the same .item() reads) LatentSharp computes on every step.
"""
import argparse, gzip, json, os, platform, statistics, struct, sys, time

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_autoencoders import DATA, read_idx_images  # noqa: E402  (the autoencoder twin's reader: pixels / 255)
NOISE = 64


def discriminator():
    return nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))


def generator():
    return nn.Sequential(
        nn.Linear(NOISE, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Sigmoid())


def write_samples(path, samples, metadata):
    """safetensors by hand (the package is not in Debian): u64 header size, JSON header, raw little-endian data."""
    data = samples.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
    header = {"samples": {"dtype": "F32", "shape": list(samples.shape), "data_offsets": [0, len(data)]},
              "__metadata__": {k: str(v) for k, v in metadata.items()}}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)   # keep the data 8-byte aligned, as the format advises
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    p.add_argument("--samples", default="", help="write samples after training to this .safetensors file")
    p.add_argument("--sample-count", type=int, default=10000)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    train = read_idx_images(os.path.join(DATA, "train-images-idx3-ubyte.gz"))
    if a.limit:
        train = train[:a.limit]
    torch.manual_seed(a.seed)  # weight initialisation and noise
    G, D = generator(), discriminator()
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    shuffle = torch.Generator().manual_seed(a.seed)
    n, step, epochs = train.shape[0], 0, []
    for epoch in range(a.epochs):
        order = torch.randperm(n, generator=shuffle)
        sums = {"d_loss": [0.0, 0], "g_loss": [0.0, 0], "loss": [0.0, 0]}
        t0, c0 = time.perf_counter(), time.process_time()
        for start in range(0, n, a.batch):
            x = train.index_select(0, order[start:start + a.batch])
            z = torch.randn(x.shape[0], NOISE)
            if step % 2 == 1:   # generator step
                opt_g.zero_grad(set_to_none=True)
                fake_logits = D(G(z))
                g = F.softplus(-fake_logits).mean()
                g.backward()
                opt_g.step()
                with torch.no_grad():
                    d = F.softplus(-D(x)).mean() + F.softplus(fake_logits.detach()).mean()
                figures = {"loss": d.item(), "g_loss": g.item()}
            else:               # discriminator step
                opt_d.zero_grad(set_to_none=True)
                with torch.no_grad():
                    fake = G(z)
                real_logits, fake_logits = D(x), D(fake)
                d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
                d.backward()
                opt_d.step()
                value = d.item()
                figures = {"loss": value, "d_loss": value,
                           "d_real": real_logits.sigmoid().mean().item(), "d_fake": fake_logits.sigmoid().mean().item()}
            for key in sums:
                if key in figures:
                    sums[key][0] += figures[key] * x.shape[0]
                    sums[key][1] += x.shape[0]
            step += 1
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        rec = {"side": "pytorch", "model": "dcgan", "event": "epoch", "epoch": epoch + 1, "seconds": seconds, "cpu_seconds": cpu_seconds,
               **{f"train_{k}": s / max(w, 1) for k, (s, w) in sums.items()}}
        epochs.append(rec)
        print(json.dumps(rec), flush=True)
    if a.samples:
        G.eval()   # batch norm on its running statistics, as LatentSharp's Sample
        with torch.no_grad():
            z = torch.randn(a.sample_count, NOISE, generator=torch.Generator().manual_seed(a.seed))
            write_samples(a.samples, G(z), {"model": "pytorch-dcgan", "epochs": a.epochs, "seed": a.seed, "images": n})
    secs = [e["seconds"] for e in epochs]
    print(json.dumps({"side": "pytorch", "model": "dcgan", "event": "summary", "epochs": a.epochs,
                      "median_seconds": statistics.median(secs), "median_cpu_seconds": statistics.median(e["cpu_seconds"] for e in epochs),
                      "seconds": secs, "threads": torch.get_num_threads(), "torch": torch.__version__, "python": platform.python_version(),
                      "params": sum(p.numel() for p in G.parameters()) + sum(p.numel() for p in D.parameters()), "samples": n}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
