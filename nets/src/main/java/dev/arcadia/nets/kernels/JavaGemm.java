package dev.arcadia.nets.kernels;

import java.util.Arrays;

/**
 * The plain-Java SGEMM: {@code C = alpha·op(A)·op(B) + beta·C} over row-major arrays, allocation-free per call.
 *
 * <p>How it is made fast on the JDK 17 C2 compiler (each point measured; see {@link Gemm} for the numbers):
 * <ul>
 *   <li>C2's auto-vectorizer (SuperWord) in JDK 17 refuses a loop in which two {@code float[]} accesses have
 *       different loop-invariant offsets ({@code c[ci + j] += a * b[bi + j]} runs scalar, about 5 GFLOP/s), because
 *       it cannot rule out overlapping accesses to one array. It does vectorize when every {@code float[]} access in
 *       the loop is at index {@code j} of a separate array. So the right-hand matrix is packed into a panel of row
 *       arrays ({@code float[][]}, one array per row of {@code op(B)}, {@link #KC} by {@link #NC}) and rows of C are
 *       accumulated in row arrays; copies in and out use {@code System.arraycopy} (an intrinsic) where the data is
 *       contiguous.</li>
 *   <li>The micro-kernel is i-k-j: two rows of C by four steps of k per pass over a row segment, so each pass over
 *       {@code j} does 8 multiply-adds per element of C loaded and stored (rather than 1).</li>
 *   <li>Transposes cost no allocation: {@code op(A)} is only read one scalar at a time (any strides), and a
 *       transposed {@code op(B)} is gathered into the packed panel. When C is narrow ({@code n} small) and tall, the
 *       product is computed as {@code C^T = op(B)^T·op(A)^T} so that the vectorized loop runs along {@code m}.</li>
 *   <li>Scratch space (the panel and the accumulator rows) lives in a per-thread workspace that is allocated on a
 *       thread's first call and never again, so a call allocates nothing.</li>
 * </ul>
 * Arguments are not checked here; {@link Gemm} checks them.
 */
final class JavaGemm {

    /** Rows of the packed panel (a block of k). */
    static final int KC = 256;
    /** Columns of the packed panel and of the accumulator rows (a block of the vectorized dimension). */
    static final int NC = 256;
    /** The vectorized dimension below which a tall product is computed transposed. */
    private static final int NARROW = 16;

    private JavaGemm() {
    }

    /** Per-thread scratch space: the packed panel and two accumulator rows. */
    private static final class Workspace {
        final float[][] panel = new float[KC][NC];
        final float[] acc0 = new float[NC];
        final float[] acc1 = new float[NC];
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
        float[] acc0 = w.acc0;
        float[] acc1 = w.acc1;
        for (int jj = 0; jj < cols; jj += NC) {
            int nc = Math.min(NC, cols - jj);
            for (int kk = 0; kk < k; kk += KC) {
                int kc = Math.min(KC, k - kk);
                pack(panel, kc, nc, rt, rOff + kk * rRow + jj * rCol, rRow, rCol);
                // The first k block applies beta; later blocks add onto what the earlier ones stored in C.
                float bt = kk == 0 ? beta : 1f;
                int r = 0;
                for (; r + 1 < rows; r += 2) {
                    int o0 = cOff + r * cRow + jj * cCol;
                    int o1 = o0 + cRow;
                    load(acc0, nc, bt, c, o0, cCol);
                    load(acc1, nc, bt, c, o1, cCol);
                    kernel2(acc0, acc1, panel, kc, nc, alpha, l, lOff + r * lRow + kk * lCol, lRow, lCol);
                    store(acc0, nc, c, o0, cCol);
                    store(acc1, nc, c, o1, cCol);
                }
                if (r < rows) {
                    int o0 = cOff + r * cRow + jj * cCol;
                    load(acc0, nc, bt, c, o0, cCol);
                    kernel1(acc0, panel, kc, nc, alpha, l, lOff + r * lRow + kk * lCol, lCol);
                    store(acc0, nc, c, o0, cCol);
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
            // Columns of the block are contiguous: read them in order, scatter across the panel rows.
            for (int j = 0; j < nc; j++) {
                int o = off + j * rCol;
                for (int p = 0; p < kc; p++) {
                    panel[p][j] = rt[o + p];
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

    /** Two accumulator rows += alpha · L rows (r, r+1) · panel, four steps of k per pass. */
    private static void kernel2(float[] c0, float[] c1, float[][] panel, int kc, int nc, float alpha, float[] l,
            int lo, int lRow, int lCol) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int o0 = lo + p * lCol;
            int o1 = o0 + lRow;
            float a00 = alpha * l[o0];
            float a01 = alpha * l[o0 + lCol];
            float a02 = alpha * l[o0 + 2 * lCol];
            float a03 = alpha * l[o0 + 3 * lCol];
            float a10 = alpha * l[o1];
            float a11 = alpha * l[o1 + lCol];
            float a12 = alpha * l[o1 + 2 * lCol];
            float a13 = alpha * l[o1 + 3 * lCol];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < nc; j++) {
                float x0 = b0[j];
                float x1 = b1[j];
                float x2 = b2[j];
                float x3 = b3[j];
                c0[j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
                c1[j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
            }
        }
        for (; p < kc; p++) {
            int o0 = lo + p * lCol;
            float a0 = alpha * l[o0];
            float a1 = alpha * l[o0 + lRow];
            float[] b0 = panel[p];
            for (int j = 0; j < nc; j++) {
                float x0 = b0[j];
                c0[j] += a0 * x0;
                c1[j] += a1 * x0;
            }
        }
    }

    /** One accumulator row += alpha · L row r · panel, four steps of k per pass. */
    private static void kernel1(float[] c0, float[][] panel, int kc, int nc, float alpha, float[] l, int lo,
            int lCol) {
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int o0 = lo + p * lCol;
            float a0 = alpha * l[o0];
            float a1 = alpha * l[o0 + lCol];
            float a2 = alpha * l[o0 + 2 * lCol];
            float a3 = alpha * l[o0 + 3 * lCol];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < nc; j++) {
                c0[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < kc; p++) {
            float a0 = alpha * l[lo + p * lCol];
            float[] b0 = panel[p];
            for (int j = 0; j < nc; j++) {
                c0[j] += a0 * b0[j];
            }
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
