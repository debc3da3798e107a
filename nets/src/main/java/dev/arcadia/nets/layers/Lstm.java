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
 * A long short-term memory layer (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000), gates in
 * PyTorch's order i, f, g, o:
 * <pre>
 *   [i f g o] = x_t W_x + h_{t-1} W_h + b      i, f, o = sigmoid(.), g = tanh(.)
 *   c_t = f * c_{t-1} + i * g                  h_t = o * tanh(c_t)
 * </pre>
 * Input {@code [batch, time, in]}, output all hidden states {@code [batch, time, hidden]}; {@code W_x [in, 4 hidden]},
 * {@code W_h [hidden, 4 hidden]} (each gate's {@code hidden x hidden} block orthogonal, Saxe et al. 2014),
 * {@code b [4 hidden]} (zeros, or the forget block set to {@code forgetBias}, e.g. 1 as Jozefowicz et al. 2015
 * recommend). PyTorch's two biases {@code b_ih + b_hh} correspond to {@code b}; its {@code weight_ih} is
 * {@code W_x^T}.
 *
 * <p>Initial states are zero unless {@link #setInitialState} gave them. Forward computes {@code x W_x + b} for all
 * time steps in one matrix product, then one {@code [batch, hidden] x [hidden, 4 hidden]} product per step.
 * Backward is full backpropagation through time; the gradients with respect to the initial states are kept.
 */
public final class Lstm implements Layer {

    private final int in;
    private final int hidden;
    private final Param inputWeight;
    private final Param recurrentWeight;
    private final Param bias;
    private final Buffers gatesBuf = new Buffers();
    private final Buffers cellsBuf = new Buffers();
    private final Buffers tanhCellsBuf = new Buffers();
    private final Buffers output = new Buffers();
    private final Buffers gateGradBuf = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers hCarry = new Buffers();
    private final Buffers cCarry = new Buffers();
    private final Buffers h0Buf = new Buffers();
    private final Buffers c0Buf = new Buffers();
    private final Buffers h0GradBuf = new Buffers();
    private final Buffers c0GradBuf = new Buffers();
    private final Buffers lastH = new Buffers();
    private final Buffers lastC = new Buffers();
    private Tensor h0;
    private Tensor c0;
    private Tensor input;
    private Tensor gates;
    private Tensor cells;
    private Tensor tanhCells;
    private Tensor y;
    private Tensor dh0;
    private Tensor dc0;

    /** An LSTM with zero biases; {@code init} fills {@code W_x}, {@code W_h} is orthogonal per gate. */
    public Lstm(int inputSize, int hiddenSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSize, init, 0.0, rng);
    }

    /** An LSTM whose forget-gate bias starts at {@code forgetBias} (other biases zero). */
    public Lstm(int inputSize, int hiddenSize, Init init, double forgetBias, RandomGenerator rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("Lstm needs positive sizes, got in=" + inputSize + ", hidden=" + hiddenSize);
        }
        this.in = inputSize;
        this.hidden = hiddenSize;
        this.inputWeight = Param.zeros("inputWeight", in, 4 * hidden);
        this.recurrentWeight = Param.zeros("recurrentWeight", hidden, 4 * hidden);
        this.bias = Param.zeros("bias", 4 * hidden);
        init.fill(inputWeight.value(), in, 4 * hidden, rng);
        orthogonalBlocks(recurrentWeight.value(), hidden, 4, rng);
        for (int j = 0; j < hidden; j++) {
            bias.value().set(hidden + j, (float) forgetBias);
        }
    }

    /** Fills {@code w} {@code [hidden, blocks * hidden]} with an orthogonal {@code hidden x hidden} matrix per block. */
    static void orthogonalBlocks(Tensor w, int hidden, int blocks, RandomGenerator rng) {
        Tensor block = Tensor.zeros(hidden, hidden);
        for (int k = 0; k < blocks; k++) {
            Init.orthogonal(block, hidden, hidden, 1.0, rng);
            for (int r = 0; r < hidden; r++) {
                for (int c = 0; c < hidden; c++) {
                    w.set(r * blocks * hidden + k * hidden + c, block.get(r * hidden + c));
                }
            }
        }
    }

    public int inputSize() {
        return in;
    }

    public int hiddenSize() {
        return hidden;
    }

    /**
     * Uses copies of {@code h} and {@code c} (both {@code [batch, hidden]}) as the initial states of every later
     * forward, e.g. {@code setInitialState(lastHidden(), lastCell())}. Do not change them between a forward and its
     * backward.
     */
    public void setInitialState(Tensor h, Tensor c) {
        if (h.rank() != 2 || h.dim(1) != hidden || !h.sameShape(c)) {
            throw new IllegalArgumentException("Lstm initial states must both be [batch, " + hidden + "], got h "
                    + Arrays.toString(h.shape()) + " and c " + Arrays.toString(c.shape()));
        }
        h0 = h0Buf.get(h.dim(0), hidden);
        h0.copyFrom(h);
        c0 = c0Buf.get(h.dim(0), hidden);
        c0.copyFrom(c);
    }

    /** Back to zero initial states. */
    public void clearInitialState() {
        h0 = null;
        c0 = null;
    }

    /** The hidden state after the last step of the last forward, {@code [batch, hidden]} (a layer-owned copy). */
    public Tensor lastHidden() {
        return Rnn.lastStep(y, lastH);
    }

    /** The cell state after the last step of the last forward, {@code [batch, hidden]} (a layer-owned copy). */
    public Tensor lastCell() {
        return Rnn.lastStep(cells, lastC);
    }

    /** Gradient with respect to the initial hidden state, from the last backward. */
    public Tensor initialHiddenGrad() {
        return dh0;
    }

    /** Gradient with respect to the initial cell state, from the last backward. */
    public Tensor initialCellGrad() {
        return dc0;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Rnn.checkInput("Lstm", x, in);
        int batch = x.dim(0);
        int time = x.dim(1);
        Rnn.checkStateBatch(h0, batch, "Lstm");
        int h = hidden;
        int g4 = 4 * h;
        gates = gatesBuf.get(batch, time, g4);
        cells = cellsBuf.get(batch, time, h);
        tanhCells = tanhCellsBuf.get(batch, time, h);
        y = output.get(batch, time, h);
        float[] gd = gates.data();
        float[] cd = cells.data();
        float[] td = tanhCells.data();
        float[] yd = y.data();
        int go = gates.offset();
        Rnn.fillRows(gd, go, batch * time, bias.value());
        Gemm.gemm(false, false, batch * time, g4, in, 1f, x.data(), x.offset(), in, inputWeight.value().data(),
                inputWeight.value().offset(), g4, 1f, gd, go, g4);
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = 0; t < time; t++) {
            if (t > 0) {
                Gemm.gemm(false, false, batch, g4, h, 1f, yd, y.offset() + (t - 1) * h, time * h, w, wo, g4, 1f, gd,
                        go + t * g4, time * g4);
            } else if (h0 != null) {
                Gemm.gemm(false, false, batch, g4, h, 1f, h0.data(), h0.offset(), h, w, wo, g4, 1f, gd, go, time * g4);
            }
            for (int b = 0; b < batch; b++) {
                int gb = go + (b * time + t) * g4;
                int sb = (b * time + t) * h;
                for (int j = 0; j < h; j++) {
                    float i = sigmoid(gd[gb + j]);
                    float f = sigmoid(gd[gb + h + j]);
                    float g = (float) Math.tanh(gd[gb + 2 * h + j]);
                    float o = sigmoid(gd[gb + 3 * h + j]);
                    gd[gb + j] = i;
                    gd[gb + h + j] = f;
                    gd[gb + 2 * h + j] = g;
                    gd[gb + 3 * h + j] = o;
                    float cPrev = t > 0 ? cd[cells.offset() + sb - h + j] : c0 != null ? c0.get(b * h + j) : 0f;
                    float c = f * cPrev + i * g;
                    float tc = (float) Math.tanh(c);
                    cd[cells.offset() + sb + j] = c;
                    td[tanhCells.offset() + sb + j] = tc;
                    yd[y.offset() + sb + j] = o * tc;
                }
            }
        }
        input = x;
        return y;
    }

    static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, null, null);
    }

    /**
     * Backward with extra gradients for the final hidden and cell states used outside this layer (either may be
     * null), e.g. an encoder's final states handed to a decoder.
     */
    public Tensor backward(Tensor gradOutput, Tensor gradLastHidden, Tensor gradLastCell) {
        Rnn.checkGrad("Lstm", gradOutput, y);
        int batch = input.dim(0);
        int time = input.dim(1);
        int h = hidden;
        int g4 = 4 * h;
        Tensor dg = gateGradBuf.get(batch, time, g4);
        Tensor dhNext = hCarry.get(batch, h);
        Tensor dcNext = cCarry.get(batch, h);
        Rnn.initCarry(dhNext, gradLastHidden, "Lstm");
        Rnn.initCarry(dcNext, gradLastCell, "Lstm");
        float[] gd = gates.data();
        float[] cd = cells.data();
        float[] td = tanhCells.data();
        float[] dgd = dg.data();
        float[] god = gradOutput.data();
        float[] hn = dhNext.data();
        float[] cn = dcNext.data();
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = time - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int gb = gates.offset() + (b * time + t) * g4;
                int db = dg.offset() + (b * time + t) * g4;
                int sb = (b * time + t) * h;
                int cb = b * h;
                for (int j = 0; j < h; j++) {
                    float i = gd[gb + j];
                    float f = gd[gb + h + j];
                    float g = gd[gb + 2 * h + j];
                    float o = gd[gb + 3 * h + j];
                    float tc = td[tanhCells.offset() + sb + j];
                    float dh = god[gradOutput.offset() + sb + j] + hn[dhNext.offset() + cb + j];
                    float dc = cn[dcNext.offset() + cb + j] + dh * o * (1 - tc * tc);
                    float cPrev = t > 0 ? cd[cells.offset() + sb - h + j] : c0 != null ? c0.get(cb + j) : 0f;
                    dgd[db + j] = dc * g * i * (1 - i);
                    dgd[db + h + j] = dc * cPrev * f * (1 - f);
                    dgd[db + 2 * h + j] = dc * i * (1 - g * g);
                    dgd[db + 3 * h + j] = dh * tc * o * (1 - o);
                    cn[dcNext.offset() + cb + j] = dc * f;
                }
            }
            Gemm.gemm(false, true, batch, h, g4, 1f, dgd, dg.offset() + t * g4, time * g4, w, wo, g4, 0f, hn,
                    dhNext.offset(), h);
        }
        dh0 = h0GradBuf.get(batch, h);
        dh0.copyFrom(dhNext);
        dc0 = c0GradBuf.get(batch, h);
        dc0.copyFrom(dcNext);
        Rnn.recurrentWeightGrad(y, dg, h0, recurrentWeight.grad());
        Rnn.inputSideGrads(input, dg, inputWeight, bias);
        Tensor dx = inputGrad.get(batch, time, in);
        Gemm.gemm(false, true, batch * time, in, g4, 1f, dgd, dg.offset(), g4, inputWeight.value().data(),
                inputWeight.value().offset(), g4, 0f, dx.data(), dx.offset(), in);
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(inputWeight, recurrentWeight, bias);
    }

    @Override
    public String toString() {
        return "Lstm(" + in + " -> " + hidden + ")";
    }
}
