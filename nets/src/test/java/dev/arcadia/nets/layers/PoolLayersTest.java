package dev.arcadia.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.nets.GradientCheck;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Max and average pooling and flatten: finite-difference gradient checks with the default float options (these
 * layers do at most a few additions per element, so the objective's rounding is small), hand examples; and the
 * zero-allocation check of the other layers of this family.
 */
class PoolLayersTest {

    private static final double TOLERANCE = 1e-2;

    /** A random input whose values are at least 0.1 apart, so a 1e-2 perturbation never changes a window's argmax. */
    static Tensor distinct(RandomGenerator rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int n = t.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (int i = 0; i < n; i++) {
            t.set(i, 0.1f * (perm[i] - n / 2));
        }
        return t;
    }

    @Test
    void poolingPassesGradientCheckOnRandomShapes() {
        RandomGenerator rng = new SplittableRandom(9);
        // batch, channels, h, w, kernel, stride
        int[][] shapes = {{1, 1, 4, 4, 2, 2}, {2, 3, 5, 7, 2, 2}, {3, 2, 7, 5, 3, 2}, {2, 2, 6, 6, 3, 1}, {1, 4, 5, 5, 3, 3}};
        for (int[] s : shapes) {
            Tensor distinct = distinct(rng, s[0], s[1], s[2], s[3]);
            GradientCheck.check(new MaxPool2d(s[4], s[5]), distinct, rng).assertBelow(TOLERANCE);
            Tensor x = ConvLayersTest.random(rng, s[0], s[1], s[2], s[3]);
            GradientCheck.check(new AvgPool2d(s[4], s[5]), x, rng).assertBelow(TOLERANCE);
        }
    }

    @Test
    void poolingHandExample() {
        Tensor x = Tensor.of(new float[] {
            1, 2, 5, 0,
            3, 4, 1, 1,
            0, -1, 8, 6,
            -2, -3, 7, 9}, 1, 1, 4, 4);
        MaxPool2d max = new MaxPool2d(2);
        Tensor y = max.forward(x, true);
        assertArrayEquals(new float[] {4, 5, 0, 9}, y.toArray());
        Tensor dx = max.backward(Tensor.of(new float[] {10, 20, 30, 40}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {0, 0, 20, 0, 0, 10, 0, 0, 30, 0, 0, 0, 0, 0, 0, 40}, dx.toArray());

        AvgPool2d avg = new AvgPool2d(2);
        assertArrayEquals(new float[] {2.5f, 1.75f, -1.5f, 7.5f}, avg.forward(x, true).toArray());
        Tensor da = avg.backward(Tensor.of(new float[] {4, 8, 12, 16}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, da.toArray());

        // Overlapping windows (kernel 3, stride 1): the shared maximum 8 receives every window's gradient.
        MaxPool2d overlap = new MaxPool2d(3, 1);
        Tensor yo = overlap.forward(x, true);
        assertArrayEquals(new float[] {8, 8, 8, 9}, yo.toArray());
        Tensor dxo = overlap.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertEquals(6f, dxo.at(0, 0, 2, 2));
        assertEquals(4f, dxo.at(0, 0, 3, 3));
        // Floor output size, as PyTorch: 5x5 with kernel 2, stride 2 gives 2x2.
        assertArrayEquals(new int[] {2, 3, 2, 2}, new MaxPool2d(2).forward(Tensor.zeros(2, 3, 5, 5), false).shape());
    }

    @Test
    void flattenReshapesBothWaysAndPassesGradientCheck() {
        RandomGenerator rng = new SplittableRandom(10);
        Flatten flatten = new Flatten();
        Tensor x = ConvLayersTest.random(rng, 3, 2, 4, 5);
        Tensor y = flatten.forward(x, true);
        assertArrayEquals(new int[] {3, 40}, y.shape());
        assertEquals(x.at(1, 1, 2, 3), y.at(1, 20 + 2 * 5 + 3));
        Tensor g = ConvLayersTest.random(rng, 3, 40);
        Tensor dx = flatten.backward(g);
        assertArrayEquals(x.shape(), dx.shape());
        assertEquals(g.at(2, 37), dx.at(2, 1, 3, 2));
        assertSame(y, flatten.forward(x, true), "the view is reused");
        GradientCheck.check(flatten, x, rng).assertBelow(TOLERANCE);
        GradientCheck.check(new Flatten(), ConvLayersTest.random(rng, 1, 7), rng).assertBelow(TOLERANCE);
        assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(4), true));
    }

    /** The other layers of this family also allocate nothing per forward+backward at a fixed shape. */
    @Test
    void layersAllocateNothingAfterWarmUp() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        RandomGenerator rng = new SplittableRandom(11);
        Tensor x = ConvLayersTest.random(rng, 4, 3, 8, 8);
        Layer[] layers = {
            new ConvTranspose2d(3, 2, 3, 3, 2, 1, 1, Init.HE_NORMAL, rng), new MaxPool2d(2), new AvgPool2d(3, 1),
            new Flatten(), new BatchNorm(3), new Dropout(0.5, 1L),
        };
        long tid = Thread.currentThread().getId();
        for (Layer layer : layers) {
            Tensor g = ConvLayersTest.random(rng, layer.forward(x, true).shape());
            long allocated = 0;
            for (int round = 0; round < 3; round++) { // the first rounds warm up the JIT
                long before = threads.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 100; i++) {
                    layer.forward(x, true);
                    layer.backward(g);
                }
                allocated = threads.getThreadAllocatedBytes(tid) - before;
            }
            assertTrue(allocated < 10_000, layer + ": 100 forward+backward calls allocated " + allocated + " bytes");
        }
    }
}
