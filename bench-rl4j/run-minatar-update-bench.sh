#!/usr/bin/env bash
# One DQN update on MinAtar's network (10x10x4 -> conv 16 3x3 -> fc 128 -> 3, Breakout), batch 32: Arcadia's Dqn
# (minatar-cnn, centred RMSProp, Huber) against the same network in DL4J doing RL4J's update, on the same real
# MinAtar transitions, one thread each; prints median microseconds per update and the ratio DL4J / Arcadia.
#
#   bench-rl4j/run-minatar-update-bench.sh                          # 5 s warm-up each, 5 rounds of 10 s (about 2 minutes)
#   bench-rl4j/run-minatar-update-bench.sh --seconds 20 --rounds 9  # longer, on a quiet machine
#   bench-rl4j/run-minatar-update-bench.sh --help
#
# Exit status: 0 measured, 1 a check failed (the networks disagree, not one update per call, a non-finite loss),
# 2 usage or build error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Build this module and what it needs; the package phase writes bench-rl4j/target/classpath.txt.
build=(mvn -q -B package -DskipTests -pl bench-rl4j -am)
if ! "${build[@]}" -o >/tmp/minatar-bench-build.$$.log 2>&1; then
  echo "minatar-update-bench: offline build failed, retrying online (first use downloads RL4J and DL4J)" >&2
  "${build[@]}" >/tmp/minatar-bench-build.$$.log 2>&1 || { cat /tmp/minatar-bench-build.$$.log >&2; rm -f /tmp/minatar-bench-build.$$.log; exit 2; }
fi
rm -f /tmp/minatar-bench-build.$$.log
cp="$root/bench-rl4j/target/classes:$(cat "$root/bench-rl4j/target/classpath.txt")"

# One thread everywhere: ND4J/OpenMP, OpenBLAS, MKL; Arcadia's ND4J thread count is -Darcadia.threads below.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# ND4J's bundled OpenBLAS 0.3.19 misdetects some AVX-512 CPUs; it reads this only when it loads.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi

# Provenance: the numbers depend on the nets kernels and the agent this build used.
dirty=""
git -C "$root" diff --quiet HEAD -- env nets agents 2>/dev/null || dirty=" + uncommitted changes in env/nets/agents"
echo "arcadia commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"

exec java -Darcadia.threads=1 -cp "$cp" dev.arcadia.benchrl4j.MinAtarUpdateBench "$@"
