package dev.arcadia.nets.layers;

import static dev.arcadia.nets.layers.RecurrentLayersTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.GradientCheck;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttentionTest {

    /** {batch, tq, tk, d (queries and keys), dv}. */
    private static final int[][] SHAPES = {{1, 1, 1, 2, 3}, {1, 3, 4, 2, 2}, {2, 1, 5, 3, 1}, {3, 4, 2, 4, 3}, {2, 5, 5, 3, 4}};

    private static Attention make(int kind, int dq, int dk, SplittableRandom rng) {
        return switch (kind) {
            case 0 -> Attention.dot(false);
            case 1 -> Attention.dot(true);
            default -> Attention.additive(dq, dk, 5, Init.XAVIER_UNIFORM, rng);
        };
    }

    @Test
    void selfAttentionGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int kind = 0; kind < 3; kind++) {
            for (int[] s : SHAPES) {
                Attention a = make(kind, s[3], s[3], rng);
                GradientCheck.check(a, random(rng, s[0], s[1], s[3]), rng).assertBelow(1e-2);
            }
        }
    }

    @Test
    void threeInputGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int kind = 0; kind < 3; kind++) {
            for (int[] s : SHAPES) {
                int dk = kind == 2 ? s[3] + 1 : s[3]; // additive attention allows different query and key sizes
                Attention a = make(kind, s[3], dk, rng);
                Tensor q = random(rng, s[0], s[1], s[3]);
                Tensor k = random(rng, s[0], s[2], dk);
                Tensor v = random(rng, s[0], s[2], s[4]);
                Tensor r = random(rng, s[0], s[1], s[4]);
                a.forward(q, k, v, true);
                for (Param p : a.params()) {
                    p.grad().fill(0f);
                }
                Tensor returned = a.backward(r);
                assertSame(a.queriesGrad(), returned, "the three-input backward returns the queries' gradient");
                List<Tensor> values = new ArrayList<>(List.of(q, k, v));
                List<Tensor> grads = new ArrayList<>(List.of(a.queriesGrad().copy(), a.keysGrad().copy(),
                        a.valuesGrad().copy()));
                for (Param p : a.params()) {
                    values.add(p.value());
                    grads.add(p.grad().copy());
                }
                for (int t = 0; t < values.size(); t++) {
                    Tensor x = values.get(t);
                    for (int i = 0; i < x.size(); i++) {
                        float orig = x.get(i);
                        double eps = 1e-2;
                        x.set(i, (float) (orig + eps));
                        double plus = RecurrentLayersTest.dot(r, a.forward(q, k, v, true));
                        x.set(i, (float) (orig - eps));
                        double minus = RecurrentLayersTest.dot(r, a.forward(q, k, v, true));
                        x.set(i, orig);
                        double numeric = (plus - minus) / (2 * eps);
                        double analytic = grads.get(t).get(i);
                        double err = Math.abs(numeric - analytic)
                                / Math.max(1e-2, Math.max(Math.abs(numeric), Math.abs(analytic)));
                        assertTrue(err < 1e-2, a + " " + java.util.Arrays.toString(s) + " tensor " + t + "[" + i
                                + "]: analytic " + analytic + ", numeric " + numeric);
                    }
                }
            }
        }
    }

    @Test
    void dotProductAttentionMatchesAHandComputation() {
        // One query [1, 0] over keys [1, 0] and [0, 1]: scores 1 and 0, weights e/(1+e) and 1/(1+e).
        Tensor q = Tensor.of(new float[] {1, 0}, 1, 1, 2);
        Tensor k = Tensor.of(new float[] {1, 0, 0, 1}, 1, 2, 2);
        Tensor v = Tensor.of(new float[] {10, 0, 0, 20}, 1, 2, 2);
        Attention a = Attention.dot(false);
        Tensor c = a.forward(q, k, v, false);
        double w0 = Math.E / (1 + Math.E);
        assertArrayEquals(new float[] {(float) w0, (float) (1 - w0)}, a.weights().toArray(), 1e-6f);
        assertArrayEquals(new float[] {(float) (10 * w0), (float) (20 * (1 - w0))}, c.toArray(), 1e-5f);
        Attention scaled = Attention.dot(true);
        scaled.forward(q, k, v, false);
        double s0 = Math.exp(1 / Math.sqrt(2)) / (1 + Math.exp(1 / Math.sqrt(2)));
        assertEquals(s0, scaled.weights().get(0), 1e-6, "scores divided by sqrt(d)");
    }

    @Test
    void additiveAttentionMatchesADoublePrecisionRecomputation() {
        SplittableRandom rng = new SplittableRandom(3);
        int batch = 2;
        int tq = 3;
        int tk = 4;
        int dq = 3;
        int dk = 2;
        int da = 5;
        int dv = 2;
        Attention a = Attention.additive(dq, dk, da, Init.XAVIER_UNIFORM, rng);
        Tensor q = random(rng, batch, tq, dq);
        Tensor k = random(rng, batch, tk, dk);
        Tensor v = random(rng, batch, tk, dv);
        Tensor c = a.forward(q, k, v, false);
        Tensor wq = a.params().get(0).value();
        Tensor wk = a.params().get(1).value();
        Tensor sv = a.params().get(2).value();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tq; i++) {
                double[] e = new double[tk];
                double sum = 0;
                for (int j = 0; j < tk; j++) {
                    double s = 0;
                    for (int m = 0; m < da; m++) {
                        double u = 0;
                        for (int n = 0; n < dq; n++) {
                            u += q.at(b, i, n) * wq.at(n, m);
                        }
                        for (int n = 0; n < dk; n++) {
                            u += k.at(b, j, n) * wk.at(n, m);
                        }
                        s += sv.get(m) * Math.tanh(u);
                    }
                    e[j] = Math.exp(s);
                    sum += e[j];
                }
                for (int o = 0; o < dv; o++) {
                    double ctx = 0;
                    for (int j = 0; j < tk; j++) {
                        assertEquals(e[j] / sum, a.weights().at(b, i, j), 1e-6);
                        ctx += e[j] / sum * v.at(b, j, o);
                    }
                    assertEquals(ctx, c.at(b, i, o), 1e-5);
                }
            }
        }
    }

    @Test
    void selfAttentionBackwardIsTheSumOfTheThreeGradientsAndComposes() {
        SplittableRandom rng = new SplittableRandom(4);
        Attention a = Attention.additive(4, 4, 3, Init.XAVIER_UNIFORM, rng);
        Tensor x = random(rng, 2, 3, 4);
        a.forward(x, true);
        Tensor g = random(rng, 2, 3, 4);
        Tensor dx = a.backward(g);
        for (int i = 0; i < dx.size(); i++) {
            assertEquals(a.queriesGrad().get(i) + a.keysGrad().get(i) + a.valuesGrad().get(i), dx.get(i), 1e-6);
        }
        Network net = new Network(new Lstm(2, 4, Init.XAVIER_UNIFORM, rng), Attention.dot(true),
                Bidirectional.lastTimeStep());
        GradientCheck.check(net, random(rng, 2, 5, 2), rng).assertBelow(1e-2);
    }

    @Test
    void mismatchedShapesAreRejected() {
        SplittableRandom rng = new SplittableRandom(5);
        Attention dot = Attention.dot(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dot.forward(Tensor.zeros(1, 2, 3), Tensor.zeros(1, 4, 2), Tensor.zeros(1, 4, 5), false));
        assertTrue(e.getMessage().contains("[1, 2, 3]") && e.getMessage().contains("[1, 4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> dot.forward(Tensor.zeros(1, 2, 3), Tensor.zeros(1, 4, 3), Tensor.zeros(1, 3, 5), false));
        Attention add = Attention.additive(3, 2, 4, Init.XAVIER_UNIFORM, rng);
        assertThrows(IllegalArgumentException.class,
                () -> add.forward(Tensor.zeros(1, 2, 2), Tensor.zeros(1, 4, 3), Tensor.zeros(1, 4, 5), false));
        assertEquals(3, add.params().size());
        assertEquals(0, dot.params().size());
    }
}
