package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;

/**
 * 2-d max pooling on NCHW input {@code [batch, channels, h, w]}: each output element is the largest input element
 * of its {@code kernel x kernel} window, windows {@code stride} apart, no padding; output
 * {@code [batch, channels, (h - kernel) / stride + 1, (w - kernel) / stride + 1]} (floor, as PyTorch's default and
 * the seed notes' {@code POH = (H - PH) / stride + 1}). Backward routes each output gradient to the position of its
 * window's maximum (the first one on ties), adding where overlapping windows share it. The argmax positions are
 * kept in a reused {@code int[]}, so calls at a fixed shape allocate nothing.
 */
public final class MaxPool2d implements Layer {

    private final int kernel;
    private final int stride;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private int[] argmax = new int[0];
    private Tensor input;
    private int outH;
    private int outW;

    public MaxPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("MaxPool2d needs a positive kernel and stride, got kernel=" + kernel
                    + ", stride=" + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    /** Non-overlapping windows: stride = kernel. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.dim(2) < kernel || x.dim(3) < kernel) {
            throw new IllegalArgumentException(this + " needs input [batch, channels, height >= " + kernel + ", width >= "
                    + kernel + "], got " + Arrays.toString(x.shape()));
        }
        int planes = x.dim(0) * x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        outH = (h - kernel) / stride + 1;
        outW = (w - kernel) / stride + 1;
        Tensor y = output.get(x.dim(0), x.dim(1), outH, outW);
        if (argmax.length != y.size()) {
            argmax = new int[y.size()];
        }
        float[] xd = x.data();
        float[] yd = y.data();
        int xo = x.offset();
        int at = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int r = 0; r < outH; r++) {
                for (int s = 0; s < outW; s++) {
                    int best = plane + r * stride * w + s * stride;
                    float max = xd[xo + best];
                    for (int i = 0; i < kernel; i++) {
                        int row = plane + (r * stride + i) * w + s * stride;
                        for (int j = 0; j < kernel; j++) {
                            float v = xd[xo + row + j];
                            if (v > max || (v != v && max == max)) { // a NaN wins, so it propagates
                                max = v;
                                best = row + j;
                            }
                        }
                    }
                    yd[y.offset() + at] = max;
                    argmax[at++] = best;
                }
            }
        }
        input = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException(this + ": backward before forward");
        }
        if (g.rank() != 4 || g.dim(0) != input.dim(0) || g.dim(1) != input.dim(1) || g.dim(2) != outH || g.dim(3) != outW) {
            throw new IllegalArgumentException(this + ": output gradient must be [" + input.dim(0) + ", " + input.dim(1)
                    + ", " + outH + ", " + outW + "], got " + Arrays.toString(g.shape()));
        }
        Tensor dx = inputGrad.like(input);
        dx.fill(0f);
        float[] dd = dx.data();
        float[] gd = g.data();
        int dxo = dx.offset();
        int go = g.offset();
        int n = g.size();
        for (int i = 0; i < n; i++) {
            dd[dxo + argmax[i]] += gd[go + i];
        }
        return dx;
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel " + kernel + ", stride " + stride + ")";
    }
}
