#!/usr/bin/env bash
# What following a run with the live viewer costs the run: trains a PPO config (cartpole-ppo's settings, 1 seed,
# 600,000 steps by default, checkpoints every 100 episodes) alone and followed by `./arcadia view live` (under a
# private Xvfb display), alternating, and prints each run's environment steps per second (from summary.json) and
# the median difference. The viewer plays the newest checkpoint beside the learning curves, as a user sees it.
#
#   sim-ui/live-overhead.sh [repeats] [steps]      # defaults 2 and 600000 (about 2 minutes on 2 cores)
#
# Needs Xvfb (apt-get install xvfb) and a built project (./arcadia builds it on first use).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
repeats="${1:-2}"
steps="${2:-600000}"
command -v Xvfb >/dev/null || { echo "live-overhead: Xvfb is needed (apt-get install xvfb)" >&2; exit 2; }
./arcadia configs >/dev/null   # builds when needed
work="$(mktemp -d)"
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
python3 - "$root/experiments/src/main/resources/configs/cartpole-ppo.json" "$work/config.json" "$steps" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["name"] = "live-overhead"; c["seeds"] = 1; c["train"]["steps"] = int(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
alone=(); live=()
for r in $(seq 1 "$repeats"); do
  for mode in alone live; do
    d="$work/$mode-$r"
    viewer=""
    if [ "$mode" = live ]; then
      ( for _ in $(seq 1 100); do [ -f "$d/config.json" ] && break; sleep 0.1; done
        DISPLAY="$display" exec ./arcadia view live "$d" ) > "$work/viewer-$r.log" 2>&1 &
      viewer=$!
    fi
    ./arcadia run "$work/config.json" --run-dir "$d" -q > /dev/null
    [ -n "$viewer" ] && { kill "$viewer" 2>/dev/null || true; wait "$viewer" 2>/dev/null || true; }
    sps=$(python3 -c "import json; print(round($steps / json.load(open('$d/summary.json'))['seconds']))")
    echo "$mode $r: $sps steps/s"
    if [ "$mode" = alone ]; then alone+=("$sps"); else live+=("$sps"); fi
  done
done
python3 - "${alone[*]}" "${live[*]}" <<'PY'
import statistics, sys
a = statistics.median(map(float, sys.argv[1].split())); l = statistics.median(map(float, sys.argv[2].split()))
print(f"median alone {a:,.0f}, followed {l:,.0f} steps/s: {100 * (a - l) / a:.1f} % slower with the live viewer")
PY
