package dev.arcadia.nets.optim;

import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;

/**
 * Adam (Kingma and Ba, 2015): {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w -= lr * m_hat / (sqrt(v_hat) + eps)} with bias-corrected moments.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Tensor[] m;
    private final Tensor[] v;

    public Adam(Params params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(Params params, double learningRate, double beta1, double beta2, double epsilon) {
        super(params, learningRate);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got " + beta1 + ", "
                    + beta2 + ", " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = slot("m");
        this.v = slot("v");
    }

    @Override
    protected void update(int index, float[] w, int wo, float[] g, int go, int n) {
        long t = steps();
        float stepSize = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float[] md = m[index].data();
        float[] vd = v[index].data();
        if (wo == 0 && go == 0) {
            // Index-aligned: every array read at [j], which C2 (JDK 17) vectorizes; with offsets it runs scalar.
            for (int j = 0; j < n; j++) {
                float gj = g[j];
                float mj = b1 * md[j] + (1 - b1) * gj;
                float vj = b2 * vd[j] + (1 - b2) * gj * gj;
                md[j] = mj;
                vd[j] = vj;
                w[j] -= stepSize * mj / ((float) Math.sqrt(vj) + eps);
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            float gj = g[go + j];
            float mj = b1 * md[j] + (1 - b1) * gj;
            float vj = b2 * vd[j] + (1 - b2) * gj * gj;
            md[j] = mj;
            vd[j] = vj;
            w[wo + j] -= stepSize * mj / ((float) Math.sqrt(vj) + eps);
        }
    }
}
