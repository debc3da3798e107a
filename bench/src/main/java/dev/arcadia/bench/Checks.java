package dev.arcadia.bench;

import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Gemm;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Before timing anything: checks that the peers of each case compute the same numbers as Arcadia (same weights,
 * same data), so the table compares like with like. Differences are relative to the largest magnitude of the
 * reference.
 */
final class Checks {

    private final PrintStream out;
    private int failures;

    Checks(PrintStream out) {
        this.out = out;
    }

    /** Runs every check; returns the number that failed. */
    int run() {
        Fixtures.loadNd4j();
        mlpForward();
        mlpTrain();
        gemm();
        conv();
        allocations();
        return failures;
    }

    /**
     * Arcadia's heap allocation per call once warm, measured with the JVM's per-thread allocation counter (more
     * precise than JMH's GC profiler for calls of milliseconds, where JMH's own bookkeeping dominates). Reported,
     * not checked: the nets module's tests own that property.
     */
    private void allocations() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MlpForwardBench.ArcadiaState a = new MlpForwardBench.ArcadiaState();
        a.setup();
        MlpTrainBench.ArcadiaState b = new MlpTrainBench.ArcadiaState();
        b.setup();
        GemmBench.ArcadiaState c = new GemmBench.ArcadiaState();
        c.setup();
        ConvBench.ArcadiaState d = new ConvBench.ArcadiaState();
        d.setup();
        int n = GemmBench.N;
        Runnable[] calls = {
            () -> a.net.forward(a.x, false),
            b::step,
            () -> Gemm.gemm(false, false, n, n, n, 1f, c.a, 0, n, c.b, 0, n, 0f, c.c, 0, n),
            d::step,
        };
        int[] repeats = {20_000, 2_000, 5, 5};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < calls.length; i++) {
            for (int r = 0; r < 5 * repeats[i]; r++) { // warm-up: JIT compilation, buffers, native scratch
                calls[i].run();
            }
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int r = 0; r < repeats[i]; r++) {
                calls[i].run();
            }
            long bytes = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            sb.append(String.format(" (%c) %.1f B", (char) ('a' + i), (double) bytes / repeats[i]));
        }
        out.println("  Arcadia heap allocation per call once warm (ThreadMXBean):" + sb);
    }

    private void report(String what, float[] reference, float[] other, double tolerance) {
        double scale = 0;
        double diff = 0;
        if (reference.length != other.length) {
            out.printf("  check %-52s FAILED: %d vs %d values%n", what, reference.length, other.length);
            failures++;
            return;
        }
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            diff = Math.max(diff, Math.abs(reference[i] - other[i]));
        }
        double rel = diff / Math.max(scale, 1e-30);
        boolean ok = rel <= tolerance;
        failures += ok ? 0 : 1;
        out.printf("  check %-52s max rel diff %.1e %s%n", what, rel, ok ? "ok" : "FAILED (tolerance " + tolerance + ")");
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private void mlpForward() {
        MlpForwardBench.ArcadiaState a = new MlpForwardBench.ArcadiaState();
        a.setup();
        MlpForwardBench.Nd4jState n = new MlpForwardBench.Nd4jState();
        n.setup();
        MlpForwardBench.Dl4jState d = new MlpForwardBench.Dl4jState();
        d.setup();
        float[] ref = a.net.forward(a.x, false).toArray();
        report("(a) forward: ND4J ops vs Arcadia", ref, floats(n.forward()), 1e-5);
        report("(a) forward: DL4J output vs Arcadia", ref, floats(d.net.output(d.x)), 1e-5);
    }

    private void mlpTrain() {
        MlpTrainBench.ArcadiaState a = new MlpTrainBench.ArcadiaState();
        a.setup();
        MlpTrainBench.Nd4jState n = new MlpTrainBench.Nd4jState();
        n.setup();
        // Gradients of the first step, before any update.
        a.params.zeroGrad();
        a.mse.forward(a.net.forward(a.x[0], true), a.t[0]);
        a.net.backward(a.mse.backward());
        n.gradients();
        List<Param> ps = a.params.list();
        float[] ga = new float[0];
        float[] gn = new float[0];
        for (int i = 0; i < ps.size(); i++) {
            ga = concat(ga, ps.get(i).grad().toArray());
            gn = concat(gn, floats(n.g[i]));
        }
        report("(b) gradients: ND4J ops vs Arcadia", ga, gn, 1e-4);
        // One full step from the same start in all three; Adam moves each weight by about lr, so a wrong gradient
        // sign or scale shows as a difference of order lr (1e-3) against values of order 0.3.
        a.setup();
        float[] start = a.params.toFlat();
        a.step();
        MlpTrainBench.Nd4jState n2 = new MlpTrainBench.Nd4jState();
        n2.setup();
        n2.step();
        MlpTrainBench.Dl4jState d = new MlpTrainBench.Dl4jState();
        d.setup();
        d.step();
        float[] pa = a.params.toFlat();
        float[] pn = new float[0];
        for (INDArray p : n2.p) {
            pn = concat(pn, floats(p));
        }
        float[] pd = dl4jParams(d.net);
        reportUpdate("(b) 1 Adam step: ND4J ops vs Arcadia", start, pa, pn);
        reportUpdate("(b) 1 Adam step: DL4J fit vs Arcadia", start, pa, pd);
    }

    /**
     * Compares the first Adam update of each parameter. ND4J's Adam (also DL4J's) adds epsilon to sqrt(v) before the
     * bias correction, Arcadia (like PyTorch and the paper) after it, so parameters with gradients near epsilon move
     * by less there: the check asks for the same direction wherever the peer moves a parameter by more than 1% of
     * the learning rate and for differences below the learning rate. A wrong gradient would flip directions.
     */
    private void reportUpdate(String what, float[] start, float[] arcadia, float[] peer) {
        double lr = Fixtures.LEARNING_RATE;
        double worst = 0;
        int flipped = 0;
        for (int i = 0; i < start.length; i++) {
            double da = arcadia[i] - start[i];
            double dp = peer[i] - start[i];
            worst = Math.max(worst, Math.abs(da - dp));
            if (Math.abs(dp) > 0.01 * lr && Math.signum(da) != Math.signum(dp)) {
                flipped++;
            }
        }
        boolean ok = flipped == 0 && worst < lr && start.length == peer.length;
        failures += ok ? 0 : 1;
        out.printf("  check %-52s max update diff %.1e (lr %.0e), %d direction(s) differ %s%n", what, worst, lr,
                flipped, ok ? "ok" : "FAILED");
    }

    /** DL4J's parameters in Arcadia's order (W [in,out] row-major, then b, per layer). */
    private static float[] dl4jParams(MultiLayerNetwork net) {
        float[] all = new float[0];
        for (int layer = 0; layer < 3; layer++) {
            all = concat(all, floats(net.getParam(layer + "_W")));
            all = concat(all, floats(net.getParam(layer + "_b")));
        }
        return all;
    }

    private void gemm() {
        GemmBench.ArcadiaState a = new GemmBench.ArcadiaState();
        a.setup();
        GemmBench.Nd4jState n = new GemmBench.Nd4jState();
        n.setup();
        int size = GemmBench.N;
        Gemm.gemm(false, false, size, size, size, 1f, a.a, 0, size, a.b, 0, size, 0f, a.c, 0, size);
        float[] ref = a.c.clone();
        report("(c) 1024^3: ND4J mmuli vs Arcadia Gemm.gemm", ref, floats(n.a.mmuli(n.b, n.c)), 1e-5);
        n.c.assign(0);
        report("(c) 1024^3: Nd4j.gemm vs Arcadia Gemm.gemm", ref,
                floats(org.nd4j.linalg.factory.Nd4j.gemm(n.a, n.b, n.c, false, false, 1.0, 0.0)), 1e-5);
        Gemm.forceJava(false, false, size, size, size, 1f, a.a, 0, size, a.b, 0, size, 0f, a.c, 0, size);
        report("(c) 1024^3: Arcadia Java kernel vs Gemm.gemm", ref, a.c, 1e-5);
    }

    private void conv() {
        ConvBench.ArcadiaState a = new ConvBench.ArcadiaState();
        a.setup();
        ConvBench.Nd4jState n = new ConvBench.Nd4jState();
        n.setup();
        ConvBench.Dl4jState d = new ConvBench.Dl4jState();
        d.setup();
        n.step();
        for (int l = 0; l < ConvBench.LAYERS; l++) {
            for (Param p : a.layers[l].params()) {
                p.grad().fill(0f);
            }
            float[] y = a.layers[l].forward(a.x[l], true).toArray();
            Tensor dxA = a.layers[l].backward(a.g[l]);
            String layer = "(d) conv" + (l + 1) + " ";
            report(layer + "output: ND4J conv2d vs Arcadia", y, floats(n.output(l)), 1e-5);
            report(layer + "input grad: ND4J conv2d_bp vs Arcadia", dxA.toArray(), floats(n.dx[l]), 1e-5);
            report(layer + "weight grad: ND4J conv2d_bp vs Arcadia", a.layers[l].params().get(0).grad().toArray(),
                    floats(n.weightGrad(l)), 1e-5);
            report(layer + "output: DL4J ConvolutionLayer vs Arcadia", y, floats(d.forward(l)), 1e-5);
            INDArray dxD = d.layers[l].backpropGradient(d.g[l], d.mgr).getSecond();
            report(layer + "input grad: DL4J vs Arcadia", dxA.toArray(), floats(dxD), 1e-5);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = new float[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
