package dev.arcadia.nets.kernels;

/**
 * Single-precision matrix multiply, {@code C = alpha·op(A)·op(B) + beta·C}, on row-major {@code float[]} arrays
 * with offsets and row strides: BLAS {@code sgemm} semantics, row-major.
 *
 * <p>Each call goes to one of two kernels:
 * <ul>
 *   <li>{@link Nd4jGemm}, OpenBLAS's {@code sgemm} through ND4J (operand copies included), when C has at least
 *       {@link #ND4J_MIN_M} rows and {@code m·n·k >= }{@link #ND4J_MIN_WORK}. ND4J is loaded on the first such call
 *       (about two seconds); where it cannot load, the Java kernel is used instead;</li>
 *   <li>{@link JavaGemm}, a blocked plain-Java kernel that the JIT vectorizes, otherwise. Acting at batch 1, few-row
 *       products and tiny ones land here, and never load ND4J (but see the small-matrix kernels below).</li>
 * </ul>
 * Both allocate nothing per call once warm.
 *
 * <p>The rule was measured with {@link GemmCrossover} (test sources) on this project's machine: 2-core AMD EPYC
 * with AVX-512, JDK 17.0.15, ND4J 1.0.0-M2.1 (OpenBLAS 0.3.19, "Zen" kernels), 1 thread. The machine was shared
 * with other jobs (load average 5-7 on 2 cores), so each time is the best of three runs, each the best of seven
 * batches; microseconds per call:
 * <pre>
 * shape (m x k)·(k x n)          m·n·k      Java     ND4J   ND4J/Java  goes to
 * 8^3                              512     0.215    0.225    1.05     Java
 * 16^3                            4096     0.92     0.52     0.56     Java  (below MIN_WORK; lost: 0.4 us)
 * 24^3                           13824     1.93     1.09     0.57     Java  (below MIN_WORK; lost: 0.8 us)
 * 32^3                           32768     3.82     2.00     0.52     ND4J
 * 64^3                          262144    33.7     10.1      0.30     ND4J
 * 128^3                        2097152   130       57.7      0.44     ND4J
 * 256^3                       16777216   811      379        0.47     ND4J
 * 1024^3                    1073741824 58488    21241        0.36     ND4J
 * MLP 4-64-64-2, act (batch 1):
 * [1x4]·[4x64]                     256     0.077    0.278    3.6      Java
 * [1x64]·[64x64]                  4096     0.89     3.26     3.7      Java
 * [1x64]·[64x2]                    128     0.143    0.360    2.5      Java
 * MLP 4-64-64-2, training at batch 64 (forward NN, dW = X^T·dY as TN, dX = dY·W^T as NT):
 * [64x4]·[4x64]                  16384     2.87     2.92     1.02     ND4J  (a tie)
 * [64x64]·[64x64]               262144    31.0     12.7      0.41     ND4J
 * [64x64]·[64x2]                  8192     2.31     2.86     1.24     Java
 * [4x64]^T·[64x64] TN            16384     2.65     2.96     1.12     Java
 * [64x64]^T·[64x2] TN             8192     1.54     3.11     2.0      Java
 * [64x64]·[64x64]^T NT          262144    29.6     10.5      0.36     ND4J
 * [64x2]·[64x2]^T NT              8192     2.85     1.93     0.68     Java  (below MIN_WORK; lost: 0.9 us)
 * few rows, few columns, short k:
 * [1x1024]·[1024x1024]         1048576   158      971        6.2      Java
 * [8x512]·[512x512]            2097152   130      193        1.5      Java
 * [8x256]·[256x256]             524288    42.9     50.5      1.18     Java
 * [16x256]·[256x256]           1048576    60.4     58.3      0.97     ND4J
 * [256x256]·[256x8]             524288    61.8     34.0      0.55     ND4J
 * [256x8]·[8x256]               524288    35.1     36.8      1.05     ND4J  (a tie)
 * </pre>
 * OpenBLAS wins every square from 16³ up (by 2-3x at 64³ and above), but loses to the Java kernel on products with
 * few rows: {@code sgemm} packs all of B on every call, which dominates when m is small, and the Java kernel reads
 * B once. The call overhead of the direct {@code cblas_sgemm} is small (8³ costs 0.2 us either way); building
 * INDArrays from the arrays instead cost 30-75 us per call even at 8³, so it is not used.
 *
 * <p>That table holds for OpenBLAS's {@code Zen}/{@code Haswell} kernels. Its AVX-512 kernel families
 * ({@code SkylakeX}, which Arcadia's scripts select on AVX-512 CPUs, {@code Cooperlake}, {@code SapphireRapids})
 * add unpacked small-matrix kernels (see {@link Nd4jGemm}) that move the crossover: re-measured with
 * {@link GemmCrossover} under {@code OPENBLAS_CORETYPE=SKYLAKEX} (same machine, the other core busy; Java / ND4J,
 * microseconds): 16³ 0.77 / 0.22, {@code [1x64]·[64x64]} 0.81 / 0.46, {@code [64x64]·[64x2]} 2.0 / 0.9,
 * {@code [4x64]ᵀ·[64x64]} 1.7 / 0.7, the CartPole DQN's first-layer weight gradient {@code [128x4]ᵀ·[128x120]}
 * 5.8 / 2.9, {@code [4x1600]·[1600x128]} 76 / 35, {@code m=12 [12x256]·[256x256]} 44 /
 * 19; but {@code [1x4]·[4x64]} 0.07 / 0.14, {@code [1x1024]·[1024x1024]} 156 / 482, {@code [8x512]·[512x512]}
 * 130 / 141, and one-row products in between about equal ({@code [1x120]·[120x84]} 1.7 / 1.6,
 * {@code [1x1600]·[1600x128]} 33 / 32). So with those kernels a product also goes to ND4J when it has at least
 * {@value #SMALL_KERNEL_MIN_M} rows, {@code m·n·k >= }{@value #SMALL_KERNEL_MIN_WORK} and it is within the small
 * kernels' bound ({@code m·n·k <= 100³}). Which family runs is known once ND4J is loaded, so such a product loads
 * it; one-row products (acting) and tiny ones still never do.
 *
 * <p>{@link #forceJava} and {@link #forceNd4j} run one path regardless of size (tests, benchmarks).
 * C must not overlap A or B. Thread-safe: each thread has its own scratch space.
 */
public final class Gemm {

    /** {@code m·n·k} from which a product goes to ND4J/OpenBLAS, if it also has {@link #ND4J_MIN_M} rows. */
    public static final long ND4J_MIN_WORK = 16_384;
    /** Rows of C ({@code m}) from which a product goes to ND4J/OpenBLAS, if it also has {@link #ND4J_MIN_WORK}. */
    public static final int ND4J_MIN_M = 16;
    /** With OpenBLAS's small-matrix kernels: the fewest rows of C for a product under their bound to go to ND4J. */
    public static final int SMALL_KERNEL_MIN_M = 2;
    /** With OpenBLAS's small-matrix kernels: the least {@code m·n·k} for a product to go to ND4J. */
    public static final long SMALL_KERNEL_MIN_WORK = 1_024;

    private Gemm() {
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C}, row-major, with {@code op(X) = X} or its transpose.
     *
     * @param transA whether {@code op(A)} is A transposed (A is then stored k x m)
     * @param transB whether {@code op(B)} is B transposed (B is then stored n x k)
     * @param m rows of {@code op(A)} and C
     * @param n columns of {@code op(B)} and C
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param alpha scale of the product
     * @param a A's storage; element (r, c) of stored A is {@code a[aOff + r*lda + c]}
     * @param aOff offset of A's first element
     * @param lda row stride of stored A (at least its column count)
     * @param b B's storage, as for A
     * @param bOff offset of B's first element
     * @param ldb row stride of stored B
     * @param beta scale of C's old contents; when 0, C is not read (NaN in it does not propagate), as in BLAS
     * @param c C's storage, m x n
     * @param cOff offset of C's first element
     * @param ldc row stride of C (at least n); elements between rows are left untouched
     * @throws IllegalArgumentException for negative sizes, too small strides or spans outside the arrays
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
            int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (usesNd4j(m, n, k) && Nd4jSetup.load()) {
            Nd4jGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            JavaGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Whether {@link #gemm} sends an m x n x k product to ND4J (when ND4J is available). For a product that only
     * OpenBLAS's small-matrix kernels would take, this loads ND4J to learn which kernels it runs.
     */
    public static boolean usesNd4j(int m, int n, int k) {
        long work = (long) m * n * k;
        if (m >= ND4J_MIN_M && work >= ND4J_MIN_WORK) {
            return true;
        }
        return m >= SMALL_KERNEL_MIN_M && work >= SMALL_KERNEL_MIN_WORK && work <= Nd4jGemm.SMALL_WORK
                && Nd4jGemm.smallKernels();
    }

    /** {@link #gemm} always on the plain-Java kernel. */
    public static void forceJava(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        JavaGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@link #gemm} always through ND4J/OpenBLAS.
     *
     * @throws IllegalStateException when ND4J cannot be loaded here
     */
    public static void forceNd4j(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        Nd4jGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Whether the ND4J path can run here (loads ND4J on the first call; see {@link Nd4jSetup}). */
    public static boolean nd4jAvailable() {
        return Nd4jSetup.load();
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: m=" + m + ", n=" + n + ", k=" + k);
        }
        span("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        span("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        span("C", c, cOff, ldc, m, n);
    }

    private static void span(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("row stride of " + name + " is " + ld + ", less than its " + cols
                    + " columns");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        long end = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || end > x.length) {
            throw new IllegalArgumentException(name + " (" + rows + " x " + cols + ", offset " + off + ", row stride "
                    + ld + ") needs elements [" + off + ", " + end + ") of an array of length " + x.length);
        }
    }
}
