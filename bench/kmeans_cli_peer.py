"""scikit-learn 1.2 peer for bench/kmeans-cli.sh: what a user runs, as one process. Loads the 60k
Fashion-MNIST training images (flattened, float32 in [0, 1]), fits KMeans(k=10, n_init=1, greedy
k-means++, tol 1e-4 as ours) with the given algorithm and seed, and prints: impl, seed, fit seconds,
iterations, inertia per sample, ARI against the labels. The shell times the whole process.
Usage: kmeans_cli_peer.py elkan|lloyd SEED"""
import gzip, sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

algorithm, seed = sys.argv[1], int(sys.argv[2])
root = "/usr/share/datasets/fashion-mnist"
with gzip.open(f"{root}/train-images-idx3-ubyte.gz") as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
with gzip.open(f"{root}/train-labels-idx1-ubyte.gz") as f:
    y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
km = KMeans(10, n_init=1, algorithm=algorithm, random_state=seed)
t = time.perf_counter()
km.fit(x)
seconds = time.perf_counter() - t
print(f"sklearn-{algorithm}\t{seed}\t{seconds:.3f}\t{km.n_iter_}\t{km.inertia_ / len(x):.4f}\t{adjusted_rand_score(y, km.labels_):.4f}", flush=True)
