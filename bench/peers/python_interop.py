#!/usr/bin/python3
"""LatentSharp <-> PyTorch weights, both ways, with the dense twin of bench/peers/pytorch_autoencoders.py.

  to-python:   loads a LatentSharp `autoencoder` model.safetensors (784-512-256-32 defaults) into the
               twin and checks its reconstructions and codes against the ones LatentSharp computed
               (a safetensors file with `inputs`, `reconstructions`, `codes`).
  from-python: makes a twin with its own random weights, saves its state dict with torch.save, converts
               that state dict to a LatentSharp model.safetensors (our names and metadata), and writes
               what the twin computes on the given inputs, for LatentSharp to check.
Prints one JSON line per check; exits 1 when a difference passes the tolerance.
Run with Debian's interpreter: /usr/bin/python3 bench/peers/python_interop.py ...
"""
import argparse, json, os, sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_lite  # noqa: E402
from pytorch_autoencoders import dense_model  # noqa: E402

# The twin is nn.Sequential(Flatten, Linear, ReLU, Linear, ReLU, Linear [code], Linear, ReLU, Linear, ReLU, Linear, Unflatten);
# LatentSharp's autoencoder names its layers encoder.1.<i> (after the flatten) and decoder.<i>.
OURS_OF_TWIN = {"1": "encoder.1.0", "3": "encoder.1.2", "5": "encoder.1.4",
                "6": "decoder.0", "8": "decoder.2", "10": "decoder.4"}
TWIN_OF_OURS = {ours: twin for twin, ours in OURS_OF_TWIN.items()}
CODE_LAYERS = 6  # twin[:6] maps an image to its 32-number code
# What LatentSharp needs to rebuild the model from the file alone (options not named take their defaults).
OPTIONS = {"hiddenSizes": [512, 256], "codeSize": 32, "activation": "relu", "codeActivation": "linear",
           "output": "sigmoid", "loss": "bce"}


def to_twin_names(ours):
    return {TWIN_OF_OURS[name.rsplit(".", 1)[0]] + "." + name.rsplit(".", 1)[1]: t for name, t in ours.items()}


def to_our_names(twin_state):
    return {OURS_OF_TWIN[name.rsplit(".", 1)[0]] + "." + name.rsplit(".", 1)[1]: t for name, t in twin_state.items()}


def outputs(twin, inputs):
    with torch.no_grad():
        return torch.sigmoid(twin(inputs)), twin[:CODE_LAYERS](inputs)  # the twin gives logits; ours the sigmoid


def report(direction, name, expected, actual, tolerance):
    diff = (expected - actual).abs().max().item()
    print(json.dumps({"direction": direction, "check": name, "samples": expected.shape[0], "max_abs_diff": diff,
                      "tolerance": tolerance, "ok": diff <= tolerance}), flush=True)
    return diff <= tolerance


def to_python(a):
    # The three lines docs/python.md shows:
    ours, metadata = safetensors_lite.load_file(a.model)
    twin = dense_model()
    twin.load_state_dict(to_twin_names(ours))
    twin.eval()
    assert metadata.get("latentsharp.model") == "autoencoder", metadata.get("latentsharp.model")
    computed, _ = safetensors_lite.load_file(a.ours)
    reconstructions, codes = outputs(twin, computed["inputs"])
    ok = report("latentsharp->pytorch", "reconstructions", computed["reconstructions"], reconstructions, a.tolerance)
    ok &= report("latentsharp->pytorch", "codes", computed["codes"], codes, a.code_tolerance)
    return 0 if ok else 1


def from_python(a):
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    twin = dense_model()
    state_path = os.path.join(a.out, "twin.pt")
    torch.save(twin.state_dict(), state_path)
    state = torch.load(state_path)  # the state dict as a PyTorch user has it
    metadata = {"latentsharp.format": "latentsharp-model/1", "latentsharp.model": "autoencoder",
                "latentsharp.options": json.dumps(OPTIONS), "latentsharp.input_shape": "[1,28,28]"}
    safetensors_lite.save_file(to_our_names(state), os.path.join(a.out, "model.safetensors"), metadata)
    twin.load_state_dict(state)
    twin.eval()
    computed, _ = safetensors_lite.load_file(a.inputs)
    reconstructions, codes = outputs(twin, computed["inputs"])
    safetensors_lite.save_file({"inputs": computed["inputs"], "reconstructions": reconstructions, "codes": codes},
                               os.path.join(a.out, "expected.safetensors"))
    print(json.dumps({"direction": "pytorch->latentsharp", "wrote": os.path.join(a.out, "model.safetensors"),
                      "torch": torch.__version__}), flush=True)
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("to-python")
    t.add_argument("--model", required=True, help="LatentSharp model.safetensors of an autoencoder with default sizes")
    t.add_argument("--ours", required=True, help="safetensors with inputs, reconstructions and codes computed by LatentSharp")
    t.add_argument("--tolerance", type=float, default=1e-5)
    t.add_argument("--code-tolerance", type=float, default=1e-4, help="codes are unbounded, so rounding grows with them")
    f = sub.add_parser("from-python")
    f.add_argument("--out", required=True, help="folder for twin.pt, model.safetensors and expected.safetensors")
    f.add_argument("--inputs", required=True, help="safetensors with an `inputs` tensor [N, 1, 28, 28]")
    f.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    torch.set_num_threads(2)
    return to_python(a) if a.command == "to-python" else from_python(a)


if __name__ == "__main__":
    sys.exit(main())
