package dev.arcadia.nets.loss;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Tensor;

/**
 * Softmax followed by cross-entropy, fused for stability, on logits {@code [batch, classes]}: mean over the batch of
 * {@code -sum_c t_c log softmax(z)_c}. The target is a probability row per example (one-hot for labels; see
 * {@link #forward(Tensor, int[])}). Gradient: {@code (softmax(z) - t) / batch}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final Buffers grad = new Buffers();
    private Tensor g;

    @Override
    public double forward(Tensor logits, Tensor target) {
        Loss.checkSameShape("softmax cross-entropy", logits, target);
        return compute(logits, target, null);
    }

    /** With integer class labels, one per row. */
    public double forward(Tensor logits, int[] labels) {
        if (logits.rank() != 2 || labels.length != logits.dim(0)) {
            throw new IllegalArgumentException("softmax cross-entropy needs logits [batch, classes] and one label per row, got "
                    + java.util.Arrays.toString(logits.shape()) + " and " + labels.length + " labels");
        }
        return compute(logits, null, labels);
    }

    private double compute(Tensor z, Tensor t, int[] labels) {
        int classes = z.dim(-1);
        int rows = z.size() / classes;
        g = grad.like(z);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z.get(base + c) - max);
            }
            double logSum = Math.log(sum) + max;
            if (labels != null && (labels[r] < 0 || labels[r] >= classes)) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r + " is outside 0.." + (classes - 1));
            }
            for (int c = 0; c < classes; c++) {
                double target = labels != null ? (labels[r] == c ? 1 : 0) : t.get(base + c);
                double logP = z.get(base + c) - logSum;
                if (target != 0) {
                    total -= target * logP;
                }
                g.set(base + c, (float) ((Math.exp(logP) - target) / rows));
            }
        }
        return total / rows;
    }

    @Override
    public Tensor backward() {
        return g;
    }
}
