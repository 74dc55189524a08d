# Peer for bench/som.sh: R's kohonen package on the first N Fashion-MNIST training images
# (flattened, [0, 1]). Prints one JSON line per run: seconds of som() alone, quantisation error
# (mean Euclidean distance to the BMU, computed here from the returned codes) and topographic
# error (best and second-best units not adjacent: unit distance < 1.5, i.e. 8 neighbours on the
# rectangular grid, 6 on the hexagonal one — the same rule as LatentSharp).
# Usage: Rscript kohonen.R <mode: online|batch> [n=10000] [rlen=20] [runs=3] [topo=rectangular] [first seed=1]
suppressMessages(library(kohonen))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
n <- if (length(args) >= 2) as.integer(args[2]) else 10000L
rlen <- if (length(args) >= 3) as.integer(args[3]) else 20L
runs <- if (length(args) >= 4) as.integer(args[4]) else 3L
topo <- if (length(args) >= 5) args[5] else "rectangular"
first <- if (length(args) >= 6) as.integer(args[6]) else 1L
path <- Sys.getenv("FASHION_MNIST", "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

con <- gzfile(path, "rb")
magic <- readBin(con, "integer", n = 4, size = 4, endian = "big")
pixels <- readBin(con, "raw", n = n * 784)
close(con)
X <- matrix(as.integer(pixels), nrow = n, ncol = 784, byrow = TRUE) / 255

grid <- somgrid(10, 10, topo)          # neighbourhood.fct = "bubble" (default)
nhbr <- unit.distances(grid)
# The same work as LatentSharp's timed Trainer.Fit: training only. keep.data = FALSE skips kohonen's
# mapping pass over the data after training (unit.classif, distances), which our timing does not include.
# One untimed warm-up fit first, as on LatentSharp's side.
invisible(som(X[1:1000, ], grid = grid, rlen = 1, alpha = c(0.05, 0.01), mode = mode, keep.data = FALSE))
for (run in first:(first + runs - 1)) {
  set.seed(run)
  t <- system.time(s <- som(X, grid = grid, rlen = rlen, alpha = c(0.05, 0.01), mode = mode, keep.data = FALSE))[["elapsed"]]
  codes <- s$codes[[1]]
  d2 <- outer(rowSums(X^2), rep(1, nrow(codes))) - 2 * X %*% t(codes) + outer(rep(1, n), rowSums(codes^2))
  d2[d2 < 0] <- 0
  best <- max.col(-d2, ties.method = "first")
  qe <- mean(sqrt(d2[cbind(seq_len(n), best)]))
  d2[cbind(seq_len(n), best)] <- Inf
  second <- max.col(-d2, ties.method = "first")
  te <- mean(nhbr[cbind(best, second)] >= 1.5)
  cat(sprintf('{"impl":"kohonen","mode":"%s","seed":%d,"seconds":%.3f,"qe":%.4f,"te":%.4f,"radius_start":%.3f}\n',
              mode, run, t, qe, te, s$radius[1]))
}
