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


def train_step(net, opt, x):
    """One Adam/SGD step of the autoencoder on the fixed batch x, as a function."""
    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_of(net(x), x)
        loss.backward()
        opt.step()
        return loss.item()
    return step


def cpu_profile(which, steps):
    """Process CPU time per training step and per phase (pairs with `LatentSharp.Bench cpuprofile`)."""
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = torch.rand(128, 1, 28, 28)
    net = dense_model() if which == "dense" else conv_model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    step = train_step(net, opt, x)
    for _ in range(5): step()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(steps): step()
    print(json.dumps({"side": "pytorch", "model": which, "phase": "train_step", "cpu_ms": (time.process_time() - c0) * 1e3 / steps,
                      "wall_ms": (time.perf_counter() - w0) * 1e3 / steps}))
    f = b = o = 0.0
    for i in range(steps + 3):
        t0 = time.process_time()
        opt.zero_grad(set_to_none=True)
        loss = loss_of(net(x), x)
        t1 = time.process_time(); loss.backward()
        t2 = time.process_time(); opt.step()
        t3 = time.process_time()
        if i >= 3: f += t1 - t0; b += t2 - t1; o += t3 - t2
    for name, v in (("forward_loss", f), ("backward", b), ("optimizer", o)):
        print(json.dumps({"side": "pytorch", "model": which, "phase": name, "cpu_ms": v * 1e3 / steps}))


def variants(blocks):
    """Dense step with Adam and with plain SGD (pairs with `LatentSharp.Bench stepvariants`)."""
    torch.set_num_threads(2)
    x = torch.rand(128, 1, 28, 28)
    for name in ("adam", "sgd"):
        torch.manual_seed(1)
        net = dense_model()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3) if name == "adam" else torch.optim.SGD(net.parameters(), lr=1e-3)
        step = train_step(net, opt, x)
        for _ in range(10): step()
        wall, cpu = [], []
        for _ in range(blocks):
            c0, w0 = time.process_time(), time.perf_counter()
            for _ in range(20): step()
            wall.append((time.perf_counter() - w0) * 1e3 / 20); cpu.append((time.process_time() - c0) * 1e3 / 20)
        print(json.dumps({"side": "pytorch", "optimizer": name, "wall_ms": statistics.median(wall), "cpu_ms": statistics.median(cpu)}))


def main():
    if "--variants" in sys.argv:
        return variants(15)
    if "--cpu" in sys.argv:
        args = [a for a in sys.argv[1:] if a != "--cpu"]
        return cpu_profile(args[0] if args else "conv", int(args[1]) if len(args) > 1 else 30)
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
