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
source "$(dirname "${BASH_SOURCE[0]}")/bench-env.sh" minatar-update-bench

exec java -Darcadia.threads=1 -cp "$cp" dev.arcadia.benchrl4j.MinAtarUpdateBench "$@"
