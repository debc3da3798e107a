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
 * A transposed 2-d convolution ("deconvolution", fractionally strided convolution; Zeiler et al. 2010, Dumoulin and
 * Visin 2016) with PyTorch's {@code ConvTranspose2d} semantics: input {@code [batch, in, h, w]}, weight
 * {@code [in, out, kH, kW]}, bias {@code [out]}, output {@code [batch, out, oh, ow]} with
 * {@code oh = (h - 1) stride - 2 padding + kH + outputPadding}. Every input element scatters its kernel, scaled by
 * itself, at {@code stride} spacing; {@code padding} crops that many rows and columns from each border of the full
 * result and {@code outputPadding} (less than the stride) adds rows and columns at the bottom and right.
 *
 * <p>It is the input gradient of a {@link Conv2d} that maps {@code [oh, ow]} to {@code [h, w]}, so it reuses that
 * layer's kernels: forward is {@code col = W^T X} (W read as {@code [in, out kH kW]}, X as {@code [in, batch h w]})
 * followed by col2im; backward is im2col of the output gradient {@code G -> gcol [out kH kW, batch h w]}, then
 * {@code dX = W gcol}, {@code dW += X gcol^T} and {@code db += sums of G}. Buffers are reused, so calls at a fixed
 * shape allocate nothing.
 *
 * <p>TensorFlow's {@code conv2d_transpose(..., padding='SAME')} with an output of {@code stride} times the input
 * crops the full result asymmetrically (the extra row and column at the bottom and right); this layer with padding 0
 * gives the full result, whose top-left {@code [stride h, stride w]} block is TensorFlow's output.
 */
public final class ConvTranspose2d implements Layer {

    private final int in;
    private final int out;
    private final int kH;
    private final int kW;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Param weight;
    private final Param bias;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers inputT = new Buffers();
    private final Buffers cols = new Buffers();
    private final Buffers gradT = new Buffers();
    private Tensor input;
    private int outH;
    private int outW;

    public ConvTranspose2d(int inChannels, int outChannels, int kernelH, int kernelW, int stride, int padding,
            int outputPadding, Init init, RandomGenerator rng) {
        if (inChannels <= 0 || outChannels <= 0 || kernelH <= 0 || kernelW <= 0 || stride <= 0 || padding < 0
                || outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d needs positive channels, kernel and stride, padding >= 0 "
                    + "and 0 <= outputPadding < stride, got in=" + inChannels + ", out=" + outChannels + ", kernel="
                    + kernelH + "x" + kernelW + ", stride=" + stride + ", padding=" + padding + ", outputPadding="
                    + outputPadding);
        }
        this.in = inChannels;
        this.out = outChannels;
        this.kH = kernelH;
        this.kW = kernelW;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.weight = Param.zeros("weight", in, out, kH, kW);
        this.bias = Param.zeros("bias", out);
        int area = kH * kW;
        // The weight is the matrix [in, out kH kW]: fan-in in kH kW, fan-out out kH kW, as for the convolution it inverts.
        init.fill(weight.value(), in * area, out * area, rng);
    }

    /** A square kernel, no output padding. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, Init init,
            RandomGenerator rng) {
        this(inChannels, outChannels, kernel, kernel, stride, padding, 0, init, rng);
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
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
        outH = (h - 1) * stride - 2 * padding + kH + outputPadding;
        outW = (w - 1) * stride - 2 * padding + kW + outputPadding;
        if (h == 0 || w == 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(this + ": input " + h + "x" + w + " gives an empty output " + outH + "x"
                    + outW);
        }
        int plane = h * w;
        int columns = batch * plane;
        int rows = out * kH * kW;
        // X as [in, batch h w].
        Tensor xt = inputT.get(in, columns);
        float[] xd = x.data();
        float[] xtd = xt.data();
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < in; c++) {
                System.arraycopy(xd, x.offset() + (n * in + c) * plane, xtd, xt.offset() + c * columns + n * plane, plane);
            }
        }
        Tensor col = cols.get(rows, columns);
        Gemm.gemm(true, false, rows, columns, in, 1f, weight.value().data(), weight.value().offset(), rows, xtd,
                xt.offset(), columns, 0f, col.data(), col.offset(), columns);
        Tensor y = output.get(batch, out, outH, outW);
        float[] yd = y.data();
        float[] b = bias.value().data();
        int bo = bias.value().offset();
        int outPlane = outH * outW;
        for (int n = 0; n < batch; n++) {
            for (int f = 0; f < out; f++) {
                int base = y.offset() + (n * out + f) * outPlane;
                Arrays.fill(yd, base, base + outPlane, b[bo + f]);
            }
        }
        Conv2d.col2im(col.data(), col.offset(), batch, out, outH, outW, kH, kW, stride, padding, h, w, yd, y.offset());
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
        int plane = h * w;
        int columns = batch * plane;
        int rows = out * kH * kW;
        int outPlane = outH * outW;
        float[] gd = g.data();
        float[] db = bias.grad().data();
        int dbo = bias.grad().offset();
        for (int f = 0; f < out; f++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int base = g.offset() + (n * out + f) * outPlane;
                for (int p = 0; p < outPlane; p++) {
                    sum += gd[base + p];
                }
            }
            db[dbo + f] += (float) sum;
        }
        Tensor gcol = cols.get(rows, columns);
        Conv2d.im2col(gd, g.offset(), batch, out, outH, outW, kH, kW, stride, padding, h, w, gcol.data(), gcol.offset());
        Tensor xt = inputT.get(in, columns);
        Gemm.gemm(false, true, in, rows, columns, 1f, xt.data(), xt.offset(), columns, gcol.data(), gcol.offset(),
                columns, 1f, weight.grad().data(), weight.grad().offset(), rows);
        Tensor dxt = gradT.get(in, columns);
        Gemm.gemm(false, false, in, columns, rows, 1f, weight.value().data(), weight.value().offset(), rows,
                gcol.data(), gcol.offset(), columns, 0f, dxt.data(), dxt.offset(), columns);
        Tensor dx = inputGrad.get(batch, in, h, w);
        float[] dxd = dx.data();
        float[] dxtd = dxt.data();
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < in; c++) {
                System.arraycopy(dxtd, dxt.offset() + c * columns + n * plane, dxd, dx.offset() + (n * in + c) * plane, plane);
            }
        }
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + in + " -> " + out + ", kernel " + kH + "x" + kW + ", stride " + stride + ", padding "
                + padding + (outputPadding == 0 ? "" : ", outputPadding " + outputPadding) + ")";
    }
}
