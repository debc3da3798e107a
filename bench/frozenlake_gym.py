#!/usr/bin/env python3
"""Peer benchmark: Gymnasium FrozenLake-v1 (4x4, slippery, default) single-thread step throughput.

Two modes:
  wrapped  gymnasium.make("FrozenLake-v1")  (TimeLimit -> OrderEnforcing -> PassiveEnvChecker)
  raw      env.unwrapped (bare FrozenLakeEnv; no time limit)

Loop: reset(seed=0) once, then step through a fixed action sequence generated before
timing; reset() when terminated or truncated (reset time is included). Each timed run
lasts about --seconds; the median steps/s over --repeats runs is reported as one JSON line.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time

import gymnasium
import numpy as np

ENV_ID = "FrozenLake-v1"
CHUNK = 4096  # steps between clock checks


def run_for(env, actions, seconds):
    """Step env through `actions` (cycled) for ~`seconds`; return steps/s."""
    n_actions = len(actions)
    step = env.step
    reset = env.reset
    steps = 0
    i = 0
    reset(seed=0)
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(CHUNK):
            _, _, terminated, truncated, _ = step(actions[i])
            i += 1
            if i == n_actions:
                i = 0
            if terminated or truncated:
                reset()
        steps += CHUNK
        now = time.perf_counter()
        if now >= deadline:
            return steps / (now - start)


def measure(env, actions, seconds, warmup, repeats):
    run_for(env, actions, warmup)
    return statistics.median(run_for(env, actions, seconds) for _ in range(repeats))


def main():
    ap = argparse.ArgumentParser(description="Gymnasium FrozenLake-v1 step-throughput benchmark")
    ap.add_argument("--seconds", type=float, default=3.0, help="seconds per timed run (default 3)")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per mode (default 3)")
    ap.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per mode (default 1)")
    ap.add_argument("--actions", type=int, default=1 << 16, help="length of the pre-generated action sequence")
    ap.add_argument("--seed", type=int, default=0, help="seed for the action sequence")
    args = ap.parse_args()

    # Plain Python ints, generated before any timing.
    actions = np.random.default_rng(args.seed).integers(0, 4, size=args.actions).tolist()

    wrapped = gymnasium.make(ENV_ID)
    raw = gymnasium.make(ENV_ID).unwrapped
    try:
        wrapped_sps = measure(wrapped, actions, args.seconds, args.warmup, args.repeats)
        raw_sps = measure(raw, actions, args.seconds, args.warmup, args.repeats)
    finally:
        wrapped.close()
        raw.close()

    print(json.dumps({
        "peer": "gymnasium",
        "version": gymnasium.__version__,
        "python": platform.python_version(),
        "wrappedStepsPerSec": round(wrapped_sps, 1),
        "rawStepsPerSec": round(raw_sps, 1),
        "repeats": args.repeats,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
