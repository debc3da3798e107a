package dev.arcadia.nets.loss;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Tensor;

/**
 * Binary cross-entropy on logits, mean over all elements, in the stable form
 * {@code max(z, 0) - z t + log(1 + exp(-|z|))}; gradient {@code (sigmoid(z) - t) / n}. The GAN losses use it.
 */
public final class BinaryCrossEntropyWithLogits implements Loss {

    private final Buffers grad = new Buffers();
    private Tensor g;

    @Override
    public double forward(Tensor z, Tensor t) {
        Loss.checkSameShape("binary cross-entropy", z, t);
        g = grad.like(z);
        int n = z.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = z.get(i);
            double y = t.get(i);
            sum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
            g.set(i, (float) ((1.0 / (1.0 + Math.exp(-x)) - y) / n));
        }
        return sum / n;
    }

    @Override
    public Tensor backward() {
        return g;
    }
}
