#!/usr/bin/env python3
"""MinAtar-Python throughput: frames per second per game, single-threaded, for the side-by-side with Arcadia's
native games (env/src/test/java/dev/arcadia/env/minatar/MinAtarThroughput.java).

Usage:
    pip install minatar numpy          # or, without PyPI: pip install --no-deps <a MinAtar source checkout>
    python bench/minatar_python.py [--frames 20000] [--repeats 5] [--games breakout,seaquest] [--json out.json]

Per game: ``minatar.Environment(game)`` with its defaults (sticky actions 0.1, difficulty ramping), seeded, playing
uniformly random actions drawn up front (so the timing is the environment's), resetting on terminal. Two loops are
timed: ``act`` (``Environment.act`` alone, MinAtar's own interface) and ``act+state`` (``act`` followed by
``state()``, the observation, which is what the Gymnasium wrapper's ``step`` does). Each repeat times ``--frames``
frames after a short warm-up; the report is the median over repeats (and every repeat), as JSON on stdout (and in
``--json`` if given).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time

GAMES = ["asterix", "breakout", "freeway", "seaquest", "space_invaders"]


def run(env, actions, with_state):
    act, state, reset = env.act, env.state, env.reset
    start = time.perf_counter()
    if with_state:
        for a in actions:
            _, done = act(a)
            state()
            if done:
                reset()
    else:
        for a in actions:
            _, done = act(a)
            if done:
                reset()
    return len(actions) / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser(description="MinAtar-Python frames per second per game")
    p.add_argument("--frames", type=int, default=20_000, help="frames per timed repeat (20000)")
    p.add_argument("--repeats", type=int, default=5, help="timed repeats per game and loop (5)")
    p.add_argument("--games", default=",".join(GAMES), help="comma-separated MinAtar game names")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", help="also write the report to this file")
    args = p.parse_args()

    logging.disable(logging.WARNING)  # MinAtar warns when matplotlib/seaborn are missing; no rendering here
    try:
        import numpy as np
        import minatar
    except ImportError as e:
        sys.exit(f"minatar_python.py: {e}; install it with 'pip install minatar' (or pip install --no-deps a source "
                 "checkout of github.com/kenjyoung/MinAtar)")
    try:
        from importlib.metadata import version
        minatar_version = version("minatar")
    except Exception:
        minatar_version = "unknown"

    report = {
        "implementation": "MinAtar (Python)",
        "minatar_version": minatar_version,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "cpu_count": os.cpu_count(),
        "frames_per_repeat": args.frames,
        "repeats": args.repeats,
        "policy": "uniform random over the 6 actions, reset on terminal; sticky_action_prob 0.1, ramping on",
        "games": {},
    }
    for game in args.games.split(","):
        env = minatar.Environment(game)
        env.seed(args.seed)
        env.reset()
        actions = np.random.RandomState(args.seed).randint(6, size=args.frames).tolist()
        run(env, actions[: max(1, args.frames // 10)], True)  # warm-up
        result = {}
        for name, with_state in (("act", False), ("act+state", True)):
            rates = [run(env, actions, with_state) for _ in range(args.repeats)]
            result[name] = {"frames_per_s": statistics.median(rates), "repeats": [round(r) for r in rates]}
        report["games"][game] = result
        print(f"{game:15s} act {result['act']['frames_per_s']:>10,.0f}/s   "
              f"act+state {result['act+state']['frames_per_s']:>10,.0f}/s", file=sys.stderr)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
