package dev.arcadia.agents.tabular;

/** How a tabular agent explores while training (config names in brackets). */
public enum Exploration {
    /** [none] Always greedy, ties broken at random: the seed notes' "dummy" Q-learning. */
    NONE,
    /** [epsilon-greedy] A uniformly random action with probability epsilon, decaying per episode. */
    EPSILON_GREEDY,
    /** [noise] argmax of Q plus Gaussian noise shrinking as 1 / (episode + 1), the seed notes' second method. */
    NOISE
}
