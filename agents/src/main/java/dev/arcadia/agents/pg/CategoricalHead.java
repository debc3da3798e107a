package dev.arcadia.agents.pg;

/**
 * A categorical distribution over {@code n} actions given by unnormalized log-probabilities (logits), one row of a
 * float array: sampling, log-probability, entropy and the gradient of a weighted sum of both with respect to the
 * logits. Computed in double precision; allocates nothing.
 *
 * <p>With {@code log p_j = l_j - logsumexp(l)} and {@code H = -sum_j p_j log p_j}:
 * {@code d log p_a / d l_j = [j = a] - p_j} and {@code d H / d l_j = -p_j (log p_j + H)}.
 */
public final class CategoricalHead {

    private CategoricalHead() {
    }

    /** {@code log sum_j exp(l_j)} of the row, stably. */
    public static double logSumExp(float[] logits, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, logits[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        return max + Math.log(sum);
    }

    /** {@code log p(a)}. */
    public static double logProb(float[] logits, int off, int n, int action) {
        return logits[off + action] - logSumExp(logits, off, n);
    }

    /** The entropy {@code -sum p log p} in nats. */
    public static double entropy(float[] logits, int off, int n) {
        double lse = logSumExp(logits, off, n);
        double h = 0;
        for (int j = 0; j < n; j++) {
            double lp = logits[off + j] - lse;
            h -= Math.exp(lp) * lp;
        }
        return h;
    }

    /** Draws an action by inverting the cumulative distribution at {@code u}, uniform in [0, 1). */
    public static int sample(float[] logits, int off, int n, double u) {
        double lse = logSumExp(logits, off, n);
        double cumulative = 0;
        for (int j = 0; j < n - 1; j++) {
            cumulative += Math.exp(logits[off + j] - lse);
            if (u < cumulative) {
                return j;
            }
        }
        return n - 1;
    }

    /** The most probable action (the first on ties). */
    public static int argmax(float[] logits, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (logits[off + j] > logits[off + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Writes into {@code out[outOff .. outOff + n)} the gradient of {@code gLogProb * log p(action) + gEntropy * H}
     * with respect to the logits.
     */
    public static void gradient(float[] logits, int off, int n, int action, double gLogProb, double gEntropy,
                                float[] out, int outOff) {
        double lse = logSumExp(logits, off, n);
        double h = 0;
        for (int j = 0; j < n; j++) {
            double lp = logits[off + j] - lse;
            h -= Math.exp(lp) * lp;
        }
        for (int j = 0; j < n; j++) {
            double lp = logits[off + j] - lse;
            double p = Math.exp(lp);
            double g = gLogProb * ((j == action ? 1 : 0) - p) - gEntropy * p * (lp + h);
            out[outOff + j] = (float) g;
        }
    }
}
