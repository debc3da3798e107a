package dev.arcadia.agents.planning;

import dev.arcadia.env.TransitionTable;

/**
 * Value iteration (Bellman, 1957) for the discounted infinite-horizon objective: repeat
 * {@code V(s) <- max_a sum_o p_o (r_o + gamma [not terminal] V(s'))} until no value moves more than the tolerance.
 */
public final class ValueIteration {

    /**
     * @param values     optimal state values
     * @param q          optimal action values, {@code q[s * actions + a]}
     * @param iterations sweeps until convergence
     */
    public record Result(double[] values, double[] q, int iterations, double startValue) {

        /** The greedy policy of {@link #q()} (uniform over exact ties). */
        public TabularPolicy greedyPolicy(int actions, long seed) {
            return TabularPolicy.greedy(q, values.length, actions, seed);
        }
    }

    private ValueIteration() {
    }

    /**
     * Solves the model. With {@code gamma = 1} it converges on absorbing problems such as FrozenLake (every
     * episode ends in a terminal state or goes on with values bounded by the goal reward).
     */
    public static Result solve(TransitionTable model, double gamma, double tolerance, int maxIterations) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        int n = model.states();
        int m = model.actions();
        double[] v = new double[n];
        double[] q = new double[n * m];
        int iterations = 0;
        double delta;
        do {
            delta = 0;
            for (int s = 0; s < n; s++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < m; a++) {
                    q[s * m + a] = Planning.actionValue(model, s, a, v, gamma);
                    best = Math.max(best, q[s * m + a]);
                }
                delta = Math.max(delta, Math.abs(best - v[s]));
                v[s] = best;
            }
            iterations++;
        } while (delta > tolerance && iterations < maxIterations);
        if (delta > tolerance) {
            throw new IllegalStateException("value iteration did not converge in " + maxIterations
                    + " sweeps (last change " + delta + " > tolerance " + tolerance + ")");
        }
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < m; a++) {
                q[s * m + a] = Planning.actionValue(model, s, a, v, gamma);
            }
        }
        return new Result(v, q, iterations, Planning.fromStart(model, v));
    }
}
