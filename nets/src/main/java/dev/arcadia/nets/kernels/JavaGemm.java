package dev.arcadia.nets.kernels;

import java.util.Arrays;

/**
 * The plain-Java SGEMM: {@code C = alpha·op(A)·op(B) + beta·C} over row-major arrays, allocation-free per call.
 *
 * <p>How it is made fast on the JDK 17 C2 compiler (each point found by measurement and by reading the machine
 * code C2 produced):
 * <ul>
 *   <li>C2's auto-vectorizer (SuperWord) in JDK 17 leaves a loop scalar when two {@code float[]} accesses in it
 *       have different loop-invariant offsets: {@code c[ci + j] += a * b[bi + j]} ran at about 5 GFLOP/s, the same
 *       with and without {@code -XX:-UseSuperWord}. It vectorizes when every {@code float[]} access in the loop is
 *       at index {@code j} of its own array. So the right-hand matrix is packed into a panel of row arrays
 *       ({@code float[][]}, one array per row of {@code op(B)}, {@link #KC} by {@link #NC}) and each row of C is
 *       accumulated in a row array; copies in and out use {@code System.arraycopy} where the data is contiguous.</li>
 *   <li>The loop body is one row of C and four steps of k ({@code acc[j] += a0·b0[j] + ... + a3·b3[j]}): one load
 *       and one store of the accumulator per four multiply-adds. Larger bodies (two rows by four steps, or eight
 *       steps) exceed C2's unrolling budget and came out entirely scalar.</li>
 *   <li>C2 picks the vector width from the trip count it profiled for the loop: 128-bit vectors for rows of 64,
 *       512-bit ones for rows of 256. So the row kernel exists twice, for rows of 128 and more and for shorter rows,
 *       each with its own profile (see {@link #rowWide}).</li>
 *   <li>Transposes cost no allocation: {@code op(A)} is read one scalar at a time (any strides) and a transposed
 *       {@code op(B)} is gathered into the panel. When C is narrow ({@code n < 16}) and taller than wide, the product
 *       is computed as {@code C^T = op(B)^T·op(A)^T} so that the vectorized loop runs along {@code m}. When both
 *       dimensions of C are below 8, a scalar loop without packing is cheaper.</li>
 *   <li>Scratch space (the 256 KB panel and an accumulator row) lives in a per-thread workspace allocated on a
 *       thread's first call, so later calls allocate nothing.</li>
 * </ul>
 * On this project's machine (AMD EPYC with AVX-512, JDK 17) this ran 64³ at about 23-27 GFLOP/s and 256³ at about
 * 40 when the machine was quiet. Arguments are not checked here; {@link Gemm} checks them.
 */
final class JavaGemm {

    /** Rows of the packed panel (a block of k). */
    static final int KC = 256;
    /** Columns of the packed panel and of the accumulator rows (a block of the vectorized dimension). */
    static final int NC = 256;
    /** The vectorized dimension below which a tall product is computed transposed. */
    private static final int NARROW = 16;
    /** Row length below which C is computed without packing ({@link #direct}). */
    private static final int DIRECT = 8;
    /** Row length from which {@link #rowWide} (rather than {@link #rowMid}) runs. */
    private static final int WIDE = 128;

    private JavaGemm() {
    }

    /** Per-thread scratch space: the packed panel and one accumulator row. */
    private static final class Workspace {
        final float[][] panel = new float[KC][NC];
        final float[] acc = new float[NC];
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** {@code C = alpha·op(A)·op(B) + beta·C}; see {@link Gemm#gemm}. Arguments must already be checked. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        // op(A)(i, p) = a[aOff + i*aRow + p*aCol]; op(B)(p, j) = b[bOff + p*bRow + j*bCol].
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb;
        int bCol = transB ? ldb : 1;
        Workspace w = WORKSPACE.get();
        if (n < NARROW && m > n) {
            // C^T (n x m) = op(B)^T (n x k) . op(A)^T (k x m): left(r, p) = op(B)(p, r), right(p, j) = op(A)(j, p).
            product(w, n, m, k, alpha, b, bOff, bCol, bRow, a, aOff, aCol, aRow, beta, c, cOff, 1, ldc);
        } else {
            product(w, m, n, k, alpha, a, aOff, aRow, aCol, b, bOff, bRow, bCol, beta, c, cOff, ldc, 1);
        }
    }

    /**
     * {@code out = alpha·L·R + beta·out} with L (rows x k): {@code l[lOff + r*lRow + p*lCol]}, R (k x cols):
     * {@code rt[rOff + p*rRow + j*rCol]}, out (rows x cols): {@code c[cOff + r*cRow + j*cCol]}.
     */
    private static void product(Workspace w, int rows, int cols, int k, float alpha, float[] l, int lOff, int lRow,
            int lCol, float[] rt, int rOff, int rRow, int rCol, float beta, float[] c, int cOff, int cRow, int cCol) {
        float[][] panel = w.panel;
        float[] acc = w.acc;
        if (cols < DIRECT) {
            direct(rows, cols, k, alpha, l, lOff, lRow, lCol, rt, rOff, rRow, rCol, beta, c, cOff, cRow, cCol, acc);
            return;
        }
        for (int jj = 0; jj < cols; jj += NC) {
            int nc = Math.min(NC, cols - jj);
            for (int kk = 0; kk < k; kk += KC) {
                int kc = Math.min(KC, k - kk);
                pack(panel, kc, nc, rt, rOff + kk * rRow + jj * rCol, rRow, rCol);
                // The first k block applies beta; later blocks add onto what the earlier ones stored in C.
                float bt = kk == 0 ? beta : 1f;
                for (int r = 0; r < rows; r++) {
                    int o = cOff + r * cRow + jj * cCol;
                    int lo = lOff + r * lRow + kk * lCol;
                    load(acc, nc, bt, c, o, cCol);
                    if (nc >= WIDE) {
                        rowWide(acc, panel, kc, nc, alpha, l, lo, lCol);
                    } else {
                        rowMid(acc, panel, kc, nc, alpha, l, lo, lCol);
                    }
                    store(acc, nc, c, o, cCol);
                }
            }
        }
    }

    /** Packs the kc x nc block of R starting at {@code off} into the panel rows. */
    private static void pack(float[][] panel, int kc, int nc, float[] rt, int off, int rRow, int rCol) {
        if (rCol == 1) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(rt, off + p * rRow, panel[p], 0, nc);
            }
        } else if (rRow == 1) {
            // Transposed: each column of the block is contiguous. Four panel rows at a time, so each step reads
            // four neighbouring elements and writes one element of each of four rows.
            int p = 0;
            for (; p + 3 < kc; p += 4) {
                float[] r0 = panel[p];
                float[] r1 = panel[p + 1];
                float[] r2 = panel[p + 2];
                float[] r3 = panel[p + 3];
                int o = off + p;
                for (int j = 0; j < nc; j++) {
                    int q = o + j * rCol;
                    r0[j] = rt[q];
                    r1[j] = rt[q + 1];
                    r2[j] = rt[q + 2];
                    r3[j] = rt[q + 3];
                }
            }
            for (; p < kc; p++) {
                float[] row = panel[p];
                int o = off + p;
                for (int j = 0; j < nc; j++) {
                    row[j] = rt[o + j * rCol];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                float[] row = panel[p];
                int o = off + p * rRow;
                for (int j = 0; j < nc; j++) {
                    row[j] = rt[o + j * rCol];
                }
            }
        }
    }

    /** acc[0, nc) = bt·out-row (or zeros when bt is 0, ignoring whatever C held, as BLAS does). */
    private static void load(float[] acc, int nc, float bt, float[] c, int off, int cCol) {
        if (bt == 0f) {
            Arrays.fill(acc, 0, nc, 0f);
            return;
        }
        if (cCol == 1) {
            System.arraycopy(c, off, acc, 0, nc);
        } else {
            for (int j = 0; j < nc; j++) {
                acc[j] = c[off + j * cCol];
            }
        }
        if (bt != 1f) {
            for (int j = 0; j < nc; j++) {
                acc[j] *= bt;
            }
        }
    }

    private static void store(float[] acc, int nc, float[] c, int off, int cCol) {
        if (cCol == 1) {
            System.arraycopy(acc, 0, c, off, nc);
        } else {
            for (int j = 0; j < nc; j++) {
                c[off + j * cCol] = acc[j];
            }
        }
    }

    // The row kernel, twice. C2 sizes a vectorized loop from the trip counts it profiled for that loop's
    // bytecode: a loop that has mostly run 64 iterations gets 128-bit vectors, one that ran 256 gets 512-bit ones
    // and runs a 64-long row mostly in its scalar pre- and post-loops. Identical copies per width class give each
    // class its own profile, so mixed workloads (batch 1 and batch 64, small and large layers) do not degrade each
    // other. The body is one row and four steps of k: larger bodies (two rows, or eight steps) exceed C2's unroll
    // budget and are not vectorized at all.

    /** acc[0, nc) += alpha · sum over p of L(r, p)·panel[p][0, nc): rows of 128 and more. */
    private static void rowWide(float[] acc, float[][] panel, int kc, int nc, float alpha, float[] l, int lo,
            int lCol) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int o = lo + p * lCol;
            float a0 = alpha * l[o];
            float a1 = alpha * l[o + lCol];
            float a2 = alpha * l[o + 2 * lCol];
            float a3 = alpha * l[o + 3 * lCol];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < nc; j++) {
                acc[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < kc; p++) {
            float a0 = alpha * l[lo + p * lCol];
            float[] b0 = panel[p];
            for (int j = 0; j < nc; j++) {
                acc[j] += a0 * b0[j];
            }
        }
    }

    /** As {@link #rowWide} (the same code, profiled separately), for rows of 16 to 127. */
    private static void rowMid(float[] acc, float[][] panel, int kc, int nc, float alpha, float[] l, int lo,
            int lCol) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int o = lo + p * lCol;
            float a0 = alpha * l[o];
            float a1 = alpha * l[o + lCol];
            float a2 = alpha * l[o + 2 * lCol];
            float a3 = alpha * l[o + 3 * lCol];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < nc; j++) {
                acc[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < kc; p++) {
            float a0 = alpha * l[lo + p * lCol];
            float[] b0 = panel[p];
            for (int j = 0; j < nc; j++) {
                acc[j] += a0 * b0[j];
            }
        }
    }

    /**
     * Rows shorter than {@link #DIRECT} (both dimensions of C small): no packing, which would cost more than the arithmetic;
     * scalar, reading R in place, four steps of k per pass.
     */
    private static void direct(int rows, int cols, int k, float alpha, float[] l, int lOff, int lRow, int lCol,
            float[] rt, int rOff, int rRow, int rCol, float beta, float[] c, int cOff, int cRow, int cCol,
            float[] acc) {
        for (int r = 0; r < rows; r++) {
            int o = cOff + r * cRow;
            int lo = lOff + r * lRow;
            load(acc, cols, beta, c, o, cCol);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                int q = lo + p * lCol;
                float a0 = alpha * l[q];
                float a1 = alpha * l[q + lCol];
                float a2 = alpha * l[q + 2 * lCol];
                float a3 = alpha * l[q + 3 * lCol];
                int b0 = rOff + p * rRow;
                int b1 = b0 + rRow;
                int b2 = b1 + rRow;
                int b3 = b2 + rRow;
                for (int j = 0; j < cols; j++) {
                    int jo = j * rCol;
                    acc[j] += a0 * rt[b0 + jo] + a1 * rt[b1 + jo] + a2 * rt[b2 + jo] + a3 * rt[b3 + jo];
                }
            }
            for (; p < k; p++) {
                float a0 = alpha * l[lo + p * lCol];
                int b0 = rOff + p * rRow;
                for (int j = 0; j < cols; j++) {
                    acc[j] += a0 * rt[b0 + j * rCol];
                }
            }
            store(acc, cols, c, o, cCol);
        }
    }

    /** C = beta·C over an m x n block (C zeroed when beta is 0). */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int o = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, o, o + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[o + j] *= beta;
                }
            }
        }
    }
}
