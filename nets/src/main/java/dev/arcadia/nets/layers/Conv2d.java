package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Gemm;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A 2-d convolution (cross-correlation, as in every deep-learning library; LeCun et al. 1998) on NCHW input
 * {@code [batch, in, h, w]} with weight {@code [out, in, kH, kW]}, bias {@code [out]}, zero padding on all four sides
 * and one stride for both axes. Output {@code [batch, out, oh, ow]} with {@code oh = (h + 2 padding - kH) / stride + 1}
 * (floor, as in PyTorch).
 *
 * <p>Forward lowers the convolution to one matrix product (im2col, Chellapilla et al. 2006): the input patches
 * become the columns of {@code col [in kH kW, batch oh ow]}, and {@code Y = W col} with {@code W} read as
 * {@code [out, in kH kW]}. Backward: with {@code G [out, batch oh ow]} the output gradient,
 * {@code dW += G col^T}, {@code db += row sums of G}, and the input gradient is {@code col2im(W^T G)}: each input
 * element receives the sum of the column entries it was copied to. The column matrix, the product and the gradient
 * buffers are kept and reused, so calls at a fixed shape allocate nothing.
 */
public final class Conv2d implements Layer {

    private final int in;
    private final int out;
    private final int kH;
    private final int kW;
    private final int stride;
    private final int padding;
    private final Param weight;
    private final Param bias;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers cols = new Buffers();
    private final Buffers product = new Buffers();
    private final Buffers colGrad = new Buffers();
    private Tensor input;
    private int outH;
    private int outW;

    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, int stride, int padding, Init init,
            RandomGenerator rng) {
        if (inChannels <= 0 || outChannels <= 0 || kernelH <= 0 || kernelW <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d needs positive channels, kernel and stride and padding >= 0, got in="
                    + inChannels + ", out=" + outChannels + ", kernel=" + kernelH + "x" + kernelW + ", stride=" + stride
                    + ", padding=" + padding);
        }
        this.in = inChannels;
        this.out = outChannels;
        this.kH = kernelH;
        this.kW = kernelW;
        this.stride = stride;
        this.padding = padding;
        this.weight = Param.zeros("weight", out, in, kH, kW);
        this.bias = Param.zeros("bias", out);
        int area = kH * kW;
        if (init == Init.ORTHOGONAL) {
            // The weight is the matrix [out, in kH kW] in row-major order (Init.fill would read it as [fanIn, rest]).
            Init.orthogonal(weight.value(), out, in * area, 1.0, rng);
        } else {
            init.fill(weight.value(), in * area, out * area, rng);
        }
        if (init == Init.FAN_IN_UNIFORM) { // PyTorch initialises the bias the same way
            init.fill(bias.value(), in * area, out * area, rng);
        }
    }

    /** A square kernel. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Init init, RandomGenerator rng) {
        this(inChannels, outChannels, kernel, kernel, stride, padding, init, rng);
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    /** Output height for input height {@code h} (or width, with {@code kernelW}). */
    static int outSize(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.dim(1) != in) {
            throw new IllegalArgumentException(this + " needs input [batch, " + in + ", height, width], got "
                    + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        int h = x.dim(2);
        int w = x.dim(3);
        if (h + 2 * padding < kH || w + 2 * padding < kW) {
            throw new IllegalArgumentException(this + ": input " + h + "x" + w + " with padding " + padding
                    + " is smaller than the kernel " + kH + "x" + kW);
        }
        outH = outSize(h, kH, stride, padding);
        outW = outSize(w, kW, stride, padding);
        int plane = outH * outW;
        int rows = in * kH * kW;
        int columns = batch * plane;
        Tensor col = cols.get(rows, columns);
        im2col(x.data(), x.offset(), batch, in, h, w, kH, kW, stride, padding, outH, outW, col.data(), col.offset());
        Tensor prod = product.get(out, columns);
        Gemm.gemm(false, false, out, columns, rows, 1f, weight.value().data(), weight.value().offset(), rows, col.data(),
                col.offset(), columns, 0f, prod.data(), prod.offset(), columns);
        Tensor y = output.get(batch, out, outH, outW);
        float[] yd = y.data();
        float[] pd = prod.data();
        float[] b = bias.value().data();
        int bo = bias.value().offset();
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < out; f++) {
                int src = prod.offset() + f * columns + n * plane;
                int dst = y.offset() + (n * out + f) * plane;
                float bf = b[bo + f];
                for (int p = 0; p < plane; p++) {
                    yd[dst + p] = pd[src + p] + bf;
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
        int batch = input.dim(0);
        int h = input.dim(2);
        int w = input.dim(3);
        if (g.rank() != 4 || g.dim(0) != batch || g.dim(1) != out || g.dim(2) != outH || g.dim(3) != outW) {
            throw new IllegalArgumentException(this + ": output gradient must be [" + batch + ", " + out + ", " + outH
                    + ", " + outW + "], got " + Arrays.toString(g.shape()));
        }
        int plane = outH * outW;
        int rows = in * kH * kW;
        int columns = batch * plane;
        // G as [out, batch oh ow] (reusing the forward product buffer), with the bias gradient on the way.
        Tensor gt = product.get(out, columns);
        float[] gtd = gt.data();
        float[] gd = g.data();
        float[] db = bias.grad().data();
        int dbo = bias.grad().offset();
        for (int f = 0; f < out; f++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int src = g.offset() + (n * out + f) * plane;
                int dst = gt.offset() + f * columns + n * plane;
                for (int p = 0; p < plane; p++) {
                    float v = gd[src + p];
                    gtd[dst + p] = v;
                    sum += v;
                }
            }
            db[dbo + f] += (float) sum;
        }
        Tensor col = cols.get(rows, columns);
        Gemm.gemm(false, true, out, rows, columns, 1f, gtd, gt.offset(), columns, col.data(), col.offset(), columns, 1f,
                weight.grad().data(), weight.grad().offset(), rows);
        Tensor dcol = colGrad.get(rows, columns);
        Gemm.gemm(true, false, rows, columns, out, 1f, weight.value().data(), weight.value().offset(), rows, gtd,
                gt.offset(), columns, 0f, dcol.data(), dcol.offset(), columns);
        Tensor dx = inputGrad.get(batch, in, h, w);
        dx.fill(0f);
        col2im(dcol.data(), dcol.offset(), batch, in, h, w, kH, kW, stride, padding, outH, outW, dx.data(), dx.offset());
        return dx;
    }

    /**
     * Copies the patches of {@code x [batch, channels, h, w]} (at {@code xo}) into the columns of
     * {@code col [channels kH kW, batch oh ow]} (at {@code co}): row {@code (c kH + i) kW + j}, column
     * {@code (n oh + r) ow + s} holds {@code x[n, c, r stride - pad + i, s stride - pad + j]}, or 0 in the padding.
     */
    static void im2col(float[] x, int xo, int batch, int channels, int h, int w, int kH, int kW, int stride, int pad,
            int oh, int ow, float[] col, int co) {
        int plane = oh * ow;
        int columns = batch * plane;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    int rowBase = co + ((c * kH + i) * kW + j) * columns;
                    // Output columns s whose input column s stride - pad + j lies inside [0, w).
                    int sLo = firstInside(j, pad, stride);
                    int sHi = Math.min(ow, lastInside(w, j, pad, stride) + 1);
                    for (int n = 0; n < batch; n++) {
                        int xPlane = xo + (n * channels + c) * h * w;
                        for (int r = 0; r < oh; r++) {
                            int dst = rowBase + n * plane + r * ow;
                            int ih = r * stride - pad + i;
                            if (ih < 0 || ih >= h || sLo >= sHi) {
                                Arrays.fill(col, dst, dst + ow, 0f);
                                continue;
                            }
                            Arrays.fill(col, dst, dst + sLo, 0f);
                            int src = xPlane + ih * w - pad + j;
                            if (stride == 1) {
                                System.arraycopy(x, src + sLo, col, dst + sLo, sHi - sLo);
                            } else {
                                for (int s = sLo; s < sHi; s++) {
                                    col[dst + s] = x[src + s * stride];
                                }
                            }
                            Arrays.fill(col, dst + sHi, dst + ow, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every column entry of {@code col} into the element of
     * {@code x [batch, channels, h, w]} it was copied from (entries in the padding are dropped). {@code x} must be
     * zeroed by the caller when it should hold only the sum.
     */
    static void col2im(float[] col, int co, int batch, int channels, int h, int w, int kH, int kW, int stride, int pad,
            int oh, int ow, float[] x, int xo) {
        int plane = oh * ow;
        int columns = batch * plane;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    int rowBase = co + ((c * kH + i) * kW + j) * columns;
                    int sLo = firstInside(j, pad, stride);
                    int sHi = Math.min(ow, lastInside(w, j, pad, stride) + 1);
                    if (sLo >= sHi) {
                        continue;
                    }
                    for (int n = 0; n < batch; n++) {
                        int xPlane = xo + (n * channels + c) * h * w;
                        for (int r = 0; r < oh; r++) {
                            int ih = r * stride - pad + i;
                            if (ih < 0 || ih >= h) {
                                continue;
                            }
                            int src = rowBase + n * plane + r * ow;
                            int dst = xPlane + ih * w - pad + j;
                            if (stride == 1) { // a separate loop, so that the JIT vectorizes it
                                for (int s = sLo; s < sHi; s++) {
                                    x[dst + s] += col[src + s];
                                }
                            } else {
                                for (int s = sLo; s < sHi; s++) {
                                    x[dst + s * stride] += col[src + s];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The smallest output index s >= 0 with {@code s stride - pad + j >= 0}. */
    private static int firstInside(int j, int pad, int stride) {
        int need = pad - j;
        return need <= 0 ? 0 : (need + stride - 1) / stride;
    }

    /** The largest output index s with {@code s stride - pad + j <= w - 1} (may be negative). */
    private static int lastInside(int w, int j, int pad, int stride) {
        int room = w - 1 + pad - j;
        return room < 0 ? -1 : room / stride;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Conv2d(" + in + " -> " + out + ", kernel " + kH + "x" + kW + ", stride " + stride + ", padding "
                + padding + ")";
    }
}
