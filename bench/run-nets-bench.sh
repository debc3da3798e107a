#!/usr/bin/env bash
# Arcadia's neural-core benchmark in one run: Arcadia vs ND4J INDArray ops vs DL4J (JMH) vs PyTorch and numpy
# (bench/python/nets_torch.py, when python3 can import them), for
#   (a) MLP 4-64-64-2 forward at batch 1, (b) fwd+bwd+Adam at batch 64, (c) 1024^3 SGEMM,
#   (d) LeNet's two convolutions fwd+bwd at batch 64;
# prints one table of per-call median times and ratios and the issue's acceptance targets. About 3.5 minutes
# (per round; --rounds N repeats everything and reports medians over the rounds, steadier on a loaded machine).
#
# Usage: bench/run-nets-bench.sh [--quick] [--verbose] [--skip-checks] [--cases abcd] [--rounds N] [--no-python]
# Environment: OPENBLAS_CORETYPE (set to SKYLAKEX here when the CPU has AVX-512 and it is unset: ND4J's bundled
# OpenBLAS 0.3.19 misdetects some AVX-512 CPUs), OMP_NUM_THREADS (1 here unless set), ARCADIA_THREADS (ND4J's
# thread count, 1), PYTHON (python3), MVN_FLAGS (extra Maven flags, e.g. -o).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python_peers=1
java_args=()
for arg in "$@"; do
    case "$arg" in
        --no-python) python_peers=0 ;;
        *) java_args+=("$arg") ;;
    esac
done

# ND4J's OpenBLAS reads OPENBLAS_CORETYPE once, when it loads, so it must be in the environment of the JVM. The
# Python peers (started by the JVM, case by case) get the user's value only: their newer OpenBLAS detects the CPU.
python_coretype="${OPENBLAS_CORETYPE-}"
if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=SKYLAKEX
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
threads="${ARCADIA_THREADS:-1}"

out="$root/bench/target/nets-bench"
mkdir -p "$out"

# Build the bench module and what it needs (fast when up to date), then write its class path.
classpath_file="$root/bench/target/bench.classpath"
echo "Building arcadia-bench ..." >&2
# shellcheck disable=SC2086
if ! mvn -q -B ${MVN_FLAGS:-} -pl bench -am package -DskipTests > "$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    echo "run-nets-bench: the build failed (log above, also in $out/build.log)" >&2
    exit 1
fi
cp="$root/bench/target/classes:$(cat "$classpath_file")"

python_args=()
py="${PYTHON:-python3}"
if [[ $python_peers == 1 ]]; then
    if "$py" -c "import torch" 2>/dev/null; then
        python_args=(--python "$py" --python-script "$root/bench/python/nets_torch.py")
    elif "$py" -c "import numpy" 2>/dev/null; then
        echo "PyTorch is not importable by $py (python3 -m pip install torch): numpy's GEMM only." >&2
        python_args=(--python "$py" --python-script "$root/bench/python/nets_torch.py")
    else
        echo "Neither torch nor numpy is importable by $py: no Python peers." >&2
    fi
    if [[ -n "$python_coretype" ]]; then
        python_args+=(--python-coretype "$python_coretype")
    fi
fi

exec java -Xms1g -Xmx2g -Darcadia.threads="$threads" -cp "$cp" dev.arcadia.bench.NetsBench \
    --out "$out" "${python_args[@]}" "${java_args[@]}"
