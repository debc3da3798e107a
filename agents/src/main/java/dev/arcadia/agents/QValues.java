package dev.arcadia.agents;

/**
 * An agent that can report its action values, for greedy policies, exact evaluation on tabular models and the
 * viewer's Q-value overlay.
 */
public interface QValues<O> {

    /** Writes {@code Q(observation, a)} for every action into {@code out} (length = number of actions). */
    void qValues(O observation, double[] out);
}
