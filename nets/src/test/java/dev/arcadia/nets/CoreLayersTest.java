package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.layers.Softmax;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CoreLayersTest {

    static Tensor random(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextDouble() * 2 - 1));
        }
        return t;
    }

    @Test
    void denseGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {1, 4, 3}, {5, 7, 2}, {16, 33, 9}, {64, 4, 64}};
        for (int[] s : shapes) {
            Dense d = new Dense(s[1], s[2], Init.XAVIER_UNIFORM, rng);
            GradientCheck.check(d, random(rng, s[0], s[1]), rng).assertBelow(1e-2);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.Kind.class)
    void activationGradientsMatchFiniteDifferences(Activation.Kind kind) {
        SplittableRandom rng = new SplittableRandom(2);
        Tensor x = random(rng, 6, 11);
        for (int i = 0; i < x.size(); i++) { // keep away from the kinks of relu-like functions
            if (Math.abs(x.get(i)) < 0.05f) {
                x.set(i, 0.3f);
            }
        }
        GradientCheck.check(new Activation(kind, kind == Activation.Kind.ELU ? 1.0 : 0.1), x, rng).assertBelow(1e-2);
    }

    @Test
    void softmaxRowsSumToOneAndGradientsMatch() {
        SplittableRandom rng = new SplittableRandom(3);
        Softmax s = new Softmax();
        Tensor x = random(rng, 4, 5);
        Tensor y = s.forward(x, false);
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int c = 0; c < 5; c++) {
                sum += y.at(r, c);
            }
            assertEquals(1.0, sum, 1e-6);
        }
        Tensor big = Tensor.of(new float[] {1000f, 1001f}, 1, 2);
        assertEquals(1 / (1 + Math.E), s.forward(big, false).get(0), 1e-6, "stable for large logits");
        GradientCheck.check(new Softmax(), random(rng, 3, 7), rng).assertBelow(1e-2);
    }

    @Test
    void networkComposesAndChecks() {
        SplittableRandom rng = new SplittableRandom(4);
        Network net = new Network(new Dense(5, 8, Init.HE_NORMAL, rng), Activation.tanh(), new Dense(8, 3, Init.XAVIER_NORMAL, rng));
        assertEquals(4, net.params().size());
        assertEquals("0.weight", net.params().get(0).name());
        assertEquals(5 * 8 + 8 + 8 * 3 + 3, net.parameters().count());
        GradientCheck.check(net, random(rng, 4, 5), rng).assertBelow(1e-2);
    }

    @Test
    void backwardParametersGivesTheSameParameterGradients() {
        SplittableRandom rng = new SplittableRandom(6);
        Network net = new Network(new Dense(5, 8, Init.HE_NORMAL, rng), Activation.relu(), new Dense(8, 3, Init.XAVIER_NORMAL, rng));
        Tensor x = random(rng, 4, 5);
        Tensor g = random(rng, 4, 3);
        net.parameters().zeroGrad();
        net.forward(x, true);
        net.backward(g);
        float[][] full = net.params().stream().map(p -> p.grad().toArray()).toArray(float[][]::new);
        net.parameters().zeroGrad();
        net.forward(x, true);
        net.backwardParameters(g);
        for (int i = 0; i < full.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(full[i], net.params().get(i).grad().toArray());
        }
    }

    @Test
    void gradientCheckCatchesAWrongBackward() {
        Layer wrong = new Layer() {
            private final Activation inner = Activation.tanh();

            @Override
            public Tensor forward(Tensor input, boolean training) {
                return inner.forward(input, training);
            }

            @Override
            public Tensor backward(Tensor g) {
                return g; // forgets the tanh derivative
            }
        };
        SplittableRandom rng = new SplittableRandom(5);
        assertThrows(AssertionError.class, () -> GradientCheck.check(wrong, random(rng, 3, 4), rng).assertBelow(1e-2));
    }

    @Test
    void badShapesAreRejectedWithActualAndExpected() {
        Dense d = new Dense(4, 2, Init.XAVIER_UNIFORM, new SplittableRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.zeros(3, 5), false));
        assertEquals("Dense(4 -> 2) needs input [batch, 4], got [3, 5]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertEquals(6, Tensor.zeros(2, 3).reshape(-1).size());
    }

    @Test
    void orthogonalInitGivesOrthonormalRows() {
        Tensor w = Tensor.zeros(4, 9);
        Init.orthogonal(w, 4, 9, 1.0, new Random(1));
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double dot = 0;
                for (int j = 0; j < 9; j++) {
                    dot += w.at(a, j) * w.at(b, j);
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5);
            }
        }
        Tensor tall = Tensor.zeros(9, 4);
        Init.orthogonal(tall, 9, 4, 1.0, new Random(2));
        double col = 0;
        for (int i = 0; i < 9; i++) {
            col += tall.at(i, 0) * tall.at(i, 0);
        }
        assertEquals(1.0, col, 1e-5);
        Tensor he = Tensor.zeros(200, 200);
        Init.HE_NORMAL.fill(he, 200, 200, new Random(3));
        double var = 0;
        for (int i = 0; i < he.size(); i++) {
            var += he.get(i) * he.get(i);
        }
        assertTrue(Math.abs(var / he.size() - 2.0 / 200) < 0.001, "He variance " + var / he.size());
    }
}
