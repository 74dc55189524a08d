#!/usr/bin/python3
"""scikit-learn's LogisticRegression on the same codes as `latent probe`/the `probe` estimator (issue 12, part 3).

Usage: bench/probe_sklearn.py codes-train.csv codes-test.csv   (from `latent encode RUN --split train|test --out X.csv`)
Standardises with the training mean/std (as our probe does), fits lbfgs (scikit-learn's default and fastest here
for dense multinomial problems) and prints fit seconds, iterations and test accuracy.
"""
import gzip
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

DATA = "/usr/share/datasets/fashion-mnist"


def labels(name):
    with gzip.open(f"{DATA}/{name}", "rb") as f:
        return np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.int64)


# `latent encode` writes code_0..code_{D-1} and then the sample's label: the label is checked, then dropped.
train = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.float32)
test = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, dtype=np.float32)
y_train, y_test = labels("train-labels-idx1-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
assert (train[:, -1] == y_train).all() and (test[:, -1] == y_test).all(), "codes and labels out of order"
train, test = train[:, :-1], test[:, :-1]
mean, std = train.mean(0), train.std(0) + 1e-8
train, test = (train - mean) / std, (test - mean) / std
for max_iter in (100, 300):
    model = LogisticRegression(max_iter=max_iter, C=1.0 / (1e-4 * len(train)))
    start = time.perf_counter()
    model.fit(train, y_train)
    seconds = time.perf_counter() - start
    print(f"lbfgs max_iter={max_iter}\tfit {seconds:.1f} s\titerations {model.n_iter_[0]}\ttest accuracy {model.score(test, y_test):.4f}")
