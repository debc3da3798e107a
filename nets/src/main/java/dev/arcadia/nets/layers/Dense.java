package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Gemm;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer {@code y = x W + b}: input {@code [batch, in]}, weight {@code [in, out]}, bias {@code [out]},
 * output {@code [batch, out]}. Backward: {@code dW += x^T g}, {@code db += sum_rows g}, {@code dx = g W^T}.
 */
public final class Dense implements Layer {

    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor input;
    private float[] biasScratch = new float[0];

    public Dense(int in, int out, Init init, RandomGenerator rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense needs positive sizes, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = Param.zeros("weight", in, out);
        this.bias = Param.zeros("bias", out);
        init.fill(weight.value(), in, out, rng);
        if (init == Init.FAN_IN_UNIFORM) { // PyTorch initialises the bias the same way; other schemes start it at 0
            init.fill(bias.value(), in, out, rng);
        }
    }

    public int inputSize() {
        return in;
    }

    public int outputSize() {
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 2 || x.dim(1) != in) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + ") needs input [batch, " + in + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        Tensor y = output.get(batch, out);
        float[] yd = y.data();
        float[] b = bias.value().data();
        int bo = bias.value().offset();
        for (int r = 0; r < batch; r++) {
            System.arraycopy(b, bo, yd, y.offset() + r * out, out);
        }
        Gemm.gemm(false, false, batch, out, in, 1f, x.data(), x.offset(), in, weight.value().data(),
                weight.value().offset(), out, 1f, yd, y.offset(), out);
        input = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        return backward(g, true);
    }

    /**
     * Backward pass; with {@code inputGradient = false} only the parameter gradients are computed and null is
     * returned (the first layer of a network never needs its input gradient: one matrix product saved).
     */
    public Tensor backward(Tensor g, boolean inputGradient) {
        int batch = input.dim(0);
        Gemm.gemm(true, false, in, out, batch, 1f, input.data(), input.offset(), in, g.data(), g.offset(), out, 1f,
                weight.grad().data(), weight.grad().offset(), out);
        float[] db = bias.grad().data();
        int dbo = bias.grad().offset();
        float[] gd = g.data();
        if (dbo == 0) {
            // Index-aligned accumulation (vectorized by C2): copy each gradient row into a scratch row first.
            float[] row = biasScratch.length == out ? biasScratch : (biasScratch = new float[out]);
            for (int r = 0; r < batch; r++) {
                System.arraycopy(gd, g.offset() + r * out, row, 0, out);
                for (int j = 0; j < out; j++) {
                    db[j] += row[j];
                }
            }
        } else {
            for (int r = 0; r < batch; r++) {
                int row = g.offset() + r * out;
                for (int j = 0; j < out; j++) {
                    db[dbo + j] += gd[row + j];
                }
            }
        }
        if (!inputGradient) {
            return null;
        }
        Tensor dx = inputGrad.get(batch, in);
        Gemm.gemm(false, true, batch, in, out, 1f, gd, g.offset(), out, weight.value().data(), weight.value().offset(),
                out, 0f, dx.data(), dx.offset(), in);
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
