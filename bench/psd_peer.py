"""scikit-learn 1.2 peer for bench/psd.sh: iterative lasso codes for PSD's learned atoms.

Usage: /usr/bin/python3 bench/psd_peer.py <prefix> <atoms> <lambda> [repeats=5] [encoder_seconds] [encoder_objective]
Reads <prefix>.dict.f32 [atoms, d] and <prefix>.test.f32 [n, d] (written by the PsdExperiment --save),
times sparse_encode(lasso_cd) and sparse_encode(lasso_lars) (median of repeats) and prints the objective
0.5||x - zD||^2 + lambda||z||_1 per sample, and the speed ratio against the PSD encoder's time. With the
encoder's objective: also each solver stopped at equal quality, i.e. after the fewest iterations (lasso_cd:
coordinate sweeps; lasso_lars: LARS steps) whose mean objective is at most the encoder's, timed at that count.
"""
import sys, time, warnings
import numpy as np
from sklearn.decomposition import sparse_encode
from sklearn.exceptions import ConvergenceWarning

warnings.filterwarnings("ignore", category=ConvergenceWarning)

prefix, atoms, lam = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
encoder = float(sys.argv[5]) if len(sys.argv) > 5 else None
target = float(sys.argv[6]) if len(sys.argv) > 6 else None
D = np.fromfile(prefix + ".dict.f32", dtype=np.float32).reshape(atoms, -1).astype(np.float64)
X = np.fromfile(prefix + ".test.f32", dtype=np.float32).reshape(-1, D.shape[1]).astype(np.float64)

def objective(Z):
    return float(np.mean(0.5 * ((X - Z @ D) ** 2).sum(1) + lam * np.abs(Z).sum(1)))

for algorithm, kwargs in [("lasso_cd", dict(max_iter=1000)), ("lasso_lars", dict())]:
    sparse_encode(X[:10], D, algorithm=algorithm, alpha=lam, **kwargs)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        Z = sparse_encode(X, D, algorithm=algorithm, alpha=lam, **kwargs)
        times.append(time.perf_counter() - t)
    median = sorted(times)[len(times) // 2]
    ratio = f"{median / encoder:.1f}x the PSD encoder's time" if encoder else ""
    print(f"| sklearn sparse_encode({algorithm}) | {median * 1000:.1f} ms | {objective(Z):.4f} | {np.mean((Z != 0).sum(1)):.1f} | {ratio} |")

if target is not None:
    for algorithm, extra in [("lasso_cd", dict()), ("lasso_lars", dict())]:   # sparse_encode has no tol: lasso_cd may stop earlier, at its own 1e-4
        k, reached = 0, float("inf")
        while reached > target and k < 1000:
            k += 1
            reached = objective(sparse_encode(X, D, algorithm=algorithm, alpha=lam, max_iter=k, **extra))
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            Z = sparse_encode(X, D, algorithm=algorithm, alpha=lam, max_iter=k, **extra)
            times.append(time.perf_counter() - t)
        median = sorted(times)[len(times) // 2]
        ratio = f"{median / encoder:.1f}x the PSD encoder's time" if encoder else ""
        unit = "sweeps" if algorithm == "lasso_cd" else "LARS steps"
        print(f"| sklearn sparse_encode({algorithm}) stopped at the encoder's objective ({k} {unit}) | {median * 1000:.1f} ms | "
              f"{objective(Z):.4f} | {np.mean((Z != 0).sum(1)):.1f} | {ratio} |")
