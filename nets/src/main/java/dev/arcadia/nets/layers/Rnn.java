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
 * An Elman recurrent layer (Elman 1990, "Finding structure in time"): {@code h_t = tanh(x_t W_x + h_{t-1} W_h + b)}.
 * Input {@code [batch, time, in]}, output all hidden states {@code [batch, time, hidden]}; {@code W_x [in, hidden]},
 * {@code W_h [hidden, hidden]} (orthogonal init, Saxe et al. 2014), {@code b [hidden]} (zeros). The nonlinearity may
 * also be the logistic sigmoid (as in Hinton's course quiz, seed notes MISC-6) or ReLU.
 *
 * <p>The initial state is zero unless {@link #setInitialState} gave one; it then stays until
 * {@link #clearInitialState}. Forward computes {@code x W_x + b} for all time steps in one matrix product and then
 * one {@code [batch, hidden] x [hidden, hidden]} product per step. Backward is full backpropagation through time
 * (Werbos 1990): with {@code dz_t = (g_t + dz_{t+1} W_h^T) * f'(z_t)}, {@code dW_x += x^T dz}, {@code db += sum dz},
 * {@code dW_h += sum_t h_{t-1}^T dz_t}, {@code dx = dz W_x^T}; the gradient with respect to the initial state is
 * kept ({@link #initialStateGrad}).
 */
public final class Rnn implements Layer {

    private final int in;
    private final int hidden;
    private final Activation.Kind kind;
    private final Param inputWeight;
    private final Param recurrentWeight;
    private final Param bias;
    private final Buffers output = new Buffers();
    private final Buffers preGrad = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers carry = new Buffers();
    private final Buffers h0 = new Buffers();
    private final Buffers h0Grad = new Buffers();
    private final Buffers last = new Buffers();
    private Tensor initial;
    private Tensor input;
    private Tensor y;
    private Tensor dh0;

    /** A tanh RNN; {@code init} fills {@code W_x}, {@code W_h} is orthogonal. */
    public Rnn(int inputSize, int hiddenSize, Init init, RandomGenerator rng) {
        this(inputSize, hiddenSize, Activation.Kind.TANH, init, rng);
    }

    /** An RNN with nonlinearity {@code kind}: TANH (the default), SIGMOID or RELU. */
    public Rnn(int inputSize, int hiddenSize, Activation.Kind kind, Init init, RandomGenerator rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("Rnn needs positive sizes, got in=" + inputSize + ", hidden=" + hiddenSize);
        }
        if (kind != Activation.Kind.TANH && kind != Activation.Kind.SIGMOID && kind != Activation.Kind.RELU) {
            throw new IllegalArgumentException("Rnn supports TANH, SIGMOID or RELU, got " + kind);
        }
        this.in = inputSize;
        this.hidden = hiddenSize;
        this.kind = kind;
        this.inputWeight = Param.zeros("inputWeight", in, hidden);
        this.recurrentWeight = Param.zeros("recurrentWeight", hidden, hidden);
        this.bias = Param.zeros("bias", hidden);
        init.fill(inputWeight.value(), in, hidden, rng);
        Init.orthogonal(recurrentWeight.value(), hidden, hidden, 1.0, rng);
    }

    public int inputSize() {
        return in;
    }

    public int hiddenSize() {
        return hidden;
    }

    /**
     * Uses a copy of {@code state} {@code [batch, hidden]} as the initial hidden state of every later forward (e.g.
     * {@code setInitialState(lastHidden())} to carry state across calls). Do not change it between a forward and its
     * backward.
     */
    public void setInitialState(Tensor state) {
        if (state.rank() != 2 || state.dim(1) != hidden) {
            throw new IllegalArgumentException("Rnn initial state must be [batch, " + hidden + "], got "
                    + Arrays.toString(state.shape()));
        }
        initial = h0.get(state.dim(0), hidden);
        initial.copyFrom(state);
    }

    /** Back to a zero initial state. */
    public void clearInitialState() {
        initial = null;
    }

    /** The hidden state after the last time step of the last forward, {@code [batch, hidden]} (a layer-owned copy). */
    public Tensor lastHidden() {
        return lastStep(y, last);
    }

    /** The gradient with respect to the initial state from the last backward, {@code [batch, hidden]}. */
    public Tensor initialStateGrad() {
        return dh0;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput("Rnn", x, in);
        int batch = x.dim(0);
        int time = x.dim(1);
        checkStateBatch(initial, batch, "Rnn");
        Tensor h0t = initial;
        y = output.get(batch, time, hidden);
        float[] yd = y.data();
        int yo = y.offset();
        int stride = time * hidden;
        fillRows(yd, yo, batch * time, bias.value());
        Gemm.gemm(false, false, batch * time, hidden, in, 1f, x.data(), x.offset(), in, inputWeight.value().data(),
                inputWeight.value().offset(), hidden, 1f, yd, yo, hidden);
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = 0; t < time; t++) {
            if (t > 0) { // reads rows of step t-1 and writes rows of step t of y: interleaved, never the same elements
                Gemm.gemm(false, false, batch, hidden, hidden, 1f, yd, yo + (t - 1) * hidden, stride, w, wo, hidden, 1f,
                        yd, yo + t * hidden, stride);
            } else if (h0t != null) {
                Gemm.gemm(false, false, batch, hidden, hidden, 1f, h0t.data(), h0t.offset(), hidden, w, wo, hidden, 1f,
                        yd, yo, stride);
            }
            for (int b = 0; b < batch; b++) {
                int base = yo + b * stride + t * hidden;
                for (int j = 0; j < hidden; j++) {
                    yd[base + j] = activate(yd[base + j]);
                }
            }
        }
        input = x;
        return y;
    }

    private float activate(float z) {
        return switch (kind) {
            case TANH -> (float) Math.tanh(z);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-z)));
            default -> Math.max(0f, z);
        };
    }

    private float derivative(float h) {
        return switch (kind) {
            case TANH -> 1 - h * h;
            case SIGMOID -> h * (1 - h);
            default -> h > 0 ? 1f : 0f;
        };
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return backward(gradOutput, null);
    }

    /**
     * Backward with an extra gradient {@code gradLastHidden} {@code [batch, hidden]} (or null) for the final state
     * used outside this layer (e.g. an encoder state handed to a decoder). Since the final state is also output
     * {@code T-1}, adding it there is equivalent.
     */
    public Tensor backward(Tensor gradOutput, Tensor gradLastHidden) {
        checkGrad("Rnn", gradOutput, y);
        int batch = input.dim(0);
        int time = input.dim(1);
        Tensor dz = preGrad.get(batch, time, hidden);
        Tensor dhNext = carry.get(batch, hidden);
        initCarry(dhNext, gradLastHidden, "Rnn");
        float[] zd = dz.data();
        float[] yd = y.data();
        float[] gd = gradOutput.data();
        float[] nd = dhNext.data();
        int stride = time * hidden;
        float[] w = recurrentWeight.value().data();
        int wo = recurrentWeight.value().offset();
        for (int t = time - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int at = b * stride + t * hidden;
                int nb = dhNext.offset() + b * hidden;
                for (int j = 0; j < hidden; j++) {
                    float dh = gd[gradOutput.offset() + at + j] + nd[nb + j];
                    zd[dz.offset() + at + j] = dh * derivative(yd[y.offset() + at + j]);
                }
            }
            Gemm.gemm(false, true, batch, hidden, hidden, 1f, zd, dz.offset() + t * hidden, stride, w, wo, hidden, 0f,
                    nd, dhNext.offset(), hidden);
        }
        dh0 = h0Grad.get(batch, hidden);
        dh0.copyFrom(dhNext);
        recurrentWeightGrad(y, dz, initial, recurrentWeight.grad());
        inputSideGrads(input, dz, inputWeight, bias);
        Tensor dx = inputGrad.get(batch, time, in);
        Gemm.gemm(false, true, batch * time, in, hidden, 1f, zd, dz.offset(), hidden, inputWeight.value().data(),
                inputWeight.value().offset(), hidden, 0f, dx.data(), dx.offset(), in);
        return dx;
    }

    @Override
    public List<Param> params() {
        return List.of(inputWeight, recurrentWeight, bias);
    }

    @Override
    public String toString() {
        return "Rnn(" + in + " -> " + hidden + ", " + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    // ---- helpers shared with Lstm and Gru (package-private) ----

    /** Checks {@code x} is {@code [batch, time, in]} with batch and time at least 1. */
    static void checkInput(String layer, Tensor x, int in) {
        if (x.rank() != 3 || x.dim(2) != in || x.dim(0) < 1 || x.dim(1) < 1) {
            throw new IllegalArgumentException(layer + " needs input [batch, time, " + in + "] with batch, time >= 1, got "
                    + Arrays.toString(x.shape()));
        }
    }

    /** Checks that a gradient has the shape of the output it belongs to. */
    static void checkGrad(String layer, Tensor g, Tensor out) {
        if (out == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
        if (!g.sameShape(out)) {
            throw new IllegalArgumentException(layer + " output gradient must be " + Arrays.toString(out.shape()) + ", got "
                    + Arrays.toString(g.shape()));
        }
    }

    /** Checks that a set initial state (null: zero state) has the input's batch size. */
    static void checkStateBatch(Tensor state, int batch, String layer) {
        if (state != null && state.dim(0) != batch) {
            throw new IllegalArgumentException(layer + " initial state has batch " + state.dim(0) + ", input has batch "
                    + batch);
        }
    }

    /** Sets the backward carry to {@code extra} (a {@code [batch, hidden]} gradient) or to zero. */
    static void initCarry(Tensor carry, Tensor extra, String layer) {
        if (extra == null) {
            carry.fill(0f);
        } else {
            if (!extra.sameShape(carry)) {
                throw new IllegalArgumentException(layer + " final-state gradient must be " + Arrays.toString(carry.shape())
                        + ", got " + Arrays.toString(extra.shape()));
            }
            carry.copyFrom(extra);
        }
    }

    /** Writes {@code bias} into each of {@code rows} consecutive rows of {@code d} starting at {@code off}. */
    static void fillRows(float[] d, int off, int rows, Tensor bias) {
        int n = bias.size();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias.data(), bias.offset(), d, off + r * n, n);
        }
    }

    /** {@code dW_h += sum_t h_{t-1}^T dz_t} with {@code h_{-1}} the initial state (skipped when zero). */
    static void recurrentWeightGrad(Tensor hs, Tensor dz, Tensor h0, Tensor dW) {
        int batch = hs.dim(0);
        int time = hs.dim(1);
        int hidden = hs.dim(2);
        int width = dz.dim(2);
        if (time > 1) {
            for (int b = 0; b < batch; b++) {
                Gemm.gemm(true, false, hidden, width, time - 1, 1f, hs.data(), hs.offset() + b * time * hidden, hidden,
                        dz.data(), dz.offset() + (b * time + 1) * width, width, 1f, dW.data(), dW.offset(), width);
            }
        }
        if (h0 != null) {
            Gemm.gemm(true, false, hidden, width, batch, 1f, h0.data(), h0.offset(), hidden, dz.data(), dz.offset(),
                    time * width, 1f, dW.data(), dW.offset(), width);
        }
    }

    /** {@code dW_x += x^T dz} and {@code db += sum dz} over all batch rows and time steps. */
    static void inputSideGrads(Tensor x, Tensor dz, Param weight, Param bias) {
        int rows = x.dim(0) * x.dim(1);
        int in = x.dim(2);
        int width = dz.dim(2);
        Gemm.gemm(true, false, in, width, rows, 1f, x.data(), x.offset(), in, dz.data(), dz.offset(), width, 1f,
                weight.grad().data(), weight.grad().offset(), width);
        addColumnSums(dz, bias.grad());
    }

    /** {@code grad += } the sums of {@code dz}'s rows (all batch rows and time steps) for a bias gradient. */
    static void addColumnSums(Tensor dz, Tensor grad) {
        int width = dz.dim(-1);
        int rows = dz.size() / width;
        float[] db = grad.data();
        int dbo = grad.offset();
        float[] zd = dz.data();
        for (int r = 0; r < rows; r++) {
            int row = dz.offset() + r * width;
            for (int j = 0; j < width; j++) {
                db[dbo + j] += zd[row + j];
            }
        }
    }

    /** Copies time step {@code T-1} of {@code seq} {@code [batch, time, h]} into a {@code [batch, h]} buffer. */
    static Tensor lastStep(Tensor seq, Buffers buffer) {
        if (seq == null) {
            throw new IllegalStateException("no forward pass yet");
        }
        int batch = seq.dim(0);
        int time = seq.dim(1);
        int h = seq.dim(2);
        Tensor out = buffer.get(batch, h);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(seq.data(), seq.offset() + (b * time + time - 1) * h, out.data(), out.offset() + b * h, h);
        }
        return out;
    }
}
