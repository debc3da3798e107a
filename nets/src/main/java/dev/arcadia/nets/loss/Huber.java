package dev.arcadia.nets.loss;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Tensor;

/**
 * Huber loss (Huber, 1964), mean over all elements: {@code 0.5 d^2} for {@code |d| <= delta}, else
 * {@code delta (|d| - 0.5 delta)}; the gradient is {@code d} clipped to {@code [-delta, delta]}, divided by n. DQN's
 * "error clipping" is Huber with delta 1 (PyTorch's smooth L1).
 */
public final class Huber implements Loss {

    private final float delta;
    private final Buffers grad = new Buffers();
    private Tensor g;

    public Huber(double delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Huber delta must be > 0, got " + delta);
        }
        this.delta = (float) delta;
    }

    @Override
    public double forward(Tensor p, Tensor t) {
        Loss.checkSameShape("Huber", p, t);
        g = grad.like(p);
        int n = p.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float d = p.get(i) - t.get(i);
            float a = Math.abs(d);
            sum += a <= delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
            g.set(i, Math.max(-delta, Math.min(delta, d)) / n);
        }
        return sum / n;
    }

    @Override
    public Tensor backward() {
        return g;
    }
}
