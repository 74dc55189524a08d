# Peer for bench/som.sh: R's kohonen package on the first N Fashion-MNIST training images
# (flattened, [0, 1]). Prints one JSON line per run: seconds of som() alone, quantisation error
# (mean Euclidean distance to the BMU, computed here from the returned codes) and topographic
# error (best and second-best units not adjacent: unit distance < 1.5, i.e. 8 neighbours on the
# rectangular grid, 6 on the hexagonal one — the same rule as LatentSharp).
# Usage: Rscript kohonen.R <mode: online|batch> [n=10000] [rlen=20] [runs=3] [topo=rectangular] [first seed=1]
#        [init.f32 final.f32]: also write the run's initial and final codes as raw float32 [100, 784] in
#        LatentSharp's unit order (for `LatentSharp.Bench som --init`: both sides from the same start)
#        [start radius, 0 = kohonen's default].
suppressMessages(library(kohonen))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
n <- if (length(args) >= 2) as.integer(args[2]) else 10000L
rlen <- if (length(args) >= 3) as.integer(args[3]) else 20L
runs <- if (length(args) >= 4) as.integer(args[4]) else 3L
topo <- if (length(args) >= 5) args[5] else "rectangular"
first <- if (length(args) >= 6) as.integer(args[6]) else 1L
initOut <- if (length(args) >= 8) args[7] else ""
finalOut <- if (length(args) >= 8) args[8] else ""
radius <- if (length(args) >= 9 && as.numeric(args[9]) > 0) as.numeric(args[9]) else NULL   # NULL: kohonen's default
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
# LatentSharp's hexagonal lattice shifts odd rows (0-based) right, kohonen's shifts odd y (1-based, i.e.
# even rows): the same lattice mirrored left-right. kohonen unit k = x + (y - 1) * 10 is LatentSharp's
# unit (y - 1) * 10 + (10 - x) (0-based), on both topologies; checked against the distances below.
ours <- function(k) { x <- (k - 1) %% 10 + 1; y <- (k - 1) %/% 10 + 1; (y - 1) * 10 + (10 - x) + 1 }
order <- sapply(1:100, ours)
if (topo == "hexagonal") {
  rows <- (order - 1) %/% 10; cols <- (order - 1) %% 10
  ourPts <- cbind(cols + 0.5 * (rows %% 2), rows * sqrt(3) / 2)
  stopifnot(max(abs(as.matrix(dist(ourPts)) - nhbr)) < 1e-9)
}
writeCodes <- function(codes, path) {
  inOurOrder <- matrix(0, 100, ncol(codes)); inOurOrder[order, ] <- codes
  writeBin(as.vector(t(inOurOrder)), path, size = 4)
}
for (run in first:(first + runs - 1)) {
  set.seed(run)
  init <- X[sample(1:n, 100, replace = FALSE), ]   # what som() draws by default after set.seed(run)
  if (initOut != "") writeCodes(init, initOut)
  t <- system.time(s <- if (is.null(radius))
    som(X, grid = grid, rlen = rlen, alpha = c(0.05, 0.01), mode = mode, keep.data = FALSE, init = init)
  else som(X, grid = grid, rlen = rlen, alpha = c(0.05, 0.01), mode = mode, keep.data = FALSE, init = init, radius = radius))[["elapsed"]]
  if (finalOut != "") writeCodes(s$codes[[1]], finalOut)
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
