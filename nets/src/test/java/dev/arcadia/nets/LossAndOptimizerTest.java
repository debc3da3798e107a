package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arcadia.nets.loss.BinaryCrossEntropyWithLogits;
import dev.arcadia.nets.loss.Huber;
import dev.arcadia.nets.loss.Loss;
import dev.arcadia.nets.loss.Mse;
import dev.arcadia.nets.loss.SoftmaxCrossEntropy;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.RmsProp;
import dev.arcadia.nets.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossAndOptimizerTest {

    /** Central differences of the loss against its backward(), in double, element by element. */
    private static void checkLossGradient(Loss loss, Tensor p, Tensor t) {
        loss.forward(p, t);
        float[] analytic = loss.backward().toArray();
        double eps = 1e-3;
        for (int i = 0; i < p.size(); i++) {
            float v = p.get(i);
            p.set(i, (float) (v + eps));
            double plus = loss.forward(p, t);
            p.set(i, (float) (v - eps));
            double minus = loss.forward(p, t);
            p.set(i, v);
            assertEquals((plus - minus) / (2 * eps), analytic[i], 2e-3, loss.getClass().getSimpleName() + " element " + i);
        }
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        Tensor p = CoreLayersTest.random(rng, 4, 3);
        Tensor t = CoreLayersTest.random(rng, 4, 3);
        checkLossGradient(new Mse(), p, t);
        checkLossGradient(new Huber(0.5), p, t);
        Tensor probs = Tensor.zeros(4, 3);
        for (int r = 0; r < 4; r++) {
            probs.put(1f, r, r % 3);
        }
        checkLossGradient(new SoftmaxCrossEntropy(), p, probs);
        Tensor bits = Tensor.of(new float[] {1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0}, 4, 3);
        checkLossGradient(new BinaryCrossEntropyWithLogits(), p, bits);
    }

    @Test
    void lossesHaveTheirKnownValues() {
        Tensor p = Tensor.vector(1, 2, 3);
        Tensor t = Tensor.vector(1, 0, 6);
        assertEquals((0 + 4 + 9) / 3.0, new Mse().forward(p, t), 1e-9);
        assertEquals((0 + 1.5 + 2.5) / 3.0, new Huber(1).forward(p, t), 1e-9);
        Tensor logits = Tensor.of(new float[] {0, 0, 0, 0}, 1, 4);
        assertEquals(Math.log(4), new SoftmaxCrossEntropy().forward(logits, new int[] {2}), 1e-9);
        assertEquals(Math.log(2), new BinaryCrossEntropyWithLogits().forward(Tensor.vector(0), Tensor.vector(1)), 1e-9);
        assertEquals(0.0, new BinaryCrossEntropyWithLogits().forward(Tensor.vector(100), Tensor.vector(1)), 1e-9, "stable");
    }

    private static Params single(float... values) {
        Tensor v = Tensor.vector(values);
        return new Params(List.of(new Param("w", v, Tensor.zeros(values.length))));
    }

    private static void grad(Params p, float... g) {
        for (int i = 0; i < g.length; i++) {
            p.list().get(0).grad().set(i, g[i]);
        }
    }

    @Test
    void sgdAndMomentumFollowTheirFormulas() {
        Params p = single(1f, -1f);
        Sgd sgd = new Sgd(p, 0.1);
        grad(p, 2f, -4f);
        sgd.step();
        assertArrayEquals(new float[] {0.8f, -0.6f}, p.list().get(0).value().toArray(), 1e-7f);

        Params q = single(0f);
        Sgd momentum = new Sgd(q, 0.1, 0.9, false);
        grad(q, 1f);
        momentum.step(); // v = 1, w = -0.1
        momentum.step(); // v = 1.9, w = -0.29
        assertEquals(-0.29f, q.list().get(0).value().get(0), 1e-6f);

        Params n = single(0f);
        Sgd nesterov = new Sgd(n, 0.1, 0.9, true);
        grad(n, 1f);
        nesterov.step(); // v = 1, w -= 0.1 (1 + 0.9) = -0.19
        assertEquals(-0.19f, n.list().get(0).value().get(0), 1e-6f);
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        Params p = single(0f, 0f);
        Adam adam = new Adam(p, 0.01);
        grad(p, 3f, -0.001f);
        adam.step();
        assertArrayEquals(new float[] {-0.01f, 0.01f}, p.list().get(0).value().toArray(), 1e-5f);
        adam.step(); // same gradient again: still lr per step
        assertArrayEquals(new float[] {-0.02f, 0.02f}, p.list().get(0).value().toArray(), 1e-5f);
        assertEquals(2 * 2, adam.state().count(), "m and v per value");
    }

    @Test
    void rmsPropAndCentredRmsPropFollowTheirFormulas() {
        Params p = single(0f);
        RmsProp rms = new RmsProp(p, 0.01, 0.9, 1e-8, 0, false);
        grad(p, 2f);
        rms.step(); // s = 0.1 * 4 = 0.4; w = -0.01 * 2 / sqrt(0.4)
        assertEquals(-0.01 * 2 / Math.sqrt(0.4), p.list().get(0).value().get(0), 1e-6);

        Params c = single(0f);
        RmsProp centred = new RmsProp(c, 0.01, 0.9, 1e-8, 0, true);
        grad(c, 2f);
        centred.step(); // s = 0.4, m = 0.2, var = 0.4 - 0.04 = 0.36; w = -0.01 * 2 / 0.6
        assertEquals(-0.01 * 2 / 0.6, c.list().get(0).value().get(0), 1e-6);
    }

    @Test
    void clippingScalesToTheMaximumNorm() {
        Params p = single(0f, 0f);
        grad(p, 3f, 4f);
        assertEquals(5.0, p.clipGradNorm(1.0), 1e-9);
        assertEquals(1.0, p.gradNorm(), 1e-6);
        assertArrayEquals(new float[] {0.6f, 0.8f}, p.list().get(0).grad().toArray(), 1e-6f);
    }
}
