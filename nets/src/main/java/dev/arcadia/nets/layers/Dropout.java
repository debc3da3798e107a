package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout (Srivastava et al. 2014): in training mode each element is zeroed with probability {@code p} and
 * the survivors are scaled by {@code 1 / (1 - p)}, so evaluation needs no rescaling; in evaluation mode the layer is
 * the identity (it returns its input and, in backward, the output gradient). Backward multiplies by the same mask as
 * the last forward. The mask comes from the layer's own generator, independent of any environment's. Note that the
 * seed notes' TensorFlow code passes {@code keep_prob}, which is {@code 1 - p}.
 */
public final class Dropout implements Layer {

    private final double p;
    private final float keepScale;
    private final RandomGenerator rng;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private final Buffers maskBuffer = new Buffers();
    private Tensor mask;
    private boolean trained;
    private boolean frozen;

    /** Drops with probability {@code p} in [0, 1), drawing masks from {@code rng}. */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.keepScale = (float) (1 / (1 - p));
        this.rng = rng;
    }

    /** Drops with probability {@code p}, masks drawn from a generator seeded with {@code seed}. */
    public Dropout(double p, long seed) {
        this(p, new SplittableRandom(seed));
    }

    public double probability() {
        return p;
    }

    /**
     * While frozen, training-mode forward passes reuse the last mask (when the shape is unchanged) instead of drawing
     * a new one: the layer is then a fixed function, which the finite-difference gradient check needs.
     */
    void freezeMask(boolean freeze) {
        this.frozen = freeze;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        trained = training;
        if (!training) {
            return x;
        }
        boolean reuse = frozen && mask != null && mask.size() == x.size() && mask.rank() == x.rank();
        Tensor msk = reuse ? mask : maskBuffer.like(x);
        float[] md = msk.data();
        int mo = msk.offset();
        int n = x.size();
        if (!reuse) {
            for (int i = 0; i < n; i++) {
                md[mo + i] = rng.nextDouble() < p ? 0f : keepScale;
            }
            mask = msk;
        }
        Tensor y = output.like(x);
        float[] xd = x.data();
        float[] yd = y.data();
        int xo = x.offset();
        int yo = y.offset();
        for (int i = 0; i < n; i++) {
            yd[yo + i] = xd[xo + i] * md[mo + i];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        if (!trained) {
            return g;
        }
        if (mask == null || g.size() != mask.size()) {
            throw new IllegalArgumentException("Dropout: output gradient must have the shape of the last input "
                    + (mask == null ? "(no forward yet)" : Arrays.toString(mask.shape())) + ", got "
                    + Arrays.toString(g.shape()));
        }
        Tensor dx = inputGrad.like(g);
        float[] gd = g.data();
        float[] dd = dx.data();
        float[] md = mask.data();
        int go = g.offset();
        int dxo = dx.offset();
        int mo = mask.offset();
        int n = g.size();
        for (int i = 0; i < n; i++) {
            dd[dxo + i] = gd[go + i] * md[mo + i];
        }
        return dx;
    }

    /** The mask of the last training-mode forward (0 or {@code 1 / (1 - p)} per element), for tests. */
    Tensor lastMask() {
        return mask;
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
