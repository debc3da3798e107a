package dev.arcadia.nets.loss;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Tensor;

/** Mean squared error over all elements: {@code mean((p - t)^2)}; gradient {@code 2 (p - t) / n}. */
public final class Mse implements Loss {

    private final Buffers grad = new Buffers();
    private Tensor g;

    @Override
    public double forward(Tensor p, Tensor t) {
        Loss.checkSameShape("MSE", p, t);
        g = grad.like(p);
        int n = p.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float d = p.get(i) - t.get(i);
            sum += (double) d * d;
            g.set(i, 2f * d / n);
        }
        return sum / n;
    }

    @Override
    public Tensor backward() {
        return g;
    }
}
