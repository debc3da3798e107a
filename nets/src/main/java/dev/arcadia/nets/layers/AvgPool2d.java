package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;

/**
 * 2-d average pooling on NCHW input {@code [batch, channels, h, w]}: each output element is the mean of its
 * {@code kernel x kernel} window, windows {@code stride} apart, no padding; output
 * {@code [batch, channels, (h - kernel) / stride + 1, (w - kernel) / stride + 1]} (floor). Backward spreads each
 * output gradient evenly, {@code g / kernel^2}, over its window (adding where windows overlap).
 */
public final class AvgPool2d implements Layer {

    private final int kernel;
    private final int stride;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor input;
    private int outH;
    private int outW;

    public AvgPool2d(int kernel, int stride) {
        if (kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("AvgPool2d needs a positive kernel and stride, got kernel=" + kernel
                    + ", stride=" + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    /** Non-overlapping windows: stride = kernel. */
    public AvgPool2d(int kernel) {
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
        float[] xd = x.data();
        float[] yd = y.data();
        int xo = x.offset();
        float scale = 1f / (kernel * kernel);
        int at = y.offset();
        for (int p = 0; p < planes; p++) {
            int plane = xo + p * h * w;
            for (int r = 0; r < outH; r++) {
                for (int s = 0; s < outW; s++) {
                    float sum = 0;
                    for (int i = 0; i < kernel; i++) {
                        int row = plane + (r * stride + i) * w + s * stride;
                        for (int j = 0; j < kernel; j++) {
                            sum += xd[row + j];
                        }
                    }
                    yd[at++] = sum * scale;
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
        int planes = input.dim(0) * input.dim(1);
        int h = input.dim(2);
        int w = input.dim(3);
        Tensor dx = inputGrad.like(input);
        dx.fill(0f);
        float[] dd = dx.data();
        float[] gd = g.data();
        float scale = 1f / (kernel * kernel);
        int at = g.offset();
        for (int p = 0; p < planes; p++) {
            int plane = dx.offset() + p * h * w;
            for (int r = 0; r < outH; r++) {
                for (int s = 0; s < outW; s++) {
                    float v = gd[at++] * scale;
                    for (int i = 0; i < kernel; i++) {
                        int row = plane + (r * stride + i) * w + s * stride;
                        for (int j = 0; j < kernel; j++) {
                            dd[row + j] += v;
                        }
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel " + kernel + ", stride " + stride + ")";
    }
}
