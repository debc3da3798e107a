package dev.arcadia.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.GradientCheck;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecurrentLayersTest {

    /** {batch, time, in, hidden}: batch 1 and > 1, time 1 and > 1. */
    private static final int[][] SHAPES = {{1, 1, 3, 4}, {1, 5, 2, 3}, {3, 1, 4, 2}, {2, 4, 3, 5}, {4, 3, 1, 2}};

    static Tensor random(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextDouble() * 2 - 1));
        }
        return t;
    }

    /** Random biases too, so the checks also exercise them away from zero. */
    static void randomize(Layer layer, SplittableRandom rng, double scale) {
        for (Param p : layer.params()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, (float) ((rng.nextDouble() * 2 - 1) * scale));
            }
        }
    }

    static void checkAll(Function<int[], Layer> make, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int[] s : SHAPES) {
            Layer layer = make.apply(s);
            randomize(layer, rng, 0.8);
            GradientCheck.check(layer, random(rng, s[0], s[1], s[2]), rng).assertBelow(1e-2);
        }
    }

    @Test
    void rnnGradientsMatchFiniteDifferences() {
        SplittableRandom init = new SplittableRandom(10);
        checkAll(s -> new Rnn(s[2], s[3], Init.XAVIER_UNIFORM, init), 11);
        checkAll(s -> new Rnn(s[2], s[3], Activation.Kind.SIGMOID, Init.XAVIER_UNIFORM, init), 12);
    }

    @Test
    void lstmGradientsMatchFiniteDifferences() {
        SplittableRandom init = new SplittableRandom(20);
        checkAll(s -> new Lstm(s[2], s[3], Init.XAVIER_UNIFORM, 1.0, init), 21);
    }

    @Test
    void gruGradientsMatchFiniteDifferences() {
        SplittableRandom init = new SplittableRandom(30);
        checkAll(s -> new Gru(s[2], s[3], Init.XAVIER_UNIFORM, init), 31);
    }

    @Test
    void initialAndFinalStateGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(50);
        int batch = 2;
        int time = 3;
        int in = 3;
        int h = 4;
        Tensor x = random(rng, batch, time, in);
        Tensor r = random(rng, batch, time, h);
        Tensor rh = random(rng, batch, h);
        Tensor rc = random(rng, batch, h);
        Tensor h0 = random(rng, batch, h);
        Tensor c0 = random(rng, batch, h);
        Lstm lstm = new Lstm(in, h, Init.XAVIER_UNIFORM, rng);
        randomize(lstm, rng, 0.8);
        // L = sum(r * outputs) + sum(rh * h_T) + sum(rc * c_T), as a function of h0 and c0.
        Function<float[], Double> loss = v -> {
            lstm.setInitialState(Tensor.of(java.util.Arrays.copyOfRange(v, 0, batch * h), batch, h),
                    Tensor.of(java.util.Arrays.copyOfRange(v, batch * h, 2 * batch * h), batch, h));
            Tensor y = lstm.forward(x, true);
            return dot(r, y) + dot(rh, lstm.lastHidden()) + dot(rc, lstm.lastCell());
        };
        float[] v = new float[2 * batch * h];
        System.arraycopy(h0.toArray(), 0, v, 0, batch * h);
        System.arraycopy(c0.toArray(), 0, v, batch * h, batch * h);
        loss.apply(v);
        lstm.backward(r, rh, rc);
        float[] analytic = new float[v.length];
        System.arraycopy(lstm.initialHiddenGrad().toArray(), 0, analytic, 0, batch * h);
        System.arraycopy(lstm.initialCellGrad().toArray(), 0, analytic, batch * h, batch * h);
        assertFiniteDifferences(loss, v, analytic, "Lstm h0/c0");

        Gru gru = new Gru(in, h, Init.XAVIER_UNIFORM, rng);
        randomize(gru, rng, 0.8);
        Function<float[], Double> gruLoss = s -> {
            gru.setInitialState(Tensor.of(s.clone(), batch, h));
            return dot(r, gru.forward(x, true)) + dot(rh, gru.lastHidden());
        };
        gruLoss.apply(h0.toArray());
        gru.backward(r, rh);
        assertFiniteDifferences(gruLoss, h0.toArray(), gru.initialStateGrad().toArray(), "Gru h0");

        Rnn rnn = new Rnn(in, h, Init.XAVIER_UNIFORM, rng);
        randomize(rnn, rng, 0.8);
        Function<float[], Double> rnnLoss = s -> {
            rnn.setInitialState(Tensor.of(s.clone(), batch, h));
            return dot(r, rnn.forward(x, true)) + dot(rh, rnn.lastHidden());
        };
        rnnLoss.apply(h0.toArray());
        rnn.backward(r, rh);
        assertFiniteDifferences(rnnLoss, h0.toArray(), rnn.initialStateGrad().toArray(), "Rnn h0");
        // With an initial state set, the parameter gradients still check out.
        GradientCheck.check(rnn, x, rng).assertBelow(1e-2);
        GradientCheck.check(gru, x, rng).assertBelow(1e-2);
        GradientCheck.check(lstm, x, rng).assertBelow(1e-2);
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(random(rng, 3, time, in), true),
                "initial state batch differs from input batch");
        lstm.clearInitialState();
        assertEquals(3, lstm.forward(random(rng, 3, time, in), true).dim(0));
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.get(i) * b.get(i);
        }
        return s;
    }

    static void assertFiniteDifferences(Function<float[], Double> loss, float[] at, float[] analytic, String what) {
        double eps = 1e-2;
        for (int i = 0; i < at.length; i++) {
            float[] p = at.clone();
            p[i] += (float) eps;
            float[] m = at.clone();
            m[i] -= (float) eps;
            double numeric = (loss.apply(p) - loss.apply(m)) / (2 * eps);
            double err = Math.abs(numeric - analytic[i]) / Math.max(1e-2, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
            assertTrue(err < 1e-2, what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric);
        }
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void lstmMatchesADoublePrecisionRecomputationOfTheEquations() {
        SplittableRandom rng = new SplittableRandom(60);
        int batch = 2;
        int time = 3;
        int in = 3;
        int h = 4;
        Lstm lstm = new Lstm(in, h, Init.XAVIER_UNIFORM, rng);
        randomize(lstm, rng, 0.5);
        Tensor x = random(rng, batch, time, in);
        Tensor h0 = random(rng, batch, h);
        Tensor c0 = random(rng, batch, h);
        lstm.setInitialState(h0, c0);
        Tensor y = lstm.forward(x, false);
        Tensor wx = lstm.params().get(0).value();
        Tensor wh = lstm.params().get(1).value();
        Tensor bias = lstm.params().get(2).value();
        for (int b = 0; b < batch; b++) {
            double[] hp = new double[h];
            double[] cp = new double[h];
            for (int j = 0; j < h; j++) {
                hp[j] = h0.at(b, j);
                cp[j] = c0.at(b, j);
            }
            for (int t = 0; t < time; t++) {
                double[] z = new double[4 * h];
                for (int g = 0; g < 4 * h; g++) {
                    z[g] = bias.get(g);
                    for (int i = 0; i < in; i++) {
                        z[g] += x.at(b, t, i) * wx.at(i, g);
                    }
                    for (int i = 0; i < h; i++) {
                        z[g] += hp[i] * wh.at(i, g);
                    }
                }
                double[] hn = new double[h];
                for (int j = 0; j < h; j++) { // PyTorch order: input, forget, cell candidate, output
                    double c = sig(z[h + j]) * cp[j] + sig(z[j]) * Math.tanh(z[2 * h + j]);
                    hn[j] = sig(z[3 * h + j]) * Math.tanh(c);
                    cp[j] = c;
                    assertEquals(hn[j], y.at(b, t, j), 1e-5, "h[" + b + "," + t + "," + j + "]");
                }
                hp = hn;
            }
            for (int j = 0; j < h; j++) {
                assertEquals(cp[j], lstm.lastCell().at(b, j), 1e-5);
                assertEquals(hp[j], lstm.lastHidden().at(b, j), 1e-5);
            }
        }
    }

    @Test
    void gruMatchesADoublePrecisionRecomputationOfPyTorchsEquations() {
        SplittableRandom rng = new SplittableRandom(70);
        int batch = 2;
        int time = 3;
        int in = 3;
        int h = 4;
        Gru gru = new Gru(in, h, Init.XAVIER_UNIFORM, rng);
        randomize(gru, rng, 0.5);
        Tensor x = random(rng, batch, time, in);
        Tensor h0 = random(rng, batch, h);
        gru.setInitialState(h0);
        Tensor y = gru.forward(x, false);
        Tensor wx = gru.params().get(0).value();
        Tensor wh = gru.params().get(1).value();
        Tensor bx = gru.params().get(2).value();
        Tensor bh = gru.params().get(3).value();
        for (int b = 0; b < batch; b++) {
            double[] hp = new double[h];
            for (int j = 0; j < h; j++) {
                hp[j] = h0.at(b, j);
            }
            for (int t = 0; t < time; t++) {
                double[] gx = new double[3 * h];
                double[] gh = new double[3 * h];
                for (int g = 0; g < 3 * h; g++) {
                    gx[g] = bx.get(g);
                    gh[g] = bh.get(g);
                    for (int i = 0; i < in; i++) {
                        gx[g] += x.at(b, t, i) * wx.at(i, g);
                    }
                    for (int i = 0; i < h; i++) {
                        gh[g] += hp[i] * wh.at(i, g);
                    }
                }
                double[] hn = new double[h];
                for (int j = 0; j < h; j++) { // PyTorch: r, z, n; r multiplies (W_hn h + b_hn)
                    double r = sig(gx[j] + gh[j]);
                    double z = sig(gx[h + j] + gh[h + j]);
                    double n = Math.tanh(gx[2 * h + j] + r * gh[2 * h + j]);
                    hn[j] = (1 - z) * n + z * hp[j];
                    assertEquals(hn[j], y.at(b, t, j), 1e-5, "h[" + b + "," + t + "," + j + "]");
                }
                hp = hn;
            }
        }
    }

    @Test
    void largerShapesAgreeWithBatchOneRunsAndCheckGradients() {
        // Big enough that the per-step products (strided rows of [batch, time, 4 hidden]) may take the BLAS path;
        // every batch row must equal the same sequence run alone at batch 1.
        SplittableRandom rng = new SplittableRandom(65);
        int batch = 48;
        int time = 7;
        int in = 96;
        int h = 128;
        Lstm big = new Lstm(in, h, Init.XAVIER_UNIFORM, rng);
        Tensor x = random(rng, batch, time, in);
        Tensor y = big.forward(x, false).copy();
        Tensor g = random(rng, batch, time, h);
        Tensor dx = big.backward(g).copy();
        for (int b : new int[] {0, 17, batch - 1}) {
            Tensor xb = Tensor.of(java.util.Arrays.copyOfRange(x.toArray(), b * time * in, (b + 1) * time * in), 1, time, in);
            Tensor gb = Tensor.of(java.util.Arrays.copyOfRange(g.toArray(), b * time * h, (b + 1) * time * h), 1, time, h);
            float[] yb = big.forward(xb, false).toArray();
            float[] dxb = big.backward(gb).toArray();
            for (int i = 0; i < yb.length; i++) {
                assertEquals(yb[i], y.get(b * time * h + i), 1e-5, "row " + b + " output " + i);
            }
            for (int i = 0; i < dxb.length; i++) {
                assertEquals(dxb[i], dx.get(b * time * in + i), 1e-4, "row " + b + " input gradient " + i);
            }
        }
        // Mid-sized checks. Float32 finite differences get noisy as outputs and time steps grow (the rounding noise of
        // the summed objective over 2 eps, and the curvature through many tanh steps); these shapes stay below half the
        // tolerance over 8 seeds, longer ones (e.g. 9 steps of a 24-unit tanh RNN) reach 1e-2 from truncation alone.
        for (int[] s : new int[][] {{6, 4, 24, 32}, {3, 4, 12, 16}}) {
            Tensor xs = random(rng, s[0], s[1], s[2]);
            GradientCheck.check(new Gru(s[2], s[3], Init.XAVIER_UNIFORM, rng), xs, rng).assertBelow(1e-2);
            GradientCheck.check(new Lstm(s[2], s[3], Init.XAVIER_UNIFORM, rng), xs, rng).assertBelow(1e-2);
            GradientCheck.check(new Rnn(s[2], s[3], Init.XAVIER_UNIFORM, rng), xs, rng).assertBelow(1e-2);
        }
    }

    @Test
    void rnnReproducesHintonsQuiz() {
        // Seed notes MISC-6 / H24: one input, one logistic hidden unit, one linear output unit (y = 0.25 h);
        // W_xh = -0.1, W_hh = 0.5, h_bias = 0.4; x = 18, 9, -8 gives h = 0.2, 0.4, 0.8 and y = 0.05, 0.1, 0.2.
        Rnn rnn = new Rnn(1, 1, Activation.Kind.SIGMOID, Init.ZEROS, new SplittableRandom(0));
        rnn.params().get(0).value().set(0, -0.1f);
        rnn.params().get(1).value().set(0, 0.5f);
        rnn.params().get(2).value().set(0, 0.4f);
        Tensor h = rnn.forward(Tensor.of(new float[] {18, 9, -8}, 1, 3, 1), true);
        assertArrayEquals(new float[] {0.19782f, 0.40105f, 0.80227f}, h.toArray(), 1e-5f);
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.8f}, h.toArray(), 0.005f);
        float[] t = {0.1f, -0.1f, -0.2f};
        float[] dh = new float[3];
        for (int i = 0; i < 3; i++) {
            float y = 0.25f * h.get(i);
            assertEquals(new float[] {0.05f, 0.1f, 0.2f}[i], y, 0.0015f);
            dh[i] = (y - t[i]) * 0.25f; // E = sum 0.5 (y - t)^2
        }
        Tensor dx = rnn.backward(Tensor.of(dh, 1, 3, 1));
        double dEdz1 = dx.get(1) / -0.1; // dE/dx_1 = dE/dz_1 * W_xh
        assertEquals(0.013934, dEdz1, 1e-5, "dE/dz1 (seed notes: 0.0139)");
    }

    @Test
    void badShapesAreRejectedWithBothShapes() {
        SplittableRandom rng = new SplittableRandom(100);
        Lstm lstm = new Lstm(3, 4, Init.XAVIER_UNIFORM, rng);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Tensor.zeros(2, 5, 2), false));
        assertTrue(e.getMessage().contains("[batch, time, 3]") && e.getMessage().contains("[2, 5, 2]"), e.getMessage());
        lstm.forward(Tensor.zeros(2, 5, 3), true);
        e = assertThrows(IllegalArgumentException.class, () -> lstm.backward(Tensor.zeros(2, 5, 3)));
        assertTrue(e.getMessage().contains("[2, 5, 4]") && e.getMessage().contains("[2, 5, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gru(3, 4, Init.XAVIER_UNIFORM, rng).forward(Tensor.zeros(2, 3), false));
        assertThrows(IllegalArgumentException.class, () -> new Rnn(3, 4, Init.XAVIER_UNIFORM, rng)
                .setInitialState(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new Rnn(3, 4, Activation.Kind.ELU, Init.XAVIER_UNIFORM, rng));
    }

    @Test
    void recurrentWeightsStartOrthogonalPerGate() {
        Lstm lstm = new Lstm(3, 6, Init.XAVIER_UNIFORM, new SplittableRandom(110));
        Tensor w = lstm.params().get(1).value();
        for (int gate = 0; gate < 4; gate++) {
            for (int a = 0; a < 6; a++) {
                for (int c = 0; c < 6; c++) {
                    double s = 0;
                    for (int r = 0; r < 6; r++) {
                        s += (double) w.at(r, gate * 6 + a) * w.at(r, gate * 6 + c);
                    }
                    assertEquals(a == c ? 1.0 : 0.0, s, 1e-5);
                }
            }
        }
        Lstm withForgetBias = new Lstm(3, 6, Init.XAVIER_UNIFORM, 1.0, new SplittableRandom(110));
        Tensor bias = withForgetBias.params().get(2).value();
        for (int j = 0; j < 24; j++) {
            assertEquals(j >= 6 && j < 12 ? 1f : 0f, bias.get(j));
        }
    }

    @Test
    void lstmForwardBackwardAllocatesNothingAfterWarmUp() {
        SplittableRandom rng = new SplittableRandom(120);
        Lstm lstm = new Lstm(8, 16, Init.XAVIER_UNIFORM, rng);
        Tensor x = random(rng, 4, 6, 8);
        Tensor g = random(rng, 4, 6, 16);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2000; i++) {
            lstm.forward(x, true);
            lstm.backward(g);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            lstm.forward(x, true);
            lstm.backward(g);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "100 forward+backward calls allocated " + allocated + " bytes");
    }
}
