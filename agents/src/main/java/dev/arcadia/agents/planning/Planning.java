package dev.arcadia.agents.planning;

import dev.arcadia.env.TransitionTable;

/** Bellman backups shared by the planners. */
final class Planning {

    private Planning() {
    }

    /** {@code sum_o p_o (r_o + gamma [not terminal] v(s'_o))} for one state-action pair. */
    static double actionValue(TransitionTable model, int s, int a, double[] v, double gamma) {
        double q = 0;
        for (int i = model.start(s, a); i < model.end(s, a); i++) {
            double future = model.terminated(i) ? 0 : gamma * v[model.nextState(i)];
            q += model.probability(i) * (model.reward(i) + future);
        }
        return q;
    }

    /** The expectation of {@code v} under the initial-state distribution. */
    static double fromStart(TransitionTable model, double[] v) {
        double total = 0;
        for (int s = 0; s < model.states(); s++) {
            total += model.initialProbability(s) * v[s];
        }
        return total;
    }
}
