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
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh" dqn-bench

exec java -Darcadia.threads=1 -cp "$cp" dev.arcadia.benchrl4j.DqnThroughput \
  --python "${PYTHON:-python3}" --torch-script "$root/bench/dqn_torch.py" "$@"
