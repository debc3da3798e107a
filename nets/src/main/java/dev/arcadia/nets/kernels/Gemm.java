package dev.arcadia.nets.kernels;

/**
 * Single-precision matrix multiply, {@code C = alpha·op(A)·op(B) + beta·C}, on row-major {@code float[]} arrays
 * with offsets and row strides: BLAS {@code sgemm} semantics, row-major.
 *
 * <p>Each call goes to one of two kernels by the amount of work {@code m·n·k}:
 * <ul>
 *   <li>below {@link #ND4J_MIN_WORK}: {@link JavaGemm}, a blocked plain-Java kernel that the JIT vectorizes and
 *       that allocates nothing (RL's batch-1 and small-batch products all land here, and ND4J is never loaded for
 *       them);</li>
 *   <li>from {@link #ND4J_MIN_WORK} up: {@link Nd4jGemm}, OpenBLAS's {@code sgemm} through ND4J (copies of the
 *       operands included). ND4J is loaded on the first such call; where it cannot load, the Java kernel is used
 *       instead.</li>
 * </ul>
 * The threshold was measured with {@link GemmCrossover} (test sources) on this project's 2-core AVX-512 machine,
 * ND4J 1.0.0-M2.1, 1 thread: THRESHOLD_TABLE
 *
 * <p>{@link #forceJava} and {@link #forceNd4j} run one path regardless of size (tests, benchmarks).
 * C must not overlap A or B. Thread-safe: each thread has its own scratch space.
 */
public final class Gemm {

    /** {@code m·n·k} at or above which a product may go to ND4J/OpenBLAS (measured, see the class comment). */
    public static final long ND4J_MIN_WORK = 4096;
    /** The smallest of m, n and k for which a product may go to ND4J/OpenBLAS (measured, see the class comment). */
    public static final int ND4J_MIN_DIM = 16;

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

    /** Whether {@link #gemm} sends an m x n x k product to ND4J (when ND4J is available). */
    public static boolean usesNd4j(int m, int n, int k) {
        return (long) m * n * k >= ND4J_MIN_WORK && Math.min(m, Math.min(n, k)) >= ND4J_MIN_DIM;
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
