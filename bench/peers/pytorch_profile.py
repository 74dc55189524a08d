#!/usr/bin/python3
"""Per-phase / per-layer timing of one training step in PyTorch (pairs with `LatentSharp.Bench profile`)."""
import json, statistics, sys, time
import torch
import torch.nn.functional as F
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from pytorch_autoencoders import dense_model, conv_model, loss_of


def med(fn, steps):
    for _ in range(3): fn()
    s = []
    for _ in range(steps):
        t = time.perf_counter(); fn(); s.append((time.perf_counter() - t) * 1e3)
    return statistics.median(s)


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "conv"
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = torch.rand(128, 1, 28, 28)
    net = dense_model() if which == "dense" else conv_model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    f, b, o = [], [], []
    for i in range(steps + 3):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_of(net(x), x)
        t1 = time.perf_counter(); loss.backward()
        t2 = time.perf_counter(); opt.step()
        t3 = time.perf_counter()
        if i >= 3: f.append(t1 - t0); b.append(t2 - t1); o.append(t3 - t2)
    for name, v in (("forward", f), ("backward", b), ("adam", o)):
        print(json.dumps({"side": "pytorch", "model": which, "phase": name, "ms": statistics.median(v) * 1e3}))
    print(json.dumps({"side": "pytorch", "model": which, "phase": "train_step", "ms": statistics.median([a + c + d for a, c, d in zip(f, b, o)]) * 1e3}))
    inp = x
    for layer in net:
        li = inp.detach().requires_grad_(True)
        fo = med(lambda: layer(li), steps)
        fb = med(lambda: layer(li).sum().backward(), steps)
        print(json.dumps({"side": "pytorch", "model": which, "phase": "layer", "layer": type(layer).__name__, "forward_ms": fo, "forward_backward_ms": fb}))
        with torch.no_grad(): inp = layer(inp)


main()
