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
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Convolution and transposed convolution: finite-difference gradient checks on random shapes
 * (tolerance 1e-2, error floor 1e-2), exact values against direct double-precision references and the seed notes'
 * examples, and a zero-allocation check.
 */
class ConvLayersTest {

    private static final double TOLERANCE = 1e-2;

    /**
     * Options for the convolutions: epsilon 0.1 instead of the default 1e-2. A convolution is exactly linear in each
     * single input, weight or bias element, so central differences have no truncation error at any step; the only
     * error is the float rounding of the objective (sums of up to a few hundred products), divided by the step.
     * Measured over 100 seeds of these shapes: worst error 1.3e-2 with epsilon 1e-2 (gradients below the 1e-2
     * floor), 1.4e-3 with 0.1, so the larger step keeps the 1e-2 tolerance with a 7x margin.
     */
    static GradientCheck.Options convOptions() {
        GradientCheck.Options options = new GradientCheck.Options();
        options.epsilon = 0.1;
        return options;
    }

    static Tensor random(RandomGenerator rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) rng.nextGaussian());
        }
        return t;
    }

    /** Gives the bias random values too (it starts at zero), so the check does not run at a special point. */
    static void randomizeParams(Layer layer, RandomGenerator rng) {
        for (Param p : layer.params()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, (float) rng.nextGaussian() * 0.5f);
            }
        }
    }

    // batch, in, out, h, w, kH, kW, stride, padding
    private static final int[][] CONV_SHAPES = {
        {1, 1, 1, 5, 5, 3, 3, 1, 0},
        {2, 3, 4, 7, 6, 3, 3, 2, 1},
        {3, 2, 3, 5, 7, 2, 2, 1, 1},
        {1, 3, 2, 8, 9, 5, 5, 2, 0},
        {2, 2, 2, 6, 5, 3, 2, 1, 1},
        {2, 4, 3, 4, 4, 1, 1, 1, 0},
        {1, 2, 3, 9, 7, 4, 3, 3, 1},
        {4, 1, 2, 3, 3, 3, 3, 2, 1},
    };

    @Test
    void conv2dPassesGradientCheckOnRandomShapes() {
        RandomGenerator rng = new SplittableRandom(1);
        for (int[] s : CONV_SHAPES) {
            Conv2d conv = new Conv2d(s[1], s[2], s[5], s[6], s[7], s[8], Init.HE_NORMAL, rng);
            randomizeParams(conv, rng);
            Tensor x = random(rng, s[0], s[1], s[3], s[4]);
            GradientCheck.Result r = GradientCheck.check(conv, x, rng, convOptions());
            r.assertBelow(TOLERANCE);
            assertTrue(r.checked() > 0);
        }
    }

    /** Direct convolution in double, the definition itself. */
    static double[] directConv(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        int batch = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int f = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        double[] y = new double[batch * f * oh * ow];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < f; o++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double sum = b.get(o);
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = r * stride - pad + i, iw = q * stride - pad + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        sum += (double) x.at(n, ch, ih, iw) * w.at(o, ch, i, j);
                                    }
                                }
                            }
                        }
                        y[((n * f + o) * oh + r) * ow + q] = sum;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void conv2dMatchesDirectConvolutionInDouble() {
        RandomGenerator rng = new SplittableRandom(2);
        for (int[] s : CONV_SHAPES) {
            Conv2d conv = new Conv2d(s[1], s[2], s[5], s[6], s[7], s[8], Init.XAVIER_UNIFORM, rng);
            randomizeParams(conv, rng);
            Tensor x = random(rng, s[0], s[1], s[3], s[4]);
            Tensor y = conv.forward(x, false);
            double[] expected = directConv(x, conv.params().get(0).value(), conv.params().get(1).value(), s[7], s[8]);
            int oh = (s[3] + 2 * s[8] - s[5]) / s[7] + 1, ow = (s[4] + 2 * s[8] - s[6]) / s[7] + 1;
            assertArrayEquals(new int[] {s[0], s[2], oh, ow}, y.shape());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], y.get(i), 1e-5 * (1 + Math.abs(expected[i])), "element " + i);
            }
        }
    }

    /**
     * Seed notes CNN-1 / H20 (S3:1379-1393): a (1,3,7,7) input, one 5x5 filter, stride 1, pad 0 gives 9 (= 3x3)
     * im2col rows of 75 columns, and in backward the gradient of one input pixel is the sum of the six dcol entries it
     * was copied to, (-0.53)+0.77+0.05+0.03+0.29+(-0.29) = 0.32. The seed gives only those six values, not the data,
     * so this reconstructs the setting: a pixel of 7x7 at row 1, column 2 lies in exactly six 5x5 windows
     * (window rows 0-1, columns 0-2); with an all-ones filter, dcol at that pixel equals the output gradient, and the
     * output gradient puts the six seed values on those windows (zero on the other three).
     */
    @Test
    void seedIm2colExampleSumsTheSixCopiesOfAPixel() {
        Conv2d conv = new Conv2d(3, 1, 5, 1, 0, Init.ZEROS, new SplittableRandom(3));
        conv.params().get(0).value().fill(1f);
        Tensor x = random(new SplittableRandom(4), 1, 3, 7, 7);
        Tensor y = conv.forward(x, true);
        assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape());
        float[] six = {-0.53f, 0.77f, 0.05f, 0.03f, 0.29f, -0.29f};
        Tensor g = Tensor.zeros(1, 1, 3, 3);
        for (int k = 0; k < 6; k++) {
            g.put(six[k], 0, 0, k / 3, k % 3);
        }
        Tensor dx = conv.backward(g);
        for (int c = 0; c < 3; c++) {
            assertEquals(0.32, dx.at(0, c, 1, 2), 1e-6);
        }
        assertEquals(0.77 - 0.53, dx.at(0, 0, 0, 1), 1e-6, "pixel (0,1) lies in windows (0,0) and (0,1) only");
    }

    @Test
    void convTranspose2dPassesGradientCheckOnRandomShapes() {
        RandomGenerator rng = new SplittableRandom(5);
        // batch, in, out, h, w, k, stride, padding, outputPadding
        int[][] shapes = {
            {1, 1, 1, 2, 2, 3, 2, 0, 0},
            {2, 3, 2, 3, 4, 3, 2, 1, 1},
            {3, 2, 3, 4, 3, 4, 2, 1, 0},
            {1, 2, 2, 5, 5, 3, 1, 1, 0},
            {2, 1, 3, 3, 2, 5, 2, 2, 1},
            {2, 3, 1, 2, 3, 2, 3, 0, 2},
        };
        for (int[] s : shapes) {
            ConvTranspose2d deconv = new ConvTranspose2d(s[1], s[2], s[5], s[5], s[6], s[7], s[8], Init.HE_NORMAL, rng);
            randomizeParams(deconv, rng);
            Tensor x = random(rng, s[0], s[1], s[3], s[4]);
            GradientCheck.check(deconv, x, rng, convOptions()).assertBelow(TOLERANCE);
        }
    }

    /**
     * Seed notes CNN-6 / H21 (S3:3257-3290): TensorFlow's {@code conv2d_transpose} of [[1,2],[3,4]] with a 3x3 ones
     * filter, stride 2, padding 'SAME', output shape 4x4 gives [[1,1,3,2],[1,1,3,2],[4,4,10,6],[3,3,7,4]].
     * Mapping to PyTorch semantics: the full transposed convolution (padding 0) is (2-1)*2 + 3 = 5x5; TF 'SAME'
     * needs a total crop of 5 - 4 = 1 and takes it at the bottom and right, so TF's output is the top-left 4x4 of the
     * padding-0 result. PyTorch's padding=1, outputPadding=1 also gives 4x4 but crops the top and left instead (rows
     * and columns 1..4), which is checked too.
     */
    @Test
    void seedTransposedConvolutionExample() {
        ConvTranspose2d deconv = new ConvTranspose2d(1, 1, 3, 2, 0, Init.ZEROS, new SplittableRandom(6));
        deconv.params().get(0).value().fill(1f);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor y = deconv.forward(x, false);
        assertArrayEquals(new int[] {1, 1, 5, 5}, y.shape());
        float[][] full = {
            {1, 1, 3, 2, 2},
            {1, 1, 3, 2, 2},
            {4, 4, 10, 6, 6},
            {3, 3, 7, 4, 4},
            {3, 3, 7, 4, 4},
        };
        float[][] seed = {{1, 1, 3, 2}, {1, 1, 3, 2}, {4, 4, 10, 6}, {3, 3, 7, 4}};
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(full[r][c], y.at(0, 0, r, c), 0f, "(" + r + "," + c + ")");
                if (r < 4 && c < 4) {
                    assertEquals(seed[r][c], y.at(0, 0, r, c), 0f, "seed (" + r + "," + c + ")");
                }
            }
        }
        ConvTranspose2d cropped = new ConvTranspose2d(1, 1, 3, 3, 2, 1, 1, Init.ZEROS, new SplittableRandom(6));
        cropped.params().get(0).value().fill(1f);
        Tensor z = cropped.forward(x, false);
        assertArrayEquals(new int[] {1, 1, 4, 4}, z.shape());
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(full[r + 1][c + 1], z.at(0, 0, r, c), 0f);
            }
        }
    }

    /** Direct scatter definition of the transposed convolution, in double. */
    @Test
    void convTranspose2dMatchesDirectScatterInDouble() {
        RandomGenerator rng = new SplittableRandom(7);
        int batch = 2, in = 3, out = 2, h = 3, w = 4, k = 3, stride = 2, pad = 1, outPad = 1;
        ConvTranspose2d deconv = new ConvTranspose2d(in, out, k, k, stride, pad, outPad, Init.XAVIER_NORMAL, rng);
        randomizeParams(deconv, rng);
        Tensor x = random(rng, batch, in, h, w);
        Tensor y = deconv.forward(x, true);
        int oh = (h - 1) * stride - 2 * pad + k + outPad, ow = (w - 1) * stride - 2 * pad + k + outPad;
        assertArrayEquals(new int[] {batch, out, oh, ow}, y.shape());
        Tensor wt = deconv.params().get(0).value();
        Tensor b = deconv.params().get(1).value();
        double[] expected = new double[batch * out * oh * ow];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < oh * ow; i++) {
                    expected[(n * out + o) * oh * ow + i] = b.get(o);
                }
                for (int c = 0; c < in; c++) {
                    for (int r = 0; r < h; r++) {
                        for (int q = 0; q < w; q++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int yr = r * stride - pad + i, yc = q * stride - pad + j;
                                    if (yr >= 0 && yr < oh && yc >= 0 && yc < ow) {
                                        expected[((n * out + o) * oh + yr) * ow + yc] +=
                                                (double) x.at(n, c, r, q) * wt.at(c, o, i, j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], y.get(i), 1e-5 * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    /** {@code <conv(x), y> = <x, convT(y)>} when both share the weight [f, c, k, k] and have no bias. */
    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        RandomGenerator rng = new SplittableRandom(8);
        Conv2d conv = new Conv2d(3, 4, 3, 2, 1, Init.HE_NORMAL, rng);
        ConvTranspose2d deconv = new ConvTranspose2d(4, 3, 3, 3, 2, 1, 0, Init.ZEROS, rng);
        deconv.params().get(0).value().copyFrom(conv.params().get(0).value());
        Tensor x = random(rng, 2, 3, 7, 7);
        Tensor cx = conv.forward(x, false);
        Tensor y = random(rng, cx.shape());
        Tensor ty = deconv.forward(y, false);
        assertArrayEquals(x.shape(), ty.shape());
        double left = 0, right = 0;
        for (int i = 0; i < cx.size(); i++) {
            left += (double) cx.get(i) * y.get(i);
        }
        for (int i = 0; i < x.size(); i++) {
            right += (double) x.get(i) * ty.get(i);
        }
        assertEquals(left, right, 1e-4 * (1 + Math.abs(left)));
    }

    @Test
    void wrongShapesFailWithActualAndExpectedShapes() {
        RandomGenerator rng = new SplittableRandom(11);
        Conv2d conv = new Conv2d(3, 4, 3, 1, 0, Init.HE_NORMAL, rng);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.zeros(2, 2, 5, 5), true));
        assertTrue(e.getMessage().contains("[batch, 3, height, width]") && e.getMessage().contains("[2, 2, 5, 5]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 3, 2, 5), true));
        assertTrue(e.getMessage().contains("smaller than the kernel"), e.getMessage());
        conv.forward(Tensor.zeros(2, 3, 5, 5), true);
        e = assertThrows(IllegalArgumentException.class, () -> conv.backward(Tensor.zeros(2, 4, 4, 3)));
        assertTrue(e.getMessage().contains("[2, 4, 3, 3]") && e.getMessage().contains("[2, 4, 4, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(1, 1, 3, 3, 2, 0, 2, Init.ZEROS, rng));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 4), true));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3, 0, 0, Init.ZEROS, rng));
    }

    /** Backward adds into Param.grad: a second backward of the same gradient doubles it (the check zeroes first). */
    static void assertGradientsAccumulate(Layer layer, Tensor x, RandomGenerator rng) {
        Tensor y = layer.forward(x, true);
        Tensor g = random(rng, y.shape());
        for (Param p : layer.params()) {
            p.grad().fill(0f);
        }
        layer.backward(g);
        java.util.List<float[]> once = new java.util.ArrayList<>();
        for (Param p : layer.params()) {
            once.add(p.grad().toArray());
        }
        layer.backward(g);
        for (int k = 0; k < once.size(); k++) {
            float[] twice = layer.params().get(k).grad().toArray();
            for (int i = 0; i < twice.length; i++) {
                assertEquals(2 * once.get(k)[i], twice[i], 1e-5f * (1 + Math.abs(twice[i])),
                        layer + " " + layer.params().get(k).name() + "[" + i + "]");
            }
        }
    }

    @Test
    void parameterGradientsAccumulate() {
        RandomGenerator rng = new SplittableRandom(14);
        assertGradientsAccumulate(new Conv2d(2, 3, 3, 2, 1, Init.HE_NORMAL, rng), random(rng, 2, 2, 5, 5), rng);
        assertGradientsAccumulate(new ConvTranspose2d(2, 3, 3, 3, 2, 1, 1, Init.HE_NORMAL, rng), random(rng, 2, 2, 3, 3), rng);
        assertGradientsAccumulate(new BatchNorm(2), random(rng, 3, 2, 2, 2), rng);
    }

    @Test
    void orthogonalInitGivesOrthonormalFilters() {
        Conv2d conv = new Conv2d(2, 4, 3, 1, 1, Init.ORTHOGONAL, new SplittableRandom(12));
        Tensor w = conv.params().get(0).value(); // [4, 18] as a matrix: rows orthonormal
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double dot = 0;
                for (int i = 0; i < 18; i++) {
                    dot += (double) w.get(a * 18 + i) * w.get(b * 18 + i);
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-5);
            }
        }
    }

    @Test
    void conv2dForwardAndBackwardAllocateNothingAfterWarmUp() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        RandomGenerator rng = new SplittableRandom(13);
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1, Init.HE_NORMAL, rng);
        Tensor x = random(rng, 4, 3, 12, 12);
        Tensor g = random(rng, 4, 8, 12, 12);
        long tid = Thread.currentThread().getId();
        long[] allocated = new long[3];
        for (int round = 0; round < allocated.length; round++) { // the first rounds warm up the JIT
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100; i++) {
                conv.forward(x, true);
                conv.backward(g);
            }
            allocated[round] = threads.getThreadAllocatedBytes(tid) - before;
        }
        assertTrue(allocated[2] < 10_000, "100 forward+backward calls allocated " + allocated[2] + " bytes");
    }
}
