package dev.arcadia.agents.pg;

import java.util.random.RandomGenerator;

/**
 * A diagonal Gaussian over {@code d} action dimensions: the mean is one row of the actor's output, the log standard
 * deviation a state-independent parameter vector (as in Schulman et al.'s PPO and CleanRL). Sampling,
 * log-probability, entropy and gradients, in double precision; allocates nothing.
 *
 * <p>{@code log p(a) = sum_i [-(a_i - mu_i)^2 / (2 sigma_i^2) - log sigma_i - log(2 pi) / 2]},
 * {@code H = sum_i [log sigma_i + (1 + log(2 pi)) / 2]};
 * {@code d log p / d mu_i = (a_i - mu_i) / sigma_i^2},
 * {@code d log p / d log sigma_i = (a_i - mu_i)^2 / sigma_i^2 - 1}, {@code d H / d log sigma_i = 1}.
 */
public final class GaussianHead {

    /** {@code log(2 pi) / 2}. */
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private GaussianHead() {
    }

    /** {@code log p(a)} of {@code a[aOff .. aOff + d)} under mean {@code mean[off ..]} and {@code logStd[0 .. d)}. */
    public static double logProb(float[] mean, int off, float[] logStd, int lsOff, float[] a, int aOff, int d) {
        double lp = 0;
        for (int i = 0; i < d; i++) {
            double ls = logStd[lsOff + i];
            double z = (a[aOff + i] - mean[off + i]) * Math.exp(-ls);
            lp += -0.5 * z * z - ls - HALF_LOG_2PI;
        }
        return lp;
    }

    /** The entropy in nats (independent of the mean). */
    public static double entropy(float[] logStd, int lsOff, int d) {
        double h = 0;
        for (int i = 0; i < d; i++) {
            h += logStd[lsOff + i] + 0.5 + HALF_LOG_2PI;
        }
        return h;
    }

    /** Draws {@code mean + sigma * N(0, 1)} per dimension into {@code out[outOff ..]}. */
    public static void sample(float[] mean, int off, float[] logStd, int lsOff, int d, RandomGenerator rng,
                              float[] out, int outOff) {
        for (int i = 0; i < d; i++) {
            out[outOff + i] = (float) (mean[off + i] + Math.exp(logStd[lsOff + i]) * rng.nextGaussian());
        }
    }

    /**
     * The gradient of {@code gLogProb * log p(a) + gEntropy * H}: written into {@code dMean[dOff .. dOff + d)} and
     * <em>added</em> into {@code dLogStd[dlOff .. dlOff + d)} (the log standard deviation is shared by all rows).
     */
    public static void gradient(float[] mean, int off, float[] logStd, int lsOff, float[] a, int aOff, int d,
                                double gLogProb, double gEntropy, float[] dMean, int dOff, float[] dLogStd, int dlOff) {
        for (int i = 0; i < d; i++) {
            double invVar = Math.exp(-2.0 * logStd[lsOff + i]);
            double diff = a[aOff + i] - mean[off + i];
            dMean[dOff + i] = (float) (gLogProb * diff * invVar);
            dLogStd[dlOff + i] += (float) (gLogProb * (diff * diff * invVar - 1) + gEntropy);
        }
    }
}
