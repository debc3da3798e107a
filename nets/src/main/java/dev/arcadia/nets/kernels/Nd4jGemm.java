package dev.arcadia.nets.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The ND4J path of {@link Gemm}: {@code cblas_sgemm} of the OpenBLAS that ND4J's CPU backend loads and configures
 * (the {@code openblas_nolapack} library, whose thread count {@code Nd4j.factory().blas().setMaxThreads} sets and
 * whose function pointers ND4J's own matrix products call).
 *
 * <p>ND4J keeps its data off the Java heap and can neither wrap a {@code float[]} nor pin one, so a product copies
 * the spans of A, B (and C when it is read) into per-thread native buffers, calls {@code cblas_sgemm} directly (no
 * INDArray is created: that would add ND4J's per-op overhead and an allocation per call) and copies C back. The
 * copies are O(m·k + k·n + m·n) against O(m·n·k) arithmetic; {@link GemmCrossover} measures them inside the
 * timings, so the dispatch threshold in {@link Gemm} already pays for them. The native buffers grow to the largest
 * product a thread has sent here and are kept for that thread's next call (so a call allocates nothing on the Java
 * heap once they are large enough).
 */
final class Nd4jGemm {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Nd4jGemm() {
    }

    /** Per-thread native copies of A, B and C. */
    private static final class Buffers {
        private FloatPointer a;
        private FloatPointer b;
        private FloatPointer c;

        private static FloatPointer ensure(FloatPointer p, long length) {
            if (p != null && p.capacity() >= length) {
                return p;
            }
            if (p != null) {
                p.close();
            }
            // Grow geometrically so a thread that sees slowly increasing sizes does not reallocate every call.
            long cap = Math.max(length, p == null ? 0 : Math.min(Integer.MAX_VALUE, p.capacity() * 3 / 2));
            return new FloatPointer(cap);
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} through OpenBLAS; see {@link Gemm#gemm}. Arguments must already be
     * checked; throws {@link IllegalStateException} when ND4J cannot be loaded on this machine.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (!Nd4jSetup.load()) {
            throw new IllegalStateException("ND4J is not available: " + Nd4jSetup.failure());
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            JavaGemm.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int aLen = (aRows - 1) * lda + aCols;
        int bLen = (bRows - 1) * ldb + bCols;
        int cLen = (m - 1) * ldc + n;
        Buffers buf = BUFFERS.get();
        buf.a = Buffers.ensure(buf.a, aLen);
        buf.b = Buffers.ensure(buf.b, bLen);
        buf.c = Buffers.ensure(buf.c, cLen);
        FloatPointer pa = buf.a.position(0);
        FloatPointer pb = buf.b.position(0);
        FloatPointer pc = buf.c.position(0);
        pa.put(a, aOff, aLen);
        pb.put(b, bOff, bLen);
        // C is read when beta is not 0; with gaps between its rows (ldc > n) it is copied in anyway, because the
        // whole span is copied back and the gaps must come back unchanged.
        if (beta != 0f || ldc != n) {
            pc.put(c, cOff, cLen);
        }
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                pa, lda, pb, ldb, beta, pc, ldc);
        pc.get(c, cOff, cLen);
    }
}
