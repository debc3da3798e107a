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
 * A gated recurrent unit layer (Cho et al. 2014, "Learning phrase representations using RNN encoder-decoder"), in
 * PyTorch's formulation, where the reset gate multiplies the recurrent candidate term including its bias (also ONNX's
 * {@code linear_before_reset = 1}); gates in PyTorch's order r, z, n:
 * <pre>
 *   r = sigmoid(x_t W_xr + b_xr + h_{t-1} W_hr + b_hr)
 *   z = sigmoid(x_t W_xz + b_xz + h_{t-1} W_hz + b_hz)
 *   n = tanh(x_t W_xn + b_xn + r * (h_{t-1} W_hn + b_hn))
 *   h_t = (1 - z) * n + z * h_{t-1}
 * </pre>
 * Input {@code [batch, time, in]}, output all hidden states {@code [batch, time, hidden]}; {@code W_x [in, 3 hidden]},
 * {@code W_h [hidden, 3 hidden]} (each gate's block orthogonal, Saxe et al. 2014), biases {@code b_x, b_h [3 hidden]}
 * (zeros). PyTorch's {@code weight_ih} is {@code W_x^T}, {@code bias_ih} is {@code b_x}, {@code bias_hh} is
 * {@code b_h}.
 *
 * <p>The initial state is zero unless {@link #setInitialState} gave one. Forward computes {@code x W_x + b_x} for all
 * time steps in one matrix product, then one {@code [batch, hidden] x [hidden, 3 hidden]} product per step. Backward
 * is full backpropagation through time; the gradient with respect to the initial state is kept.
 */
public final class Gru implements Layer {

    private final int in;
    private final int hidden;
    private final Param inputWeight;
    private final Param recurrentWeight;
    private final Param inputBias;
    private final Param recurrentBias;
    private final Buffers gatesBuf = new Buffers();
    private final Buffers candidateBuf = new Buffers();
    private final Buffers stepBuf = new Buffers();
    private final Buffers output = new Buffers();
    private final Buffers inputSideGradBuf = new Buffers();
    private final Buffers hiddenSideGradBuf = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers carry = new Buffers();
    private final Buffers h0Buf = new Buffers();
    private final Buffers h0GradBuf = new Buffers();
    private final Buffers last = new Buffers();
    private Tensor h0;
    private Tensor input;
    private Tensor gates;
    private Tensor hiddenCandidate;
    private Tensor y;
    private Tensor dh0;

    /** A GRU with zero biases; {@code init} fills {@code W_x}, {@code W_h} is orthogonal per gate. */
    public Gru(int inputSize, int hiddenSize, Init init, RandomGenerator rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("Gru needs positive sizes, got in=" + inputSize + ", hidden=" + hiddenSize);
        }
        this.in = inputSize;
        this.hidden = hiddenSize;
        this.inputWeight = Param.zeros("inputWeight", in, 3 * hidden);
        this.recurrentWeight = Param.zeros("recurrentWeight", hidden, 3 * hidden);
        this.inputBias = Param.zeros("inputBias", 3 * hidden);
        this.recurrentBias = Param.zeros("recurrentBias", 3 * hidden);
        init.fill(inputWeight.value(), in, 3 * hidden, rng);
        Lstm.orthogonalBlocks(recurrentWeight.value(), hidden, 3, rng);
    }

    public int inputSize() {
        return in;
    }

    public int hiddenSize() {
        return hidden;
    }

    /**
     * Uses a copy of {@code state} {@code [batch, hidden]} as the initial hidden state of every later forward (e.g.
     * {@code setInitialState(lastHidden())}). Do not change it between a forward and its backward.
     */
    public void setInitialState(Tensor state) {
        if (state.rank() != 2 || state.dim(1) != hidden) {
            throw new IllegalArgumentException("Gru initial state must be [batch, " + hidden + "], got "
                    + Arrays.toString(state.shape()));
        }
        h0 = h0Buf.get(state.dim(0), hidden);
        h0.copyFrom(state);
    }

    /** Back to a zero initial state. */
    public void clearInitialState() {
        h0 = null;
    }

    /** The hidden state after the last step of the last forward, {@code [batch, hidden]} (a layer-owned copy). */
    public Tensor lastHidden() {
        return Rnn.lastStep(y, last);
    }

    /** Gradient with respect to the initial state, from the last backward. */
    public Tensor initialStateGrad() {
        return dh0;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Rnn.checkInput("Gru", x, in);
        int batch = x.dim(0);
        int time = x.dim(1);
        Rnn.checkStateBatch(h0, batch, "Gru");
        int h = hidden;
        int g3 = 3 * h;
        gates = gatesBuf.get(batch, time, g3);
        hiddenCandidate = candidateBuf.get(batch, time, h);
        y = output.get(batch, time, h);
        Tensor step = stepBuf.get(batch, g3);
        float[] gd = gates.data();
        float[] nd = hiddenCandidate.data();
        float[] yd = y.data();
        float[] sd = step.data();
        int go = gates.offset();
        Rnn.fillRows(gd, go, batch * time, inputBias.value());
        Gemm.gemm(false, false, batch * time, g3, in, 1f, x.data(), x.offset(), in, inputWeight.value().data(),
                inputWeight.value().offset(), g3, 1f, gd, go, g3);
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = 0; t < time; t++) {
            Rnn.fillRows(sd, step.offset(), batch, recurrentBias.value());
            if (t > 0) {
                Gemm.gemm(false, false, batch, g3, h, 1f, yd, y.offset() + (t - 1) * h, time * h, w, wo, g3, 1f, sd,
                        step.offset(), g3);
            } else if (h0 != null) {
                Gemm.gemm(false, false, batch, g3, h, 1f, h0.data(), h0.offset(), h, w, wo, g3, 1f, sd, step.offset(), g3);
            }
            for (int b = 0; b < batch; b++) {
                int gb = go + (b * time + t) * g3;
                int hb = step.offset() + b * g3;
                int sb = (b * time + t) * h;
                for (int j = 0; j < h; j++) {
                    float r = Lstm.sigmoid(gd[gb + j] + sd[hb + j]);
                    float z = Lstm.sigmoid(gd[gb + h + j] + sd[hb + h + j]);
                    float hn = sd[hb + 2 * h + j];
                    float n = (float) Math.tanh(gd[gb + 2 * h + j] + r * hn);
                    float hPrev = t > 0 ? yd[y.offset() + sb - h + j] : h0 != null ? h0.get(b * h + j) : 0f;
                    gd[gb + j] = r;
                    gd[gb + h + j] = z;
                    gd[gb + 2 * h + j] = n;
                    nd[hiddenCandidate.offset() + sb + j] = hn;
                    yd[y.offset() + sb + j] = (1 - z) * n + z * hPrev;
                }
            }
        }
        input = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, null);
    }

    /** Backward with an extra gradient for the final state used outside this layer (or null). */
    public Tensor backward(Tensor gradOutput, Tensor gradLastHidden) {
        Rnn.checkGrad("Gru", gradOutput, y);
        int batch = input.dim(0);
        int time = input.dim(1);
        int h = hidden;
        int g3 = 3 * h;
        Tensor dzx = inputSideGradBuf.get(batch, time, g3);
        Tensor dzh = hiddenSideGradBuf.get(batch, time, g3);
        Tensor dhNext = carry.get(batch, h);
        Rnn.initCarry(dhNext, gradLastHidden, "Gru");
        float[] gd = gates.data();
        float[] nd = hiddenCandidate.data();
        float[] yd = y.data();
        float[] god = gradOutput.data();
        float[] xd = dzx.data();
        float[] hd = dzh.data();
        float[] cn = dhNext.data();
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = time - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int gb = gates.offset() + (b * time + t) * g3;
                int xb = dzx.offset() + (b * time + t) * g3;
                int hb = dzh.offset() + (b * time + t) * g3;
                int sb = (b * time + t) * h;
                int cb = dhNext.offset() + b * h;
                for (int j = 0; j < h; j++) {
                    float r = gd[gb + j];
                    float z = gd[gb + h + j];
                    float n = gd[gb + 2 * h + j];
                    float hn = nd[hiddenCandidate.offset() + sb + j];
                    float hPrev = t > 0 ? yd[y.offset() + sb - h + j] : h0 != null ? h0.get(b * h + j) : 0f;
                    float dh = god[gradOutput.offset() + sb + j] + cn[cb + j];
                    float dn = dh * (1 - z) * (1 - n * n);
                    float dz = dh * (hPrev - n) * z * (1 - z);
                    float dr = dn * hn * r * (1 - r);
                    xd[xb + j] = dr;
                    xd[xb + h + j] = dz;
                    xd[xb + 2 * h + j] = dn;
                    hd[hb + j] = dr;
                    hd[hb + h + j] = dz;
                    hd[hb + 2 * h + j] = dn * r;
                    cn[cb + j] = dh * z;
                }
            }
            Gemm.gemm(false, true, batch, h, g3, 1f, hd, dzh.offset() + t * g3, time * g3, w, wo, g3, 1f, cn,
                    dhNext.offset(), h);
        }
        dh0 = h0GradBuf.get(batch, h);
        dh0.copyFrom(dhNext);
        Rnn.recurrentWeightGrad(y, dzh, h0, recurrentWeight.grad());
        Rnn.addColumnSums(dzh, recurrentBias.grad());
        Rnn.inputSideGrads(input, dzx, inputWeight, inputBias);
        Tensor dx = inputGrad.get(batch, time, in);
        Gemm.gemm(false, true, batch * time, in, g3, 1f, xd, dzx.offset(), g3, inputWeight.value().data(),
                inputWeight.value().offset(), g3, 0f, dx.data(), dx.offset(), in);
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(inputWeight, recurrentWeight, inputBias, recurrentBias);
    }

    @Override
    public String toString() {
        return "Gru(" + in + " -> " + hidden + ")";
    }
}
