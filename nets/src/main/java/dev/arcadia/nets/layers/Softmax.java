package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;

/**
 * Softmax over the last dimension (numerically stable: the row maximum is subtracted first). Backward:
 * {@code dx = y * (g - sum(g * y))} per row. For classification prefer the fused
 * {@link dev.arcadia.nets.loss.SoftmaxCrossEntropy} on logits.
 */
public final class Softmax implements Layer {

    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor y;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        y = output.like(x);
        int cols = x.dim(-1);
        int rows = x.size() / cols;
        float[] xd = x.data();
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            int xi = x.offset() + r * cols;
            int yi = y.offset() + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, xd[xi + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(xd[xi + j] - max);
                yd[yi + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                yd[yi + j] *= inv;
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        Tensor dx = inputGrad.like(g);
        int cols = g.dim(-1);
        int rows = g.size() / cols;
        float[] gd = g.data();
        float[] yd = y.data();
        float[] dd = dx.data();
        for (int r = 0; r < rows; r++) {
            int gi = g.offset() + r * cols;
            int yi = y.offset() + r * cols;
            int di = dx.offset() + r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += gd[gi + j] * yd[yi + j];
            }
            for (int j = 0; j < cols; j++) {
                dd[di + j] = (float) (yd[yi + j] * (gd[gi + j] - dot));
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "softmax";
    }
}
