package dev.arcadia.nets.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both GEMM paths against a double-precision reference and against each other, on random shapes with every
 * transpose combination, alpha/beta variants, offsets and padded row strides; ND4J's SGEMM accuracy at 256³; and
 * the Java kernel's zero allocation per call. The ND4J tests need ND4J's native code, which loads on the machines
 * this project builds on (Linux x86-64).
 */
class GemmTest {

    /** One random problem with its double-precision reference result. */
    private static final class Problem {
        final boolean ta;
        final boolean tb;
        final int m;
        final int n;
        final int k;
        final float alpha;
        final float beta;
        final float[] a;
        final float[] b;
        final float[] c0;
        final int aOff;
        final int bOff;
        final int cOff;
        final int lda;
        final int ldb;
        final int ldc;
        final double[] expected;
        /** Per element: sum of |terms|, the scale of the rounding error. */
        final double[] magnitude;

        Problem(Random rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta, boolean padded) {
            this.ta = ta;
            this.tb = tb;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            int aRows = ta ? k : m;
            int aCols = ta ? m : k;
            int bRows = tb ? n : k;
            int bCols = tb ? k : n;
            aOff = padded ? rnd.nextInt(5) : 0;
            bOff = padded ? rnd.nextInt(5) : 0;
            cOff = padded ? rnd.nextInt(5) : 0;
            lda = aCols + (padded ? rnd.nextInt(4) : 0);
            ldb = bCols + (padded ? rnd.nextInt(4) : 0);
            ldc = n + (padded ? rnd.nextInt(4) : 0);
            a = random(rnd, aOff + Math.max(0, aRows * lda) + 3);
            b = random(rnd, bOff + Math.max(0, bRows * ldb) + 3);
            c0 = random(rnd, cOff + Math.max(0, m * ldc) + 3);
            expected = new double[c0.length];
            magnitude = new double[c0.length];
            for (int i = 0; i < c0.length; i++) {
                expected[i] = c0[i];
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double mag = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[aOff + (ta ? p * lda + i : i * lda + p)];
                        double y = b[bOff + (tb ? j * ldb + p : p * ldb + j)];
                        s += x * y;
                        mag += Math.abs(x * y);
                    }
                    int o = cOff + i * ldc + j;
                    double old = beta == 0f ? 0 : (double) beta * c0[o];
                    expected[o] = (double) alpha * s + old;
                    magnitude[o] = Math.abs(alpha) * mag + Math.abs(old);
                }
            }
        }

        float[] run(boolean nd4j) {
            float[] c = c0.clone();
            if (nd4j) {
                Gemm.forceNd4j(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                Gemm.forceJava(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
            return c;
        }

        boolean inC(int idx) {
            int r = idx - cOff;
            return r >= 0 && r < m * ldc && r % ldc < n;
        }

        /** Checks c against the reference: rel. error ≤ 1e-5·sqrt(k) of the term magnitude; the rest untouched. */
        void verify(float[] c, String path) {
            double tol = 1e-5 * Math.sqrt(Math.max(1, k));
            for (int i = 0; i < c.length; i++) {
                if (inC(i)) {
                    double err = Math.abs(c[i] - expected[i]);
                    if (!(err <= tol * magnitude[i] + 1e-30)) {
                        fail(path + " " + this + ": element " + i + " is " + c[i] + ", expected " + expected[i]
                                + " (error " + err + ", allowed " + tol * magnitude[i] + ")");
                    }
                } else if (Float.floatToRawIntBits(c[i]) != Float.floatToRawIntBits(c0[i])) {
                    fail(path + " " + this + ": element " + i + " outside C was changed");
                }
            }
        }

        @Override
        public String toString() {
            return String.format("%s%s m=%d n=%d k=%d alpha=%s beta=%s off=%d/%d/%d ld=%d/%d/%d", ta ? "T" : "N",
                    tb ? "T" : "N", m, n, k, alpha, beta, aOff, bOff, cOff, lda, ldb, ldc);
        }
    }

    private static float[] random(Random rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static final float[] ALPHAS = {1f, -0.5f, 2.25f};
    private static final float[] BETAS = {0f, 1f, -1.5f};

    private static int size(Random rnd) {
        // Mostly small (RL shapes), sometimes past the Java kernel's 256-wide blocks.
        int r = rnd.nextInt(10);
        return r < 6 ? 1 + rnd.nextInt(20) : r < 9 ? 1 + rnd.nextInt(80) : 200 + rnd.nextInt(140);
    }

    @Test
    void javaKernelMatchesDoubleReferenceOnRandomShapes() {
        Random rnd = new Random(1);
        for (int t = 0; t < 400; t++) {
            Problem p = new Problem(rnd, rnd.nextBoolean(), rnd.nextBoolean(), size(rnd), size(rnd), size(rnd),
                    ALPHAS[rnd.nextInt(3)], BETAS[rnd.nextInt(3)], rnd.nextBoolean());
            p.verify(p.run(false), "java");
        }
    }

    @Test
    void bothPathsMatchReferenceAndEachOtherOnAllTransposeCombinations() {
        Random rnd = new Random(2);
        int[][] shapes = {{1, 64, 4}, {1, 64, 64}, {64, 64, 64}, {64, 2, 64}, {64, 64, 2}, {2, 64, 64}, {7, 5, 3},
            {1, 1, 1}, {33, 17, 300}, {300, 9, 5}, {3, 260, 270}, {128, 128, 128},
            // Over OpenBLAS's small-kernel bound: row blocks (NN, NT), k blocks (TN), some of unequal length.
            {128, 84, 120}, {120, 84, 128}, {97, 130, 90}, {40, 30, 1000}, {20, 1100, 1000}};
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                boolean ta = (combo & 1) != 0;
                boolean tb = (combo & 2) != 0;
                for (int v = 0; v < 3; v++) {
                    Problem p = new Problem(rnd, ta, tb, s[0], s[1], s[2], ALPHAS[v], BETAS[(v + combo) % 3],
                            v > 0);
                    float[] java = p.run(false);
                    float[] nd4j = p.run(true);
                    p.verify(java, "java");
                    p.verify(nd4j, "nd4j");
                    double tol = 2e-5 * Math.sqrt(Math.max(1, p.k));
                    for (int i = 0; i < java.length; i++) {
                        if (Math.abs(java[i] - nd4j[i]) > tol * p.magnitude[i] + 1e-30) {
                            fail("java and nd4j differ for " + p + " at " + i + ": " + java[i] + " vs " + nd4j[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void smallKernelBlocksStayUnderTheBoundAndKeepTheirMinimumLength() {
        assertEquals(2, Nd4jGemm.blockCount(128, 120L * 84), "128 rows of 120x84 -> two blocks of 64");
        assertEquals(3, Nd4jGemm.blockCount(128, 128L * 128), "128³ -> three blocks of at most 61 rows");
        assertEquals(1, Nd4jGemm.blockCount(128, 256L * 256), "blocks of 15 rows of 256x256 would be too thin");
        assertEquals(1, Nd4jGemm.blockCount(50, 20_000), "50 x 20,000 is under the bound");
        assertEquals(1, Nd4jGemm.blockCount(1024, 1024L * 1024), "one row of 1024x1024 is over the bound already");
        assertEquals(1, Nd4jGemm.blockCount(1024, 5_000_000L), "other dimensions alone over the bound");
        for (int size = 1; size <= 300; size++) {
            for (long other : new long[] {1, 84, 10_080, 40_000, 62_500, 70_000, 1_000_000, 1_048_576, 3_000_000}) {
                int blocks = Nd4jGemm.blockCount(size, other);
                assertEquals(0, Nd4jGemm.blockStart(size, blocks, 0));
                assertEquals(size, Nd4jGemm.blockStart(size, blocks, blocks));
                for (int q = 0; q < blocks; q++) {
                    int len = Nd4jGemm.blockStart(size, blocks, q + 1) - Nd4jGemm.blockStart(size, blocks, q);
                    String what = size + " x " + other + ", block " + q + " of " + blocks + ": " + len;
                    if (blocks > 1) {
                        assertTrue(len * other <= Nd4jGemm.SMALL_WORK, what);
                        assertTrue(len >= Nd4jGemm.MIN_BLOCK, what);
                    }
                    assertTrue(Math.abs(len - size / blocks) <= 1, what);
                }
                if (blocks == 1) {
                    assertTrue(size * other <= Nd4jGemm.SMALL_WORK || size / 2 < Nd4jGemm.MIN_BLOCK
                            || (size + 1) / 2 * other > Nd4jGemm.SMALL_WORK, size + " x " + other + " not split");
                }
            }
        }
        assertTrue(Nd4jGemm.hasSmallKernels("SkylakeX"));
        assertTrue(Nd4jGemm.hasSmallKernels("Cooperlake"));
        assertFalse(Nd4jGemm.hasSmallKernels("Zen"));
        assertFalse(Nd4jGemm.hasSmallKernels(null));
    }

    @Test
    void nd4jPathMatchesReferenceOnRandomShapes() {
        Random rnd = new Random(3);
        for (int t = 0; t < 120; t++) {
            Problem p = new Problem(rnd, rnd.nextBoolean(), rnd.nextBoolean(), size(rnd), size(rnd), size(rnd),
                    ALPHAS[rnd.nextInt(3)], BETAS[rnd.nextInt(3)], rnd.nextBoolean());
            p.verify(p.run(true), "nd4j");
        }
    }

    /** The test that checks OpenBLAS's SGEMM kernel results (whatever core type it chose) at 256³. */
    @Test
    void nd4jSgemmIsAccurateAt256() {
        int s = 256;
        Random rnd = new Random(4);
        float[] a = random(rnd, s * s);
        float[] b = random(rnd, s * s);
        float[] c = new float[s * s];
        Gemm.forceNd4j(false, false, s, s, s, 1f, a, 0, s, b, 0, s, 0f, c, 0, s);
        double worst = 0;
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                double ref = 0;
                double mag = 0;
                for (int p = 0; p < s; p++) {
                    double t = (double) a[i * s + p] * b[p * s + j];
                    ref += t;
                    mag += Math.abs(t);
                }
                worst = Math.max(worst, Math.abs(c[i * s + j] - ref) / mag);
            }
        }
        // Float32 with a 256-term sum: ~1e-7 per operation; a wrong kernel (or garbage) is orders above this.
        assertTrue(worst < 1e-5, "max error relative to sum |a·b| is " + worst + " (OpenBLAS core "
                + Nd4jSetup.openBlasCoreName() + ")");
        assertTrue(worst > 0 || s == 0, "bit-identical to a double reference is implausible");
    }

    @Test
    void dispatchAgreesWithBothPathsAtTheThreshold() {
        // The public entry point, on either side of the threshold, is one of the two verified paths.
        Random rnd = new Random(5);
        int side = (int) Math.ceil(Math.cbrt((double) Gemm.ND4J_MIN_WORK));
        assertTrue(Gemm.usesNd4j(side, side, side));
        assertTrue(!Gemm.usesNd4j(Gemm.ND4J_MIN_M - 1, 4096, 4096), "a few rows over the small bound stay in Java");
        assertTrue(Gemm.usesNd4j(Gemm.ND4J_MIN_M, 4096, 4096));
        assertFalse(Gemm.usesNd4j(1, 84, 120), "one row (acting) stays in Java");
        assertFalse(Gemm.usesNd4j(8, 8, 8), "tiny products stay in Java");
        if (Nd4jGemm.smallKernels()) {
            side = (int) Math.ceil(Math.cbrt((double) Gemm.SMALL_KERNEL_MIN_WORK));
            assertTrue(Gemm.usesNd4j(4, 120, 128), "few rows under the small kernels' bound go to ND4J");
            assertTrue(Gemm.usesNd4j(side, side, side) && !Gemm.usesNd4j(side - 1, side - 1, side - 1));
        } else {
            assertFalse(Gemm.usesNd4j(4, 120, 128), "few rows stay in Java");
            assertTrue(!Gemm.usesNd4j(side - 1, side - 1, side - 1));
        }
        for (int s : new int[] {Math.max(1, side - 1), side}) {
            Problem p = new Problem(rnd, false, true, s, s, s, 1f, 1f, true);
            float[] c = p.c0.clone();
            Gemm.gemm(p.ta, p.tb, p.m, p.n, p.k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, p.beta, c, p.cOff,
                    p.ldc);
            p.verify(c, "gemm");
        }
    }

    @Test
    void concurrentCallsFromSeveralThreadsAreCorrect() throws Exception {
        // Per-thread scratch space (Java) and native buffers (ND4J): threads must not see each other's data.
        Random rnd = new Random(7);
        Problem[] problems = new Problem[4];
        for (int i = 0; i < problems.length; i++) {
            problems[i] = new Problem(rnd, i % 2 == 0, i > 1, 40 + 7 * i, 33 + 5 * i, 50 + 3 * i, 1f, 0.5f, true);
        }
        Thread[] threads = new Thread[problems.length];
        Throwable[] errors = new Throwable[problems.length];
        for (int i = 0; i < threads.length; i++) {
            Problem p = problems[i];
            int id = i;
            threads[i] = new Thread(() -> {
                try {
                    for (int r = 0; r < 200; r++) {
                        p.verify(p.run(r % 2 == 0), "thread " + id);
                    }
                } catch (Throwable t) {
                    errors[id] = t;
                }
            });
            threads[i].start();
        }
        for (int i = 0; i < threads.length; i++) {
            threads[i].join();
            if (errors[i] != null) {
                throw new AssertionError("thread " + i + " failed", errors[i]);
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInCAndZeroSizesAreNoOps() {
        for (boolean nd4j : new boolean[] {false, true}) {
            float[] a = {1, 2, 3, 4};
            float[] b = {5, 6, 7, 8};
            float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
            if (nd4j) {
                Gemm.forceNd4j(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            } else {
                Gemm.forceJava(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
            }
            assertEquals(19f, c[0]);
            assertEquals(22f, c[1]);
            assertEquals(43f, c[2]);
            assertEquals(50f, c[3]);
            // k = 0: C = beta·C; alpha = 0: A and B are not read.
            float[] d = {1, 2, 3, 4};
            Gemm.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, d, 0, 2);
            assertEquals(12f, d[3]);
            Gemm.gemm(false, false, 0, 5, 5, 1f, null, 0, 5, new float[25], 0, 5, 0f, null, 0, 5);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        float[] x = new float[6];
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, 2, 3, 2, 1f, x, 0, 1, x, 0, 3, 0f, new float[6], 0, 3));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, 2, 3, 2, 1f, x, 3, 2, x, 0, 3, 0f, new float[6], 0, 3));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, -1, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, new float[6], 0, 3));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(true, false, 2, 3, 2, 1f, x, 0, 2, x, 0, 3, 0f, new float[5], 0, 3));
    }

    @Test
    void nd4jTwoByTwoAndThreadSetting() {
        assertTrue(Gemm.nd4jAvailable(), "ND4J failed to load: " + Nd4jSetup.failure());
        assertEquals(Nd4jSetup.threads(), Nd4jSetup.blasThreads());
        float[] a = {1, 2, 3, 4};
        float[] c = new float[4];
        Gemm.forceNd4j(false, false, 2, 2, 2, 1f, a, 0, 2, a, 0, 2, 0f, c, 0, 2);
        assertEquals(7f, c[0]);
        assertEquals(10f, c[1]);
        assertEquals(15f, c[2]);
        assertEquals(22f, c[3]);
    }

    @Test
    void coreTypeWarningRules() {
        assertNull(Nd4jSetup.coreTypeWarning("SKYLAKEX", true, "Prescott"));
        assertNull(Nd4jSetup.coreTypeWarning(null, false, "Prescott"));
        assertNull(Nd4jSetup.coreTypeWarning(null, true, "SkylakeX"));
        assertNull(Nd4jSetup.coreTypeWarning(null, true, "Zen"));
        assertTrue(Nd4jSetup.coreTypeWarning(null, true, "Prescott").contains("OPENBLAS_CORETYPE=SKYLAKEX"));
        assertTrue(Nd4jSetup.coreTypeWarning("", true, null).contains("OPENBLAS_CORETYPE=SKYLAKEX"));
    }

    @Test
    void javaKernelAllocatesNothingPerCall() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int s = 64;
        Random rnd = new Random(6);
        float[] a = random(rnd, s * s);
        float[] b = random(rnd, s * s);
        float[] c = new float[s * s];
        for (int i = 0; i < 20_000; i++) {
            runAllCombos(i, s, a, b, c);
        }
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            runAllCombos(i, s, a, b, c);
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 10_000, "10,000 calls allocated " + allocated + " bytes");
    }

    private static void runAllCombos(int i, int s, float[] a, float[] b, float[] c) {
        Gemm.forceJava((i & 1) != 0, (i & 2) != 0, s, s, s, 1f, a, 0, s, b, 0, s, 0.5f, c, 0, s);
    }
}
