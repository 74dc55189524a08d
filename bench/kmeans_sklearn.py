"""scikit-learn 1.2 peer for bench/kmeans.sh: KMeans(k=10, n_init=1, k-means++) on the 60k
Fashion-MNIST training images (flattened, float32 in [0, 1]); times fit() only, data in memory."""
import gzip, sys, time
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

root = "/usr/share/datasets/fashion-mnist"
with gzip.open(f"{root}/train-images-idx3-ubyte.gz") as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
with gzip.open(f"{root}/train-labels-idx1-ubyte.gz") as f:
    y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
for algorithm in ("elkan", "lloyd"):
    KMeans(10, n_init=1, algorithm=algorithm, random_state=1000).fit(x[:5000])  # warm-up
    for seed in range(runs):
        km = KMeans(10, n_init=1, algorithm=algorithm, random_state=seed)
        t = time.perf_counter()
        km.fit(x)
        seconds = time.perf_counter() - t
        print(f"sklearn-{algorithm}\t{seed}\t{seconds:.3f}\t{km.n_iter_}\t{km.inertia_ / len(x):.4f}\t{km.inertia_:.1f}\t"
              f"{adjusted_rand_score(y, km.labels_):.4f}\t{normalized_mutual_info_score(y, km.labels_):.4f}", flush=True)
