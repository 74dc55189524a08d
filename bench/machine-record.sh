# Sourced by the paired benchmarks (run-autoencoders.sh, vae.sh): prints the lines every machine.txt starts with.
# Expects PY (Debian's /usr/bin/python3) and runs from the repository root.
machine_record() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (plus uncommitted changes)')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, flags:$(grep -m1 -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/^/ /')"
  echo "python-torch: $($PY -c 'import re, torch; print(torch.__version__, *re.findall(r"BLAS_INFO=\w+|USE_OPENMP=\w+", torch.__config__.show()))') ($(dpkg -l libopenblas0-openmp 2>/dev/null | awk '/^ii/ {print $2, $3}'))"
  echo "torchsharp: $(sed -n 's/.*Include="TorchSharp-cpu" Version="\([^"]*\)".*/\1/p' Directory.Packages.props) (libtorch $(ls ~/.nuget/packages/libtorch-cpu-linux-x64 2>/dev/null | tail -1))"
  echo "env: OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-} OMP_NUM_THREADS=${OMP_NUM_THREADS:-} GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-} BENCH_LIMIT=${BENCH_LIMIT:-0}"
  echo "load before: $(uptime)"
}
