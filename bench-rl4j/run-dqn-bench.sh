#!/usr/bin/env bash
# DQN throughput on CartPole-v1, learning included: Arcadia's Dqn vs RL4J's QLearningDiscreteDense vs the
# CleanRL-style PyTorch script bench/dqn_torch.py, same hyperparameters, two settings, one thread each; prints one
# table with steps/s and the ratios against the goals (Arcadia >= 50x RL4J, >= 3x PyTorch).
#
#   bench-rl4j/run-dqn-bench.sh                       # both settings, 1 run each (about 2 minutes on 2 cores)
#   bench-rl4j/run-dqn-bench.sh --repeats 3           # median of 3 interleaved runs (about 6 minutes)
#   bench-rl4j/run-dqn-bench.sh --help
#
# PYTHON=/path/to/python3 picks the interpreter for the PyTorch script (default python3; it is left out, and the
# table says so, when it cannot import torch and gymnasium). Exit status: 0 all goals met, 1 one missed, 2 usage.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Build this module and what it needs; the package phase writes bench-rl4j/target/classpath.txt.
build=(mvn -q -B package -DskipTests -pl bench-rl4j -am)
if ! "${build[@]}" -o >/tmp/dqn-bench-build.$$.log 2>&1; then
  echo "dqn-bench: offline build failed, retrying online (first use downloads RL4J and DL4J)" >&2
  "${build[@]}" >/tmp/dqn-bench-build.$$.log 2>&1 || { cat /tmp/dqn-bench-build.$$.log >&2; rm -f /tmp/dqn-bench-build.$$.log; exit 2; }
fi
rm -f /tmp/dqn-bench-build.$$.log
cp="$root/bench-rl4j/target/classes:$(cat "$root/bench-rl4j/target/classpath.txt")"

# One thread everywhere: ND4J/OpenMP, OpenBLAS, MKL (torch sets its own with torch.set_num_threads(1)).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# ND4J's bundled OpenBLAS 0.3.19 misdetects some AVX-512 CPUs; it reads this only when it loads.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi

# Provenance: the numbers depend on the nets kernels this build used.
dirty=""
git -C "$root" diff --quiet HEAD -- env nets agents 2>/dev/null || dirty=" + uncommitted changes in env/nets/agents"
echo "arcadia commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"

exec java -Darcadia.threads=1 -cp "$cp" dev.arcadia.benchrl4j.DqnThroughput \
  --python "${PYTHON:-python3}" --torch-script "$root/bench/dqn_torch.py" "$@"
