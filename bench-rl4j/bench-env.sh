# Shared by the bench-rl4j scripts (sourced, with the script's name as $1): builds this module and what it needs
# (offline first; the package phase writes bench-rl4j/target/classpath.txt), sets $root and the classpath $cp,
# pins every native library to one thread, fixes OpenBLAS's core type on AVX-512 CPUs, and prints the commit.
name="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="/tmp/$name-build.$$.log"
build=(mvn -q -B package -DskipTests -pl bench-rl4j -am)
if ! "${build[@]}" -o >"$log" 2>&1; then
  echo "$name: offline build failed, retrying online (first use downloads RL4J and DL4J)" >&2
  "${build[@]}" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 2; }
fi
rm -f "$log"
cp="$root/bench-rl4j/target/classes:$(cat "$root/bench-rl4j/target/classpath.txt")"

# One thread everywhere: ND4J/OpenMP, OpenBLAS, MKL; Arcadia's ND4J thread count is -Darcadia.threads in the caller.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
# ND4J's bundled OpenBLAS 0.3.19 misdetects some AVX-512 CPUs; it reads this only when it loads.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi

# Provenance: the numbers depend on the nets kernels and the agent this build used.
dirty=""
git -C "$root" diff --quiet HEAD -- env nets agents 2>/dev/null || dirty=" + uncommitted changes in env/nets/agents"
echo "arcadia commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
