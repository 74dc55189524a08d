#!/usr/bin/python3
"""PyTorch twin of LatentSharp's `vae` for bench/vae.sh (issue 10's first "done when").

Run with Debian's interpreter: /usr/bin/python3 bench/peers/pytorch_vae.py --epochs 5 --seed 1
Prints one JSON line per epoch and a final summary line ("event": "summary").

Mirrors `latent train vae --binarize true --code-size 32 --hidden-sizes 512,256` (defaults otherwise):
 encoder 784-512-256-64 (ReLU hidden, linear output split into mu and log sigma^2 of 32 each),
 decoder 32-256-512-784 (ReLU hidden, Bernoulli logits); nn.Linear's default initialisation (TorchSharp's too);
 data: Fashion-MNIST IDX, pixels / 255 binarised once at > 0.5 (fixed, not resampled);
 loss: one-sample negative ELBO per image, mean over the batch: BCE-with-logits summed over pixels
 + analytic KL(N(mu, sigma^2) || N(0, I)); Adam(lr=1e-3, foreach=True), batch 128, shuffled, float32.
Evaluation: one-sample test ELBO on all 10,000 test images; IWAE-k (Burda et al. 2016) on the first
`--iwae-limit` test images, in passes of 16 images x 1,000 codes (LatentSharp's pass size), log weights
log p(x|z) + log p(z) - log q(z|x), log-sum-exp in float64 (as LatentSharp does).
Epoch time = wall time of the training loop only (no evaluation), as on the LatentSharp side.
"""
import argparse, json, math, os, platform, statistics, sys, time

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_autoencoders import DATA, read_idx_images

ROWS_PER_PASS = 16_384       # LatentSharp's ImportanceWeightedEstimator.RowsPerPass
HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


def mix(seed, stream):
    """LatentSharp's Trainer.Mix (splitmix64 finaliser), to seed the same generators as its Trainer."""
    m = (1 << 64) - 1
    z = (seed * 0x9E3779B97F4A7C15 + stream + 0x632BE59BD9B4E019) & m
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m
    return (z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFF


def read_binarised(path):
    """Images [N, 784] as 0/1 floats: pixel / 255 > 0.5, once (fixed, not resampled)."""
    images = read_idx_images(path)
    return (images.reshape(images.shape[0], -1) > 0.5).float()


class Vae(nn.Module):
    def __init__(self, code=32):
        super().__init__()
        self.code = code
        self.encoder = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 2 * code))
        self.decoder = nn.Sequential(nn.Linear(code, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784))

    def posterior(self, x):
        mean, log_variance = self.encoder(x).chunk(2, 1)
        return mean, log_variance

    def negative_elbo(self, x, noise_generator=None):
        """Per-image -ELBO, reconstruction and KL, each [B] (one reparameterised sample)."""
        mean, log_variance = self.posterior(x)
        z = mean + (0.5 * log_variance).exp() * torch.randn(mean.shape, generator=noise_generator)
        recon = F.binary_cross_entropy_with_logits(self.decoder(z), x, reduction="none").sum(1)
        kl = 0.5 * (mean.square() + log_variance.exp() - 1 - log_variance).sum(1)
        return recon + kl, recon, kl

    def log_weights(self, x, k):
        """log p(x, z_i) - log q(z_i | x) for k codes per image, [B, k] float64."""
        b = x.shape[0]
        mean, log_variance = self.posterior(x)
        noise = torch.randn(b, k, self.code)
        z = mean.unsqueeze(1) + (0.5 * log_variance).exp().unsqueeze(1) * noise          # [B, k, K]
        flat = z.reshape(b * k, self.code)
        target = x.unsqueeze(1).expand(b, k, x.shape[1]).reshape(b * k, x.shape[1])
        log_likelihood = -F.binary_cross_entropy_with_logits(self.decoder(flat), target, reduction="none").sum(1).reshape(b, k)
        log_prior = (-0.5 * flat.square()).sum(1).reshape(b, k) - self.code * HALF_LOG_TWO_PI
        log_posterior = (-0.5 * (noise.square() + log_variance.unsqueeze(1))).sum(-1) - self.code * HALF_LOG_TWO_PI
        return (log_likelihood + log_prior - log_posterior).double()


def test_elbo(model, data, batch):
    total = recon_total = kl_total = 0.0
    with torch.no_grad():
        for start in range(0, data.shape[0], batch):
            x = data[start:start + batch]
            nelbo, recon, kl = model.negative_elbo(x)
            total += nelbo.sum().item()
            recon_total += recon.sum().item()
            kl_total += kl.sum().item()
    n = data.shape[0]
    return -total / n, recon_total / n, kl_total / n


def iwae(model, data, k):
    per_pass = min(k, ROWS_PER_PASS)
    images_per_pass = max(1, ROWS_PER_PASS // per_pass)
    bounds = []
    with torch.no_grad():
        for start in range(0, data.shape[0], images_per_pass):
            x = data[start:start + images_per_pass]
            parts = [model.log_weights(x, min(per_pass, k - done)) for done in range(0, k, per_pass)]
            bounds.append(torch.cat(parts, 1).logsumexp(1) - math.log(k))
    b = torch.cat(bounds)
    return b.mean().item(), (b.std() / math.sqrt(b.shape[0])).item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--k", type=int, default=1000)
    p.add_argument("--iwae-limit", type=int, default=1000)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images (smoke tests)")
    p.add_argument("--streams", choices=["own", "latentsharp"], default="own",
                   help="latentsharp: draw the shuffles and the training noise from generators seeded as LatentSharp's Trainer seeds them "
                        "(a diagnostic: the two runs then differ only by float rounding, as far as both libtorch versions draw alike)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    train = read_binarised(os.path.join(DATA, "train-images-idx3-ubyte.gz"))
    test = read_binarised(os.path.join(DATA, "t10k-images-idx3-ubyte.gz"))
    if a.limit:
        train = train[:a.limit]
    torch.manual_seed(a.seed)  # weight initialisation, then the reparameterisation noise
    model = Vae()
    # nn.Linear's default draws from U(-1/sqrt(fan_in), 1/sqrt(fan_in)): each ratio is about 1.
    init_scale = {k: v.abs().max().item() * math.sqrt(model.state_dict()[k.rsplit(".", 1)[0] + ".weight"].shape[1])
                  for k, v in model.state_dict().items()}
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    shuffle = torch.Generator().manual_seed(a.seed)
    noise = torch.Generator().manual_seed(mix(a.seed, 0x7261696E)) if a.streams == "latentsharp" else None
    n = train.shape[0]
    epochs = []
    for epoch in range(a.epochs):
        if a.streams == "latentsharp":
            shuffle = torch.Generator().manual_seed(mix(a.seed, epoch))
        order = torch.randperm(n, generator=shuffle)
        total, t0, c0 = 0.0, time.perf_counter(), time.process_time()
        for start in range(0, n, a.batch):
            x = train.index_select(0, order[start:start + a.batch])
            opt.zero_grad(set_to_none=True)
            loss = model.negative_elbo(x, noise)[0].mean()
            loss.backward()
            opt.step()
            total += loss.item() * x.shape[0]
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
        rec = {"side": "pytorch", "event": "epoch", "epoch": epoch + 1, "seconds": seconds, "cpu_seconds": cpu_seconds,
               "train_elbo": -total / n}
        epochs.append(rec)
        print(json.dumps(rec), flush=True)

    t0 = time.perf_counter()
    elbo, recon, kl = test_elbo(model, test, a.batch)
    elbo_seconds = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    iwae_ll, iwae_se = iwae(model, test[:a.iwae_limit], a.k)
    iwae_seconds, iwae_cpu = time.perf_counter() - t0, time.process_time() - c0
    secs = [e["seconds"] for e in epochs]
    print(json.dumps({"side": "pytorch", "event": "summary", "seed": a.seed, "streams": a.streams, "epochs": a.epochs,
                      "median_seconds": statistics.median(secs), "seconds": secs,
                      "median_cpu_seconds": statistics.median(e["cpu_seconds"] for e in epochs),
                      "test_elbo": elbo, "test_recon": recon, "test_kl": kl, "test_elbo_seconds": elbo_seconds,
                      "iwae_k": a.k, "iwae_images": min(a.iwae_limit, test.shape[0]),
                      "iwae_nll": -iwae_ll, "iwae_se": iwae_se, "iwae_seconds": iwae_seconds, "iwae_cpu_seconds": iwae_cpu,
                      "init_scale": init_scale, "threads": torch.get_num_threads(), "torch": torch.__version__, "python": platform.python_version(),
                      "params": sum(p.numel() for p in model.parameters())}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
