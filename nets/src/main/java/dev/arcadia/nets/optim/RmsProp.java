package dev.arcadia.nets.optim;

import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;

/**
 * RMSProp (Tieleman and Hinton, 2012) and its centred form (Graves, 2013), in PyTorch's formulation:
 * {@code s = a s + (1 - a) g^2}; centred also tracks {@code c = a c + (1 - a) g} and uses {@code s - c^2};
 * {@code w -= lr g / (sqrt(s or s - c^2) + eps)}, optionally through a momentum buffer. The DQN papers and MinAtar
 * use the centred form (MinAtar: lr 2.5e-4, a 0.95, eps 0.01).
 */
public final class RmsProp extends Optimizer {

    private final float decay;
    private final float epsilon;
    private final float momentum;
    private final boolean centered;
    private final Tensor[] square;
    private final Tensor[] mean;
    private final Tensor[] buffer;

    public RmsProp(Params params, double learningRate, double decay, double epsilon, double momentum, boolean centered) {
        super(params, learningRate);
        if (!(decay >= 0 && decay < 1 && epsilon > 0 && momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("RMSProp needs 0 <= decay < 1, epsilon > 0, 0 <= momentum < 1, got "
                    + decay + ", " + epsilon + ", " + momentum);
        }
        this.decay = (float) decay;
        this.epsilon = (float) epsilon;
        this.momentum = (float) momentum;
        this.centered = centered;
        this.square = slot("square");
        this.mean = centered ? slot("mean") : null;
        this.buffer = momentum > 0 ? slot("momentum") : null;
    }

    @Override
    protected void update(int index, float[] w, int wo, float[] g, int go, int n) {
        float lr = (float) learningRate;
        float[] s = square[index].data();
        float[] c = centered ? mean[index].data() : null;
        float[] b = buffer != null ? buffer[index].data() : null;
        for (int j = 0; j < n; j++) {
            float gj = g[go + j];
            float sj = decay * s[j] + (1 - decay) * gj * gj;
            s[j] = sj;
            float var = sj;
            if (c != null) {
                float cj = decay * c[j] + (1 - decay) * gj;
                c[j] = cj;
                var = sj - cj * cj;
            }
            float step = gj / ((float) Math.sqrt(Math.max(var, 0f)) + epsilon);
            if (b != null) {
                b[j] = momentum * b[j] + step;
                step = b[j];
            }
            w[wo + j] -= lr * step;
        }
    }
}
