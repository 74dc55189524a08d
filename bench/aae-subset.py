#!/usr/bin/python3
"""Writes an MNIST-style directory holding the first N Fashion-MNIST training images (and labels) and the
full test set, so `latent train ... --data <dir>` trains on a bounded subset. Usage: aae-subset.py N OUT_DIR"""
import gzip, os, struct, sys

SOURCE = "/usr/share/datasets/fashion-mnist"
n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
for stem, header, size in [("train-images-idx3-ubyte", 16, 784), ("train-labels-idx1-ubyte", 8, 1)]:
    data = gzip.open(os.path.join(SOURCE, stem + ".gz")).read()
    head = bytearray(data[:header])
    head[4:8] = struct.pack(">I", n)
    with open(os.path.join(out, stem), "wb") as f:
        f.write(bytes(head) + data[header:header + n * size])
for stem in ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]:
    target = os.path.join(out, stem + ".gz")
    if not os.path.exists(target):
        os.symlink(os.path.join(SOURCE, stem + ".gz"), target)
