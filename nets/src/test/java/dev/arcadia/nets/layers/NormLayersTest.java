package dev.arcadia.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.GradientCheck;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** BatchNorm and Dropout: gradient checks, exact values of the statistics and masks, train versus eval. */
class NormLayersTest {

    private static final double TOLERANCE = 1e-2;

    private static void randomizeAffine(BatchNorm bn, RandomGenerator rng) {
        for (Param p : bn.params()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, (float) (rng.nextGaussian() * 0.5 + (p.name().equals("gamma") ? 1 : 0)));
            }
        }
    }

    /**
     * Training mode: the output depends on the whole batch through its mean and variance, and the check covers that
     * full gradient, with the default float options (epsilon 1e-2). At least 5 values per feature: with m = 2 values
     * the normalised output is +-1 up to eps and its derivative (of order eps / |x1 - x2|^3) is too curved for a 1e-2
     * step, and m = 3 occasionally too; those small batches are covered by the double-precision reference below.
     * Inputs have standard deviation 2 so that the step is small next to the batch spread. Measured over 200 seeds of
     * these shapes the worst error was 8.7e-3 (float rounding of the objective, at gradients below the 1e-2 floor);
     * the layer is plain Java with strict float semantics, so this seed's result is reproducible.
     */
    @Test
    void batchNormTrainingModePassesGradientCheck() {
        RandomGenerator rng = new SplittableRandom(1);
        int[][] shapes = {{5, 5}, {6, 2}, {7, 1}, {4, 3}, {2, 3, 2, 2}, {1, 2, 3, 3}, {3, 4, 5, 3}, {2, 1, 1, 3}};
        for (int[] shape : shapes) {
            BatchNorm bn = new BatchNorm(shape[1]);
            randomizeAffine(bn, rng);
            Tensor x = ConvLayersTest.random(rng, shape);
            for (int i = 0; i < x.size(); i++) {
                x.set(i, 2 * x.get(i));
            }
            GradientCheck.check(bn, x, rng).assertBelow(TOLERANCE);
        }
    }

    /** {@code sum r y} for batch norm in training mode, all in double (the definition, two passes). */
    private static double referenceObjective(double[] x, int batch, int features, int inner, double[] gamma,
            double[] beta, double eps, double[] r) {
        int m = batch * inner;
        double total = 0;
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < inner; i++) {
                    mean += x[(n * features + f) * inner + i];
                }
            }
            mean /= m;
            double var = 0;
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < inner; i++) {
                    double d = x[(n * features + f) * inner + i] - mean;
                    var += d * d;
                }
            }
            var /= m;
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < inner; i++) {
                    int at = (n * features + f) * inner + i;
                    total += r[at] * (gamma[f] * (x[at] - mean) / Math.sqrt(var + eps) + beta[f]);
                }
            }
        }
        return total;
    }

    /**
     * The analytic training-mode gradients against central differences (step 1e-6) of a double-precision reference
     * forward pass, including the small batches (2 and 3 values per feature) that float finite differences cannot
     * resolve. Relative error with a 1e-3 floor, tolerance 1e-3 (the analytic side is float).
     */
    @Test
    void batchNormTrainingGradientMatchesDoubleReference() {
        RandomGenerator rng = new SplittableRandom(6);
        int[][] shapes = {{2, 5}, {3, 4}, {8, 3}, {2, 2, 1, 1}, {1, 3, 1, 3}, {2, 3, 4, 3}};
        for (int[] shape : shapes) {
            int batch = shape[0], features = shape[1], inner = shape.length == 4 ? shape[2] * shape[3] : 1;
            BatchNorm bn = new BatchNorm(features);
            randomizeAffine(bn, rng);
            Tensor x = ConvLayersTest.random(rng, shape);
            Tensor r = ConvLayersTest.random(rng, shape);
            bn.forward(x, true);
            Tensor dx = bn.backward(r).copy();
            double[] xd = new double[x.size()], rd = new double[x.size()];
            double[] gamma = new double[features], beta = new double[features];
            for (int i = 0; i < x.size(); i++) {
                xd[i] = x.get(i);
                rd[i] = r.get(i);
            }
            for (int f = 0; f < features; f++) {
                gamma[f] = bn.params().get(0).value().get(f);
                beta[f] = bn.params().get(1).value().get(f);
            }
            double h = 1e-6;
            for (int i = 0; i < xd.length; i++) {
                double keep = xd[i];
                xd[i] = keep + h;
                double plus = referenceObjective(xd, batch, features, inner, gamma, beta, 1e-5, rd);
                xd[i] = keep - h;
                double minus = referenceObjective(xd, batch, features, inner, gamma, beta, 1e-5, rd);
                xd[i] = keep;
                double numeric = (plus - minus) / (2 * h);
                double error = Math.abs(dx.get(i) - numeric) / Math.max(1e-3, Math.abs(numeric));
                assertTrue(error < 1e-3, java.util.Arrays.toString(shape) + " input " + i + ": analytic " + dx.get(i)
                        + ", reference " + numeric);
            }
            for (int p = 0; p < 2; p++) {
                double[] v = p == 0 ? gamma : beta;
                for (int f = 0; f < features; f++) {
                    double keep = v[f];
                    v[f] = keep + h;
                    double plus = referenceObjective(xd, batch, features, inner, gamma, beta, 1e-5, rd);
                    v[f] = keep - h;
                    double minus = referenceObjective(xd, batch, features, inner, gamma, beta, 1e-5, rd);
                    v[f] = keep;
                    double numeric = (plus - minus) / (2 * h);
                    double analytic = bn.params().get(p).grad().get(f);
                    assertEquals(numeric, analytic, 1e-4 * Math.max(1, Math.abs(numeric)),
                            java.util.Arrays.toString(shape) + " " + bn.params().get(p).name() + "[" + f + "]");
                }
            }
        }
    }

    @Test
    void batchNormEvalModePassesGradientCheck() {
        RandomGenerator rng = new SplittableRandom(2);
        BatchNorm bn = new BatchNorm(3);
        randomizeAffine(bn, rng);
        bn.forward(ConvLayersTest.random(rng, 8, 3, 2, 2), true); // non-trivial running statistics
        GradientCheck.Options eval = new GradientCheck.Options();
        eval.training = false;
        GradientCheck.check(bn, ConvLayersTest.random(rng, 1, 3, 4, 2), rng, eval).assertBelow(TOLERANCE);
        GradientCheck.check(bn, ConvLayersTest.random(rng, 3, 3), rng, eval).assertBelow(TOLERANCE);
    }

    /**
     * Hand example, 2-d [[1, 2], [3, 6]]: feature 0 has mean 2, biased variance 1 (unbiased 2); feature 1 has mean 4,
     * biased variance 4 (unbiased 8). With momentum 0.1 from (mean 0, var 1): running mean (0.2, 0.4), running variance
     * 0.9 + 0.1 * 2 = 1.1 and 0.9 + 0.1 * 8 = 1.7 (PyTorch's convention).
     */
    @Test
    void batchNormStatisticsTrainVersusEval() {
        BatchNorm bn = new BatchNorm(2, 0.1, 1e-5);
        Tensor gamma = bn.params().get(0).value();
        Tensor beta = bn.params().get(1).value();
        gamma.set(0, 2f);
        gamma.set(1, 0.5f);
        beta.set(0, 1f);
        beta.set(1, -1f);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 6}, 2, 2);
        Tensor y = bn.forward(x, true);
        double s0 = Math.sqrt(1 + 1e-5), s1 = Math.sqrt(4 + 1e-5);
        double[] expected = {2 * (-1 / s0) + 1, 0.5 * (-2 / s1) - 1, 2 * (1 / s0) + 1, 0.5 * (2 / s1) - 1};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], y.get(i), 1e-6);
        }
        Tensor runningMean = bn.buffers().get(0).value();
        Tensor runningVar = bn.buffers().get(1).value();
        assertEquals("running_mean", bn.buffers().get(0).name());
        assertEquals("running_var", bn.buffers().get(1).name());
        assertArrayEquals(new float[] {0.2f, 0.4f}, runningMean.toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.1f, 1.7f}, runningVar.toArray(), 1e-6f);

        // A second step: running = 0.9 running + 0.1 batch again.
        bn.forward(x, true);
        assertArrayEquals(new float[] {0.38f, 0.76f}, runningMean.toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.19f, 2.33f}, runningVar.toArray(), 1e-6f);

        // Eval mode: running statistics, and they are not updated.
        Tensor e = bn.forward(x, false);
        double[] mean = {0.38, 0.76}, var = {1.19, 2.33}, g = {2, 0.5}, b = {1, -1};
        for (int i = 0; i < 4; i++) {
            int f = i % 2;
            assertEquals(g[f] * (x.get(i) - mean[f]) / Math.sqrt(var[f] + 1e-5) + b[f], e.get(i), 1e-5);
        }
        assertArrayEquals(new float[] {0.38f, 0.76f}, runningMean.toArray(), 1e-6f);

        // Eval backward: the statistics are constants.
        Tensor dx = bn.backward(Tensor.of(new float[] {1, 1, 1, 1}, 2, 2));
        assertEquals(2 / Math.sqrt(1.19 + 1e-5), dx.get(0), 1e-5);
        assertEquals(0.5 / Math.sqrt(2.33 + 1e-5), dx.get(3), 1e-5);
    }

    @Test
    void batchNormNormalisesEachChannelOfImages() {
        RandomGenerator rng = new SplittableRandom(3);
        BatchNorm bn = new BatchNorm(3);
        Tensor x = ConvLayersTest.random(rng, 4, 3, 5, 6);
        for (int i = 0; i < x.size(); i++) {
            int c = (i / 30) % 3;
            x.set(i, x.get(i) * (c + 1) + 10 * c); // channel c: mean 10c, sd c+1
        }
        Tensor y = bn.forward(x, true);
        for (int c = 0; c < 3; c++) {
            double sum = 0, sq = 0;
            double xs = 0, xsq = 0;
            for (int n = 0; n < 4; n++) {
                for (int i = 0; i < 30; i++) {
                    double v = y.at(n, c, i / 6, i % 6);
                    sum += v;
                    sq += v * v;
                    double u = x.at(n, c, i / 6, i % 6);
                    xs += u;
                    xsq += u * u;
                }
            }
            assertEquals(0, sum / 120, 1e-5, "channel " + c + " mean");
            assertEquals(1, sq / 120, 1e-3, "channel " + c + " variance");
            double mu = xs / 120;
            double unbiased = (xsq - 120 * mu * mu) / 119;
            assertEquals(0.1 * mu, bn.buffers().get(0).value().get(c), 1e-4);
            assertEquals(0.9 + 0.1 * unbiased, bn.buffers().get(1).value().get(c), 1e-3);
        }
    }

    @Test
    void batchNormBuffersAreSavedWithTheNetworkAndShapesAreChecked() {
        Network net = new Network(new BatchNorm(4), new Flatten());
        List<Param> buffers = net.parameters().buffers();
        assertEquals(List.of("0.running_mean", "0.running_var"), buffers.stream().map(Param::name).toList());
        assertEquals(List.of("0.gamma", "0.beta"), net.parameters().list().stream().map(Param::name).toList());
        BatchNorm bn = new BatchNorm(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 3), true));
        assertTrue(e.getMessage().contains("[batch, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 4), true));
        assertTrue(e.getMessage().contains("more than one value"), e.getMessage());
        bn.forward(Tensor.zeros(1, 4), false); // one sample is fine in eval mode
    }

    @Test
    void dropoutZeroesWithProbabilityPAndScalesSurvivors() {
        double p = 0.3;
        Dropout dropout = new Dropout(p, 42L);
        Tensor x = Tensor.zeros(100, 100);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, 1 + (i % 7));
        }
        Tensor y = dropout.forward(x, true);
        int zeros = 0;
        for (int i = 0; i < y.size(); i++) {
            if (y.get(i) == 0f) {
                zeros++;
            } else {
                assertEquals(x.get(i) / (1 - p), y.get(i), 1e-5);
            }
        }
        double fraction = zeros / 10_000.0;
        assertEquals(p, fraction, 0.02, "dropped fraction"); // SD of the fraction is 0.0046
        // Backward applies exactly the forward mask.
        Tensor g = ConvLayersTest.random(new SplittableRandom(5), 100, 100);
        Tensor dx = dropout.backward(g);
        Tensor mask = dropout.lastMask();
        for (int i = 0; i < g.size(); i++) {
            assertEquals(g.get(i) * mask.get(i), dx.get(i), 0f);
        }
        // The same seed gives the same masks; a new forward draws a new mask.
        Dropout again = new Dropout(p, 42L);
        assertArrayEquals(y.toArray(), again.forward(x, true).toArray());
        float[] first = y.toArray();
        assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(dropout.forward(x, true).toArray()));
    }

    @Test
    void dropoutIsTheIdentityInEvalMode() {
        Dropout dropout = new Dropout(0.5, new SplittableRandom(1));
        Tensor x = ConvLayersTest.random(new SplittableRandom(2), 3, 4);
        assertSame(x, dropout.forward(x, false));
        Tensor g = ConvLayersTest.random(new SplittableRandom(3), 3, 4);
        assertSame(g, dropout.backward(g));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 1L));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, 1L));
    }

    /** With the mask frozen the layer is a fixed function, so finite differences apply (training mode). */
    @Test
    void dropoutPassesGradientCheckWithAFixedMask() {
        RandomGenerator rng = new SplittableRandom(4);
        int[][] shapes = {{1, 6}, {4, 5}, {2, 3, 4, 4}};
        for (int[] shape : shapes) {
            Dropout dropout = new Dropout(0.4, rng.nextLong());
            dropout.freezeMask(true);
            Tensor x = ConvLayersTest.random(rng, shape);
            GradientCheck.check(dropout, x, rng).assertBelow(TOLERANCE);
            Tensor mask = dropout.lastMask().copy();
            dropout.forward(x, true);
            assertArrayEquals(mask.toArray(), dropout.lastMask().toArray(), "a frozen mask is reused");
        }
    }
}
