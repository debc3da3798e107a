package dev.arcadia.nets.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Re-measures {@link Gemm}'s dispatch threshold: time per call of the plain-Java kernel and of the ND4J/OpenBLAS
 * path (operand copies included) for square sizes 8..1024 and the shapes RL uses, plus, for reference, a product
 * through INDArrays built from the same {@code float[]} each call. Not a test; run it on a quiet machine:
 *
 * <pre>
 * mvn -q -pl nets test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp nets/target/classes:nets/target/test-classes:$(cat /tmp/cp.txt) dev.arcadia.nets.kernels.GemmCrossover
 * </pre>
 *
 * Options: {@code --quick} (fewer sizes), {@code --gflops} (only the 1024³ ND4J rate; run once with and once
 * without {@code OPENBLAS_CORETYPE=SKYLAKEX} in the environment to compare), {@code -Darcadia.threads=N}. Each
 * time is the best of several batches of calls (each batch about 40 ms), which filters out other processes'
 * interference; on a shared machine run it several times and take the best per cell. The Java kernel's speed also
 * depends on what the JIT profiled first (see {@link JavaGemm}): this program runs small shapes before large ones,
 * as a mixed workload would.
 */
public final class GemmCrossover {

    private GemmCrossover() {
    }

    /** One shape: label and BLAS arguments. */
    private record Shape(String label, boolean ta, boolean tb, int m, int n, int k) {
        long work() {
            return (long) m * n * k;
        }
    }

    private interface Kernel {
        void run(Shape s, float[] a, float[] b, float[] c);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean gflopsOnly = List.of(args).contains("--gflops");
        printEnvironment();
        if (gflopsOnly) {
            gflops1024();
            return;
        }
        List<Shape> shapes = new ArrayList<>();
        int[] squares = quick ? new int[] {16, 32, 64, 128, 256, 512, 1024}
            : new int[] {8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 160, 192, 256, 384, 512, 768, 1024};
        for (int s : squares) {
            shapes.add(new Shape(s + "^3", false, false, s, s, s));
        }
        // MLP 4-64-64-2: act at batch 1; train at batch 64 (forward NN, dW = X^T·dY (TN), dX = dY·W^T (NT)).
        shapes.add(new Shape("act [1x4]·[4x64]", false, false, 1, 64, 4));
        shapes.add(new Shape("act [1x64]·[64x64]", false, false, 1, 64, 64));
        shapes.add(new Shape("act [1x64]·[64x2]", false, false, 1, 2, 64));
        shapes.add(new Shape("fwd [64x4]·[4x64]", false, false, 64, 64, 4));
        shapes.add(new Shape("fwd [64x64]·[64x64]", false, false, 64, 64, 64));
        shapes.add(new Shape("fwd [64x64]·[64x2]", false, false, 64, 2, 64));
        shapes.add(new Shape("dW [4x64]^T·[64x64] TN", true, false, 4, 64, 64));
        shapes.add(new Shape("dW [64x64]^T·[64x64] TN", true, false, 64, 64, 64));
        shapes.add(new Shape("dW [64x64]^T·[64x2] TN", true, false, 64, 2, 64));
        shapes.add(new Shape("dX [64x64]·[64x64]^T NT", false, true, 64, 64, 64));
        shapes.add(new Shape("dX [64x2]·[64x2]^T NT", false, true, 64, 64, 2));
        shapes.add(new Shape("TT 64^3", true, true, 64, 64, 64));
        // Bigger layers and skinny products (where m·n·k alone may mislead).
        shapes.add(new Shape("[32x256]·[256x256]", false, false, 32, 256, 256));
        shapes.add(new Shape("[256x256]^T·[256x256] TN", true, false, 256, 256, 256));
        shapes.add(new Shape("[256x256]·[256x256]^T NT", false, true, 256, 256, 256));
        shapes.add(new Shape("[1x1024]·[1024x1024]", false, false, 1, 1024, 1024));
        shapes.add(new Shape("[8x512]·[512x512]", false, false, 8, 512, 512));
        shapes.add(new Shape("[512x8]·[8x512]", false, false, 512, 512, 8));
        shapes.add(new Shape("[1024x64]·[64x64]", false, false, 1024, 64, 64));
        // Where does a small dimension stop ND4J from winning? (m, k or n of 8..32 against 256.)
        for (int d : new int[] {8, 12, 16, 24, 32}) {
            shapes.add(new Shape("m=" + d + " [" + d + "x256]·[256x256]", false, false, d, 256, 256));
            shapes.add(new Shape("k=" + d + " [256x" + d + "]·[" + d + "x256]", false, false, 256, 256, d));
            shapes.add(new Shape("n=" + d + " [256x256]·[256x" + d + "]", false, false, 256, d, 256));
        }

        Kernel java = (s, a, b, c) -> Gemm.forceJava(s.ta, s.tb, s.m, s.n, s.k, 1f, a, 0, s.ta ? s.m : s.k, b, 0,
                s.tb ? s.k : s.n, 0f, c, 0, s.n);
        Kernel nd4j = (s, a, b, c) -> Gemm.forceNd4j(s.ta, s.tb, s.m, s.n, s.k, 1f, a, 0, s.ta ? s.m : s.k, b, 0,
                s.tb ? s.k : s.n, 0f, c, 0, s.n);
        Kernel indarray = GemmCrossover::viaIndArrays;

        System.out.printf(Locale.ROOT, "%n%-32s %12s %11s %11s %8s %12s  %s%n", "shape (m x k)·(k x n)", "m·n·k",
                "Java us", "ND4J us", "ND4J/J", "INDArray us", "Gemm.gemm picks");
        for (Shape s : shapes) {
            Random rnd = new Random(1);
            float[] a = random(rnd, s.m * s.k);
            float[] b = random(rnd, s.k * s.n);
            float[] c = new float[s.m * s.n];
            double tj = time(java, s, a, b, c);
            double tn = time(nd4j, s, a, b, c);
            double ti = s.work() <= (1L << 24) || !quick ? time(indarray, s, a, b, c) : Double.NaN;
            System.out.printf(Locale.ROOT, "%-32s %12d %11.3f %11.3f %8.2f %12.3f  %s%n", s.label, s.work(),
                    tj * 1e6, tn * 1e6, tn / tj, ti * 1e6, Gemm.usesNd4j(s.m, s.n, s.k) ? "ND4J" : "Java");
        }
        System.out.printf(Locale.ROOT, "%nGemm: ND4J when m >= %d and m·n·k >= %d%s%n", Gemm.ND4J_MIN_M,
                Gemm.ND4J_MIN_WORK, Nd4jGemm.smallKernels() ? String.format(Locale.ROOT,
                        ", or (small-matrix kernels) m >= %d and %d <= m·n·k <= %d", Gemm.SMALL_KERNEL_MIN_M,
                        Gemm.SMALL_KERNEL_MIN_WORK, Nd4jGemm.SMALL_WORK) : "");
        gflops1024();
    }

    private static void printEnvironment() throws Exception {
        String model = Nd4jSetup.cpuModel();
        boolean ok = Gemm.nd4jAvailable();
        System.out.printf(Locale.ROOT,
                "CPU: %s, %d cores, avx512f=%s; java %s; OPENBLAS_CORETYPE=%s; OpenBLAS core=%s; threads=%s%n", model,
                Runtime.getRuntime().availableProcessors(), Nd4jSetup.hasAvx512(),
                System.getProperty("java.version"), System.getenv("OPENBLAS_CORETYPE"),
                ok ? Nd4jSetup.openBlasCoreName() : "(ND4J unavailable: " + Nd4jSetup.failure() + ")",
                ok ? Nd4jSetup.blasThreads() : "-");
    }

    private static void gflops1024() {
        int s = 1024;
        Random rnd = new Random(2);
        float[] a = random(rnd, s * s);
        float[] b = random(rnd, s * s);
        float[] c = new float[s * s];
        for (int i = 0; i < 3; i++) {
            Gemm.forceNd4j(false, false, s, s, s, 1f, a, 0, s, b, 0, s, 0f, c, 0, s);
        }
        double best = Double.MAX_VALUE;
        double sum = 0;
        int reps = 10;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Gemm.forceNd4j(false, false, s, s, s, 1f, a, 0, s, b, 0, s, 0f, c, 0, s);
            double t = (System.nanoTime() - t0) * 1e-9;
            best = Math.min(best, t);
            sum += t;
        }
        double flops = 2.0 * s * s * s;
        System.out.printf(Locale.ROOT, "1024^3 SGEMM through Nd4jGemm (copies included): best %.1f GFLOP/s, "
                + "mean %.1f GFLOP/s over %d calls (OPENBLAS_CORETYPE=%s, OpenBLAS core %s, %d thread(s))%n",
                flops / best * 1e-9, flops / (sum / reps) * 1e-9, reps, System.getenv("OPENBLAS_CORETYPE"),
                Nd4jSetup.openBlasCoreName(), Nd4jSetup.blasThreads());
    }

    /** The INDArray route, for reference: wrap copies of the arrays, Nd4j.gemm, copy the result back. */
    private static void viaIndArrays(Shape s, float[] a, float[] b, float[] c) {
        INDArray x = Nd4j.create(a, new long[] {s.ta ? s.k : s.m, s.ta ? s.m : s.k}, 'c');
        INDArray y = Nd4j.create(b, new long[] {s.tb ? s.n : s.k, s.tb ? s.k : s.n}, 'c');
        INDArray z = Nd4j.create(DataType.FLOAT, s.m, s.n);
        Nd4j.gemm(x, y, z, s.ta, s.tb, 1.0, 0.0);
        float[] out = z.data().asFloat();
        System.arraycopy(out, 0, c, 0, out.length);
    }

    /** Seconds per call: the best of several batches of about 40 ms each, after a warm-up. */
    private static double time(Kernel kernel, Shape s, float[] a, float[] b, float[] c) {
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < 300_000_000L || calls < 3) {
            kernel.run(s, a, b, c);
            calls++;
        }
        double perCall = (System.nanoTime() - t0) / (double) calls;
        int batch = (int) Math.max(1, Math.min(1_000_000, 40e6 / perCall));
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 7; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                kernel.run(s, a, b, c);
            }
            best = Math.min(best, (System.nanoTime() - t) / (double) batch);
        }
        return best * 1e-9;
    }

    private static float[] random(Random rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
