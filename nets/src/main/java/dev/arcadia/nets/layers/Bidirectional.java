package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A bidirectional recurrent layer (Schuster and Paliwal 1997): one layer reads the sequence left to right, a second
 * reads it right to left (it is run on the time-reversed input and its output is reversed back), and the outputs are
 * concatenated along features, {@code [batch, time, hiddenF + hiddenB]}, so output step {@code t} holds both
 * directions' states at time {@code t}. Backward splits the gradient the same way and sums both input gradients.
 * Parameters are named {@code forward.*} and {@code backward.*}.
 *
 * <p>Summarising a sequence (e.g. for a classifier): the forward direction has read the whole sequence at the
 * <em>last</em> step, the backward direction at the <em>first</em> step (seed notes SEQ-9 and trap 5.1: taking
 * {@code output[:, T-1]} gives a backward state that has read one token). Use {@link #finalState()} or the
 * {@link FinalStates} layer ({@link #finalStates()}) for {@code [h_fwd(T), h_bwd(1)]}.
 */
public final class Bidirectional implements Layer {

    private final Layer fwd;
    private final Layer bwd;
    private final List<Param> params;
    private final Buffers reversedInput = new Buffers();
    private final Buffers reversedGrad = new Buffers();
    private final Buffers forwardGrad = new Buffers();
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers finalBuf = new Buffers();
    private Tensor input;
    private Tensor y;
    private int hf;
    private int hb;

    /**
     * @param forward  a layer mapping {@code [batch, time, in]} to {@code [batch, time, hiddenF]} (Rnn, Lstm, Gru)
     * @param backward another such layer (a separate instance), run on the reversed sequence
     */
    public Bidirectional(Layer forward, Layer backward) {
        if (forward == backward) {
            throw new IllegalArgumentException("Bidirectional needs two separate layer instances, got the same one twice");
        }
        this.fwd = forward;
        this.bwd = backward;
        List<Param> p = new ArrayList<>();
        for (Param param : forward.params()) {
            p.add(param.renamed("forward." + param.name()));
        }
        for (Param param : backward.params()) {
            p.add(param.renamed("backward." + param.name()));
        }
        this.params = Collections.unmodifiableList(p);
    }

    /** The left-to-right layer. */
    public Layer forwardLayer() {
        return fwd;
    }

    /** The right-to-left layer (its own time axis is reversed: its step 0 is the sequence's last step). */
    public Layer backwardLayer() {
        return bwd;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 3 || x.dim(0) < 1 || x.dim(1) < 1) {
            throw new IllegalArgumentException("Bidirectional needs input [batch, time, features], got "
                    + Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        int time = x.dim(1);
        Tensor xr = reversedInput.like(x);
        reverseTime(x, xr);
        Tensor of = fwd.forward(x, training);
        Tensor ob = bwd.forward(xr, training);
        checkOutput(of, batch, time, "forward");
        checkOutput(ob, batch, time, "backward");
        hf = of.dim(2);
        hb = ob.dim(2);
        int width = hf + hb;
        y = output.get(batch, time, width);
        float[] yd = y.data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int row = y.offset() + (b * time + t) * width;
                System.arraycopy(of.data(), of.offset() + (b * time + t) * hf, yd, row, hf);
                System.arraycopy(ob.data(), ob.offset() + (b * time + time - 1 - t) * hb, yd, row + hf, hb);
            }
        }
        input = x;
        return y;
    }

    private static void checkOutput(Tensor o, int batch, int time, String which) {
        if (o.rank() != 3 || o.dim(0) != batch || o.dim(1) != time) {
            throw new IllegalArgumentException("Bidirectional: the " + which + " layer must output [" + batch + ", " + time
                    + ", hidden], got " + Arrays.toString(o.shape()));
        }
    }

    /** Copies {@code src} {@code [batch, time, f]} into {@code dst} with the time axis reversed. */
    static void reverseTime(Tensor src, Tensor dst) {
        int batch = src.dim(0);
        int time = src.dim(1);
        int f = src.dim(2);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                System.arraycopy(src.data(), src.offset() + (b * time + t) * f, dst.data(),
                        dst.offset() + (b * time + time - 1 - t) * f, f);
            }
        }
    }

    @Override
    public Tensor backward(Tensor g) {
        Rnn.checkGrad("Bidirectional", g, y);
        int batch = y.dim(0);
        int time = y.dim(1);
        int width = hf + hb;
        Tensor gf = forwardGrad.get(batch, time, hf);
        Tensor gb = reversedGrad.get(batch, time, hb);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int row = g.offset() + (b * time + t) * width;
                System.arraycopy(g.data(), row, gf.data(), gf.offset() + (b * time + t) * hf, hf);
                System.arraycopy(g.data(), row + hf, gb.data(), gb.offset() + (b * time + time - 1 - t) * hb, hb);
            }
        }
        Tensor dxf = fwd.backward(gf);
        Tensor dxb = bwd.backward(gb);
        Tensor dx = inputGrad.like(input);
        reverseTime(dxb, dx);
        float[] dd = dx.data();
        float[] fd = dxf.data();
        int n = dx.size();
        for (int i = 0; i < n; i++) {
            dd[dx.offset() + i] += fd[dxf.offset() + i];
        }
        return dx;
    }

    /**
     * {@code [batch, hiddenF + hiddenB]}: the forward state at the last step and the backward state at the first step
     * of the last forward (each direction's state after reading the whole sequence). A layer-owned copy.
     */
    public Tensor finalState() {
        if (y == null) {
            throw new IllegalStateException("Bidirectional: no forward pass yet");
        }
        return FinalStates.gather(y, hf, finalBuf);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public List<Param> buffers() {
        List<Param> b = new ArrayList<>();
        for (Param param : fwd.buffers()) {
            b.add(param.renamed("forward." + param.name()));
        }
        for (Param param : bwd.buffers()) {
            b.add(param.renamed("backward." + param.name()));
        }
        return b;
    }

    /** A layer taking a bidirectional output {@code [batch, time, 2h]} to {@code [h_fwd(T), h_bwd(1)]}. */
    public static FinalStates finalStates() {
        return new FinalStates(-1);
    }

    /** A layer taking {@code [batch, time, h]} to its last step {@code [batch, h]} (many-to-one, one direction). */
    public static FinalStates lastTimeStep() {
        return new FinalStates(Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "Bidirectional(" + fwd + ", " + bwd + ")";
    }

    /**
     * Selects, from {@code [batch, time, features]}, the first {@code forwardWidth} features at the last step and the
     * remaining ones at the first step, giving {@code [batch, features]}; backward scatters the gradient back (zero
     * elsewhere). This is the correct sequence summary of a {@link Bidirectional} output (seed notes trap 5.1).
     */
    public static final class FinalStates implements Layer {

        private final int forwardWidth;
        private final Buffers output = new Buffers();
        private final Buffers inputGrad = new Buffers();
        private Tensor input;
        private int split;

        /**
         * @param forwardWidth features taken from the last step; -1 for half of them (a bidirectional output with equal
         *                     hidden sizes); {@code Integer.MAX_VALUE} for all of them (plain last step)
         */
        public FinalStates(int forwardWidth) {
            if (forwardWidth < -1) {
                throw new IllegalArgumentException("FinalStates forward width must be >= 0 or -1 (half), got " + forwardWidth);
            }
            this.forwardWidth = forwardWidth;
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            if (x.rank() != 3 || x.dim(1) < 1) {
                throw new IllegalArgumentException("FinalStates needs input [batch, time, features], got "
                        + Arrays.toString(x.shape()));
            }
            int f = x.dim(2);
            if (forwardWidth == -1 && f % 2 != 0) {
                throw new IllegalArgumentException("FinalStates(half) needs an even feature count, got " + f);
            }
            split = forwardWidth == -1 ? f / 2 : Math.min(forwardWidth, f);
            input = x;
            return gather(x, split, output);
        }

        static Tensor gather(Tensor x, int split, Buffers buffer) {
            int batch = x.dim(0);
            int time = x.dim(1);
            int f = x.dim(2);
            Tensor y = buffer.get(batch, f);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(x.data(), x.offset() + (b * time + time - 1) * f, y.data(), y.offset() + b * f, split);
                System.arraycopy(x.data(), x.offset() + b * time * f + split, y.data(), y.offset() + b * f + split, f - split);
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor g) {
            int batch = input.dim(0);
            int time = input.dim(1);
            int f = input.dim(2);
            if (!g.hasShape(batch, f)) {
                throw new IllegalArgumentException("FinalStates output gradient must be [" + batch + ", " + f + "], got "
                        + Arrays.toString(g.shape()));
            }
            Tensor dx = inputGrad.like(input);
            dx.fill(0f);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(g.data(), g.offset() + b * f, dx.data(), dx.offset() + (b * time + time - 1) * f, split);
                System.arraycopy(g.data(), g.offset() + b * f + split, dx.data(), dx.offset() + b * time * f + split,
                        f - split);
            }
            return dx;
        }

        @Override
        public String toString() {
            return forwardWidth == Integer.MAX_VALUE ? "lastTimeStep" : "finalStates";
        }
    }
}
