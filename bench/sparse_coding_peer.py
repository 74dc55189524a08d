"""scikit-learn 1.2 side of bench/sparse-coding.sh (run with /usr/bin/python3).

  train OUT.f32 RUNS [cd|lars] [float32|float64]
                         MiniBatchDictionaryLearning(128 atoms, alpha=1, batch 256, 5 epochs, fit_algorithm
                         cd or lars (default lars, scikit-learn's default), input dtype) on the first 20k
                         Fashion-MNIST training images; an untimed warm-up fit (2,000 images, 1 epoch) first,
                         so the timed runs are warm; writes the first run's atoms as raw float32.
  objective DICT.f32...  the common yardstick: mean of 1/2||x - a D||^2 + lambda ||a||_1 over the first 2,000
                         test images, codes from sparse_encode(algorithm='lasso_cd', alpha=1) (exact lasso).
  encode DICT.f32 RUNS   times sparse_encode lasso_lars and lasso_cd on those images.
"""
import gzip, os, sys, time
import numpy as np
from sklearn.decomposition import MiniBatchDictionaryLearning, sparse_encode

ROOT = "/usr/share/datasets/fashion-mnist"
LAMBDA = 1.0


def images(name, count):
    with gzip.open(os.path.join(ROOT, name)) as f:
        data = np.frombuffer(f.read(), np.uint8, offset=16)
    return (data.reshape(-1, 784)[:count].astype(np.float32) / 255.0).astype(np.float64)


def objective(x, dictionary, codes):
    return float(np.mean(0.5 * ((x - codes @ dictionary) ** 2).sum(1) + LAMBDA * np.abs(codes).sum(1)))


def main():
    mode = sys.argv[1]
    if mode == "train":
        fit_algorithm = sys.argv[4] if len(sys.argv) > 4 else "lars"
        dtype = np.dtype(sys.argv[5] if len(sys.argv) > 5 else "float64")
        x = images("train-images-idx3-ubyte.gz", 20000).astype(dtype)

        def model_for(seed, epochs):
            return MiniBatchDictionaryLearning(n_components=128, alpha=LAMBDA, batch_size=256, max_iter=epochs, tol=0,
                                               max_no_improvement=None, random_state=seed, fit_algorithm=fit_algorithm)
        model_for(999, 1).fit(x[:2000])   # warm-up, untimed (as on our side)
        times = []
        for run in range(int(sys.argv[3])):
            model = model_for(run, 5)
            t = time.perf_counter()
            model.fit(x)
            times.append(time.perf_counter() - t)
            print(f"sklearn train run {run + 1}: {times[-1]:.2f} s, steps {model.n_steps_}, fit_algorithm {fit_algorithm}, "
                  f"{dtype} input, components {model.components_.dtype}", flush=True)
            if run == 0:
                model.components_.astype(np.float32).tofile(sys.argv[2])
        print(f"sklearn train median: {np.median(times):.2f} s")
    elif mode == "objective":
        x = images("t10k-images-idx3-ubyte.gz", 2000)
        for path in sys.argv[2:]:
            d = np.fromfile(path, np.float32).reshape(128, -1).astype(np.float64)
            codes = sparse_encode(x, d, algorithm="lasso_cd", alpha=LAMBDA, max_iter=5000)
            print(f"objective (sklearn lasso_cd codes) of {os.path.basename(path)}: {objective(x, d, codes):.4f}, "
                  f"nonzeros {np.mean((codes != 0).sum(1)):.2f}")
    elif mode == "encode":
        x = images("t10k-images-idx3-ubyte.gz", 2000).astype(np.float32)
        d = np.fromfile(sys.argv[2], np.float32).reshape(128, -1)
        for algorithm in ("lasso_lars", "lasso_cd"):
            times = []
            for _ in range(int(sys.argv[3])):
                t = time.perf_counter()
                codes = sparse_encode(x, d, algorithm=algorithm, alpha=LAMBDA)
                times.append(time.perf_counter() - t)
            print(f"sklearn encode {algorithm}: median {np.median(times):.3f} s, objective {objective(x, d, codes):.4f}, "
                  f"nonzeros {np.mean((codes != 0).sum(1)):.2f}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
