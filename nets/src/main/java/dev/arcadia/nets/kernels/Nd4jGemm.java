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
 *
 * <h2>Blocking for OpenBLAS's small-matrix kernels</h2>
 * On its AVX-512 kernel families ({@code SkylakeX}, {@code Cooperlake}, {@code SapphireRapids}; not {@code Zen} or
 * {@code Haswell}) OpenBLAS 0.3.19 has unpacked "small-matrix" kernels that it uses only when
 * {@code m·n·k <= 100³} and, in row-major terms, B is not transposed; larger products and every {@code op(B) = Bᵀ}
 * product take the packed path, which is about half as fast at the sizes reinforcement learning runs. So where the
 * small kernels exist, this class:
 * <ul>
 *   <li>splits an NN product over {@value #SMALL_WORK} into equal row blocks of A and C that are under it, each
 *       with at least {@value #MIN_BLOCK} rows (otherwise it makes one call);</li>
 *   <li>splits a TN product ({@code Aᵀ·B}, a weight gradient) likewise over k, accumulating the later blocks into
 *       C with {@code beta = 1};</li>
 *   <li>turns an NT product into an NN one by transposing B while copying it, then blocks it as above, when the
 *       transposition (about 1 ns per element here, strided) is small against the product: C has at least
 *       {@value #MIN_TRANSPOSE_ROWS} rows, B at most {@value #MAX_TRANSPOSE} elements and {@code m·n·k} is at least
 *       64³.</li>
 * </ul>
 * Measured on this project's machine (AMD EPYC Zen 4, {@code OPENBLAS_CORETYPE=SKYLAKEX}, 1 thread, microseconds
 * per {@code cblas_sgemm} without the copies, the other core busy): the DQN MLP's 128x120x84 product 40.4 as one
 * call, 23.5 as two row blocks; its weight gradient (TN, 120x84, k = 128) 46-67 as one call, 24.8 as two k blocks;
 * its input gradient (NT, 128x120, k = 84) 39.2 as one call, 24.6-25.4 transposed and in two blocks; 128³ 54 as
 * one call, 37.6 in four blocks; 256x84x120 68 against 49 in four blocks. Copies and transposition included, NT
 * against transposed NN: 128x120x84 42.9 / 33.7, 64x120x84 31.7 / 20.8, 32x84x120 20.5 / 14.3, 256x64x64
 * 33.5 / 24.6, but 32x64x64 4.9 / 6.0, 32x250x250 80.8 / 86.5 and 32x1600x128 236 / 384 (hence the limits). With the
 * {@code Zen} kernels the same blocking made every one of these slower (128³: 62 against 76 and 108), so it is off
 * there. Blocking changes the order of the sums, so results differ in the last bits between the two kernel
 * families, as they already do between OpenBLAS builds; on one machine they are the same call after call.
 */
final class Nd4jGemm {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    /** OpenBLAS's bound for its small-matrix kernels: {@code m·n·k <= 100³}. */
    static final long SMALL_WORK = 1_000_000L;
    /** The fewest rows (NN) or k (TN) a block may have; thinner blocks lose more to call overhead than they gain. */
    static final int MIN_BLOCK = 16;
    /** The fewest rows of C for which an NT product is turned into NN by transposing B. */
    static final int MIN_TRANSPOSE_ROWS = 32;
    /** The most elements of B that an NT product transposes (64 KB: a DQN MLP's weights, not a wide layer's). */
    static final int MAX_TRANSPOSE = 16_384;
    /** The least work ({@code m·n·k}) of an NT product worth transposing B for (64³). */
    static final long MIN_TRANSPOSE_WORK = 262_144L;

    private Nd4jGemm() {
    }

    /** Per-thread native copies of A, B and C. */
    private static final class Buffers {
        private FloatPointer a;
        private FloatPointer b;
        private FloatPointer c;
        /** B transposed on the Java heap, for NT products turned into NN. */
        private float[] bt = new float[0];

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
        boolean small = smallKernels();
        boolean transposeB = small && transB && !transA && m >= MIN_TRANSPOSE_ROWS && (long) n * k <= MAX_TRANSPOSE
                && (long) m * n * k >= MIN_TRANSPOSE_WORK;
        if (transposeB) {
            transB = false;
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int aLen = (aRows - 1) * lda + aCols;
        int bLen = transposeB ? k * n : (bRows - 1) * ldb + bCols;
        int cLen = (m - 1) * ldc + n;
        Buffers buf = BUFFERS.get();
        buf.a = Buffers.ensure(buf.a, aLen);
        buf.b = Buffers.ensure(buf.b, bLen);
        buf.c = Buffers.ensure(buf.c, cLen);
        FloatPointer pa = buf.a.position(0);
        FloatPointer pb = buf.b.position(0);
        FloatPointer pc = buf.c.position(0);
        pa.put(a, aOff, aLen);
        if (transposeB) {
            if (buf.bt.length < bLen) {
                buf.bt = new float[Math.max(bLen, buf.bt.length * 3 / 2)];
            }
            transpose(b, bOff, ldb, n, k, buf.bt);
            pb.put(buf.bt, 0, bLen);
            ldb = n;
        } else {
            pb.put(b, bOff, bLen);
        }
        // C is read when beta is not 0; with gaps between its rows (ldc > n) it is copied in anyway, because the
        // whole span is copied back and the gaps must come back unchanged.
        if (beta != 0f || ldc != n) {
            pc.put(c, cOff, cLen);
        }
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        // Blocks run along the rows of A as stored: rows of C for NN (m), the summed dimension for TN (k), whose
        // later blocks add into C. One block is the whole product.
        int size = transA ? k : m;
        int blocks = small && !transB && (long) m * n * k > SMALL_WORK
                ? blockCount(size, transA ? (long) m * n : (long) n * k) : 1;
        for (int q = 0; q < blocks; q++) {
            int from = blockStart(size, blocks, q);
            int len = blockStart(size, blocks, q + 1) - from;
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, transA ? m : len, n, transA ? len : k, alpha,
                    pa.position((long) from * lda), lda, pb.position(transA ? (long) from * ldb : 0), ldb,
                    transA && q > 0 ? 1f : beta, pc.position(transA ? 0 : (long) from * ldc), ldc);
        }
        pc.position(0).get(c, cOff, cLen);
    }

    /**
     * Into how many nearly equal blocks (lengths differing by at most 1) to split a dimension of {@code size} so that
     * each block times {@code other} (the product of the two other dimensions) is at most {@link #SMALL_WORK}: 1 when
     * no split is needed, or when such blocks would be shorter than {@link #MIN_BLOCK}.
     */
    static int blockCount(int size, long other) {
        long most = SMALL_WORK / Math.max(1L, other);
        if (size <= most || most < MIN_BLOCK) {
            return 1;
        }
        int blocks = (int) ((size + most - 1) / most);
        return size / blocks >= MIN_BLOCK ? blocks : 1;
    }

    /** Where block {@code q} of {@code blocks} nearly equal blocks of a dimension of {@code size} starts. */
    static int blockStart(int size, int blocks, int q) {
        return (int) ((long) q * size / blocks);
    }

    /** {@code t} (k x n, row-major) = Bᵀ where B is n x k with row stride {@code ldb} from {@code bOff}. */
    private static void transpose(float[] b, int bOff, int ldb, int n, int k, float[] t) {
        for (int j = 0; j < n; j++) {
            int row = bOff + j * ldb;
            for (int p = 0; p < k; p++) {
                t[p * n + j] = b[row + p];
            }
        }
    }

    /** Whether OpenBLAS runs a kernel family that has the small-matrix kernels (see the class comment). */
    static boolean smallKernels() {
        return SMALL_KERNELS;
    }

    private static final boolean SMALL_KERNELS = hasSmallKernels(Nd4jSetup.openBlasCoreName());

    static boolean hasSmallKernels(String coreName) {
        if (coreName == null) {
            return false;
        }
        String c = coreName.toLowerCase(java.util.Locale.ROOT);
        return c.equals("skylakex") || c.equals("cooperlake") || c.equals("sapphirerapids");
    }
}
