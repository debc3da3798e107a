package dev.arcadia.agents.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.util.Rng;
import org.junit.jupiter.api.Test;

/** The action distributions and advantage estimators against closed forms and hand computations. */
class DistributionsTest {

    @Test
    void gaussianLogProbabilityAndEntropyMatchClosedForms() {
        float[] mean = {9f, 0.5f, -1f}; // row 1 starts at offset 1
        float[] logStd = {(float) Math.log(0.7), (float) Math.log(2.0)};
        float[] action = {1.2f, 0.3f};
        double expected = 0;
        double entropy = 0;
        for (int i = 0; i < 2; i++) {
            double mu = mean[1 + i];
            double sigma = Math.exp(logStd[i]);
            // the normal density, written out
            double density = Math.exp(-(action[i] - mu) * (action[i] - mu) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
            expected += Math.log(density);
            entropy += 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
        }
        assertEquals(expected, GaussianHead.logProb(mean, 1, logStd, 0, action, 0, 2), 1e-6);
        assertEquals(entropy, GaussianHead.entropy(logStd, 0, 2), 1e-6);
        // a standard normal in one dimension: log p(0) = -log(2 pi)/2, H = (1 + log 2 pi)/2 = 1.4189385
        assertEquals(-0.9189385, GaussianHead.logProb(new float[] {0}, 0, new float[] {0}, 0, new float[] {0}, 0, 1), 1e-6);
        assertEquals(1.4189385, GaussianHead.entropy(new float[] {0}, 0, 1), 1e-6);
    }

    @Test
    void gaussianSamplesHaveTheMeanDeviationAndEntropy() {
        float[] mean = {0.5f, -1f};
        float[] logStd = {(float) Math.log(0.7), (float) Math.log(2.0)};
        Rng rng = new Rng(3);
        int n = 200_000;
        double[] sum = new double[2];
        double[] sumSq = new double[2];
        double negLogP = 0;
        float[] a = new float[2];
        for (int k = 0; k < n; k++) {
            GaussianHead.sample(mean, 0, logStd, 0, 2, rng, a, 0);
            for (int i = 0; i < 2; i++) {
                sum[i] += a[i];
                sumSq[i] += a[i] * a[i];
            }
            negLogP -= GaussianHead.logProb(mean, 0, logStd, 0, a, 0, 2);
        }
        for (int i = 0; i < 2; i++) {
            double m = sum[i] / n;
            double sd = Math.sqrt(sumSq[i] / n - m * m);
            assertEquals(mean[i], m, 0.02);
            assertEquals(Math.exp(logStd[i]), sd, 0.02);
        }
        assertEquals(GaussianHead.entropy(logStd, 0, 2), negLogP / n, 0.01, "entropy = E[-log p]");
    }

    @Test
    void gaussianGradientsMatchFiniteDifferences() {
        float[] mean = {0.3f, -0.4f};
        float[] logStd = {-0.2f, 0.5f};
        float[] a = {1.1f, -1.7f};
        double gLogP = 0.8;
        double gEnt = -0.3;
        float[] dMean = new float[2];
        float[] dLogStd = new float[2];
        GaussianHead.gradient(mean, 0, logStd, 0, a, 0, 2, gLogP, gEnt, dMean, 0, dLogStd, 0);
        double h = 1e-3;
        for (int i = 0; i < 2; i++) {
            float[] up = mean.clone();
            float[] down = mean.clone();
            up[i] += (float) h;
            down[i] -= (float) h;
            double fd = gLogP * (GaussianHead.logProb(up, 0, logStd, 0, a, 0, 2) - GaussianHead.logProb(down, 0, logStd, 0, a, 0, 2)) / (2 * h);
            assertEquals(fd, dMean[i], 1e-3);
            float[] lsUp = logStd.clone();
            float[] lsDown = logStd.clone();
            lsUp[i] += (float) h;
            lsDown[i] -= (float) h;
            double f1 = gLogP * GaussianHead.logProb(mean, 0, lsUp, 0, a, 0, 2) + gEnt * GaussianHead.entropy(lsUp, 0, 2);
            double f0 = gLogP * GaussianHead.logProb(mean, 0, lsDown, 0, a, 0, 2) + gEnt * GaussianHead.entropy(lsDown, 0, 2);
            assertEquals((f1 - f0) / (2 * h), dLogStd[i], 1e-3);
        }
    }

    @Test
    void categoricalLogProbabilityEntropyAndSampling() {
        float[] logits = {0f, 1f, 2f, 3f}; // row at offset 1: softmax of 1, 2, 3
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double[] p = {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z};
        double h = 0;
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.log(p[j]), CategoricalHead.logProb(logits, 1, 3, j), 1e-6);
            h -= p[j] * Math.log(p[j]);
        }
        assertEquals(h, CategoricalHead.entropy(logits, 1, 3), 1e-6);
        assertEquals(Math.log(4), CategoricalHead.entropy(new float[4], 0, 4), 1e-9, "uniform: log n");
        assertEquals(2, CategoricalHead.argmax(logits, 1, 3));
        Rng rng = new Rng(5);
        int[] counts = new int[3];
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            counts[CategoricalHead.sample(logits, 1, 3, rng.nextDouble())]++;
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(p[j], counts[j] / (double) n, 0.005);
        }
        // large logits do not overflow
        assertEquals(0, CategoricalHead.logProb(new float[] {1000f, -1000f}, 0, 2, 0), 1e-9);
    }

    @Test
    void categoricalGradientMatchesFiniteDifferences() {
        float[] logits = {0.2f, -0.5f, 1.1f};
        double gLogP = -1.3;
        double gEnt = 0.4;
        float[] grad = new float[3];
        CategoricalHead.gradient(logits, 0, 3, 2, gLogP, gEnt, grad, 0);
        double h = 1e-3;
        for (int j = 0; j < 3; j++) {
            float[] up = logits.clone();
            float[] down = logits.clone();
            up[j] += (float) h;
            down[j] -= (float) h;
            double f1 = gLogP * CategoricalHead.logProb(up, 0, 3, 2) + gEnt * CategoricalHead.entropy(up, 0, 3);
            double f0 = gLogP * CategoricalHead.logProb(down, 0, 3, 2) + gEnt * CategoricalHead.entropy(down, 0, 3);
            assertEquals((f1 - f0) / (2 * h), grad[j], 1e-3);
        }
    }

    @Test
    void gaeMatchesAHandComputation() {
        // T = 3 steps of N = 2 copies, time-major. Copy 0's episode ends at step 1; copy 1 runs through.
        float[] rewards = {1, 2, 1, 0, 1, 3};
        boolean[] dones = {false, false, true, false, false, false};
        float[] values = {0.5f, 1.0f, 0.4f, 0.2f, 0.3f, 0.6f};
        float[] last = {0.9f, 0.7f};
        double g = 0.9;
        double l = 0.8;
        float[] adv = new float[6];
        float[] ret = new float[6];
        Gae.advantages(3, 2, rewards, dones, values, last, g, l, adv, ret);
        // copy 0: step 2 (new episode) bootstraps from last[0]; step 1 ends the episode; step 0 bootstraps from V(step 1)
        double d02 = 1 + g * 0.9 - 0.3;
        double d01 = 1 + 0 - 0.4;
        double d00 = 1 + g * 0.4 - 0.5;
        double a02 = d02;
        double a01 = d01; // no carry across the episode's end
        double a00 = d00 + g * l * a01;
        // copy 1: no episode end
        double d12 = 3 + g * 0.7 - 0.6;
        double d11 = 0 + g * 0.6 - 0.2;
        double d10 = 2 + g * 0.2 - 1.0;
        double a12 = d12;
        double a11 = d11 + g * l * a12;
        double a10 = d10 + g * l * a11;
        assertArrayEquals(new float[] {(float) a00, (float) a10, (float) a01, (float) a11, (float) a02, (float) a12}, adv, 1e-6f);
        for (int k = 0; k < 6; k++) {
            assertEquals(adv[k] + values[k], ret[k], 1e-6);
        }
        // lambda = 1: advantages are the discounted returns (bootstrapped at the cut) minus the values
        float[] rtg = new float[6];
        Gae.rewardToGo(3, 2, rewards, dones, last, g, rtg);
        assertArrayEquals(new float[] {(float) (1 + g * 1), (float) (2 + g * (0 + g * (3 + g * 0.7))), 1f,
                (float) (0 + g * (3 + g * 0.7)), (float) (1 + g * 0.9), (float) (3 + g * 0.7)}, rtg, 1e-5f);
        Gae.advantages(3, 2, rewards, dones, values, last, g, 1.0, adv, ret);
        for (int k = 0; k < 6; k++) {
            assertEquals(rtg[k] - values[k], adv[k], 1e-5, "entry " + k);
        }
        // lambda = 0: the one-step TD errors
        Gae.advantages(3, 2, rewards, dones, values, last, g, 0.0, adv, ret);
        assertEquals(d00, adv[0], 1e-6);
        assertEquals(d11, adv[3], 1e-6);
    }

    @Test
    void wholeEpisodeReturnsRepeatEachSegmentsFirstReturn() {
        float[] returns = {5, 7, 4, 6, 3, 2};
        boolean[] dones = {false, false, true, false, false, false};
        Gae.wholeEpisodeReturns(3, 2, dones, returns);
        assertArrayEquals(new float[] {5, 7, 5, 7, 3, 7}, returns);
    }

    @Test
    void normalizeGivesMeanZeroAndUnitSampleDeviation() {
        float[] x = {9, 1, 2, 3, 4, 9};
        Gae.normalize(x, 1, 5);
        double m = (x[1] + x[2] + x[3] + x[4]) / 4.0;
        double v = 0;
        for (int k = 1; k < 5; k++) {
            v += (x[k] - m) * (x[k] - m);
        }
        assertEquals(0, m, 1e-6);
        assertEquals(1, Math.sqrt(v / 3), 1e-6);
        assertTrue(x[0] == 9 && x[5] == 9, "outside the range untouched");
    }
}
