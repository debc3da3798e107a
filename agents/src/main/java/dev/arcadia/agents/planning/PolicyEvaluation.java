package dev.arcadia.agents.planning;

import dev.arcadia.env.TransitionTable;

/**
 * Exact evaluation of a tabular policy on a known model. For FrozenLake (reward 1 only at the goal) the undiscounted
 * value within a horizon is exactly the probability of reaching the goal before the time limit.
 */
public final class PolicyEvaluation {

    private PolicyEvaluation() {
    }

    /**
     * The expected undiscounted return of {@code policy} within {@code horizon} steps, from the model's initial-state
     * distribution, by backward induction: {@code V_0 = 0}, {@code V_k(s) = sum_a pi(a|s) sum_o p_o (r_o + [not
     * terminal] V_{k-1}(s'_o))}.
     */
    public static double finiteHorizon(TransitionTable model, TabularPolicy policy, int horizon) {
        checkShape(model, policy);
        double[] v = new double[model.states()];
        double[] next = new double[model.states()];
        for (int k = 0; k < horizon; k++) {
            for (int s = 0; s < model.states(); s++) {
                double value = 0;
                for (int a = 0; a < model.actions(); a++) {
                    double pa = policy.probability(s, a);
                    if (pa != 0) {
                        value += pa * Planning.actionValue(model, s, a, v, 1.0);
                    }
                }
                next[s] = value;
            }
            double[] t = v;
            v = next;
            next = t;
        }
        return Planning.fromStart(model, v);
    }

    /** The expected discounted return of {@code policy}, iterated until values move less than {@code tolerance}. */
    public static double discounted(TransitionTable model, TabularPolicy policy, double gamma, double tolerance) {
        checkShape(model, policy);
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException("discounted evaluation needs 0 <= gamma < 1, got " + gamma
                    + "; use finiteHorizon for undiscounted values");
        }
        double[] v = new double[model.states()];
        double delta;
        do {
            delta = 0;
            for (int s = 0; s < model.states(); s++) {
                double value = 0;
                for (int a = 0; a < model.actions(); a++) {
                    double pa = policy.probability(s, a);
                    if (pa != 0) {
                        value += pa * Planning.actionValue(model, s, a, v, gamma);
                    }
                }
                delta = Math.max(delta, Math.abs(value - v[s]));
                v[s] = value;
            }
        } while (delta > tolerance);
        return Planning.fromStart(model, v);
    }

    private static void checkShape(TransitionTable model, TabularPolicy policy) {
        if (model.states() != policy.states() || model.actions() != policy.actions()) {
            throw new IllegalArgumentException("policy is for " + policy.states() + " states x " + policy.actions()
                    + " actions, the model has " + model.states() + " x " + model.actions());
        }
    }
}
