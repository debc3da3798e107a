package dev.arcadia.agents;

/** Whether an action is chosen for learning (with exploration) or for evaluation (greedy). */
public enum Mode {
    /** Explore as the algorithm's schedule says. */
    TRAIN,
    /** Act greedily; ties are broken at random so that no action is favoured by its index. */
    EVAL
}
