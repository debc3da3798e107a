package dev.arcadia.agents.pg;

/**
 * Returns and advantages over a rollout of {@code T} steps of {@code N} environment copies, stored time-major
 * (step t of copy i at {@code t * N + i}).
 *
 * <p>{@code dones[t * N + i]} says that copy i's episode ended with step t (terminated or truncated), so nothing is
 * bootstrapped across it. A truncated step is expected to carry its bootstrap in the reward already
 * ({@code r + gamma V(final observation)}, as Stable-Baselines3 does), so one flag serves both kinds of ending.
 * {@code lastValues[i]} is the value of the observation after the rollout's last step, used where copy i's episode
 * continues past the rollout. Computed in double precision; allocates nothing.
 */
public final class Gae {

    private Gae() {
    }

    /**
     * Generalized advantage estimation (Schulman et al., "High-Dimensional Continuous Control Using
     * Generalized Advantage Estimation", ICLR 2016): {@code delta_t = r_t + gamma V(s_t+1) (1 - done_t) - V(s_t)},
     * {@code A_t = delta_t + gamma lambda (1 - done_t) A_t+1}, and the value targets {@code R_t = A_t + V(s_t)}.
     * {@code lambda = 1} gives Monte-Carlo returns minus the baseline (bootstrapped at the rollout's end);
     * {@code lambda = 0} the one-step TD error.
     */
    public static void advantages(int steps, int envs, float[] rewards, boolean[] dones, float[] values,
                                  float[] lastValues, double gamma, double lambda, float[] advantages,
                                  float[] returns) {
        for (int i = 0; i < envs; i++) {
            double next = lastValues[i];
            double running = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + i;
                double notDone = dones[k] ? 0 : 1;
                double delta = rewards[k] + gamma * next * notDone - values[k];
                running = delta + gamma * lambda * notDone * running;
                advantages[k] = (float) running;
                returns[k] = (float) (running + values[k]);
                next = values[k];
            }
        }
    }

    /**
     * Discounted reward-to-go: {@code G_t = r_t + gamma (1 - done_t) G_t+1}, with {@code G_T = lastValues[i]} for
     * an episode still running when the rollout ends (zeros for pure Monte-Carlo returns that ignore the cut).
     */
    public static void rewardToGo(int steps, int envs, float[] rewards, boolean[] dones, float[] lastValues,
                                  double gamma, float[] returns) {
        for (int i = 0; i < envs; i++) {
            double g = lastValues[i];
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + i;
                g = rewards[k] + (dones[k] ? 0 : gamma * g);
                returns[k] = (float) g;
            }
        }
    }

    /**
     * Replaces each reward-to-go by the return of its whole episode segment, {@code G} at the segment's first step
     * (the segment starts at the episode's start or at the rollout's first step): REINFORCE's original estimator,
     * without the reward-to-go variance reduction.
     */
    public static void wholeEpisodeReturns(int steps, int envs, boolean[] dones, float[] returns) {
        for (int i = 0; i < envs; i++) {
            float g = 0;
            for (int t = 0; t < steps; t++) {
                int k = t * envs + i;
                if (t == 0 || dones[k - envs]) {
                    g = returns[k];
                }
                returns[k] = g;
            }
        }
    }

    /** Normalizes {@code x[from .. to)} in place to mean 0 and (sample) standard deviation 1 (plus 1e-8). */
    public static void normalize(float[] x, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        double mean = 0;
        for (int k = from; k < to; k++) {
            mean += x[k];
        }
        mean /= n;
        double var = 0;
        for (int k = from; k < to; k++) {
            var += (x[k] - mean) * (x[k] - mean);
        }
        double sd = Math.sqrt(var / (n - 1));
        for (int k = from; k < to; k++) {
            x[k] = (float) ((x[k] - mean) / (sd + 1e-8));
        }
    }
}
