package dev.arcadia.nets.optim;

import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;

/**
 * Stochastic gradient descent, optionally with momentum (Polyak 1964) or Nesterov momentum (Sutskever et al. 2013),
 * in PyTorch's form: {@code v = mu v + g}; {@code w -= lr v} (or {@code w -= lr (g + mu v)} for Nesterov).
 */
public final class Sgd extends Optimizer {

    private final float momentum;
    private final boolean nesterov;
    private final Tensor[] velocity;

    public Sgd(Params params, double learningRate) {
        this(params, learningRate, 0, false);
    }

    public Sgd(Params params, double learningRate, double momentum, boolean nesterov) {
        super(params, learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.velocity = momentum > 0 ? slot("velocity") : null;
    }

    @Override
    protected void update(int index, float[] w, int wo, float[] g, int go, int n) {
        float lr = (float) learningRate;
        if (velocity == null) {
            for (int j = 0; j < n; j++) {
                w[wo + j] -= lr * g[go + j];
            }
            return;
        }
        float[] v = velocity[index].data();
        for (int j = 0; j < n; j++) {
            float vj = momentum * v[j] + g[go + j];
            v[j] = vj;
            w[wo + j] -= lr * (nesterov ? g[go + j] + momentum * vj : vj);
        }
    }
}
