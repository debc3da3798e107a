package dev.arcadia.agents;

/**
 * A policy that draws its actions from an explicit distribution, for the viewer's overlay (as {@link QValues} is for
 * value-based agents): the probability of each {@code Discrete} action, or the mean and standard deviation of a
 * diagonal Gaussian over {@code Box} actions (before clipping to the action space).
 */
public interface PolicyDistribution<O> {

    /** The distribution the policy samples from in {@link Mode#TRAIN} at {@code observation}. */
    Distribution distribution(O observation);

    /** A distribution over actions. */
    sealed interface Distribution permits Categorical, Gaussian {
    }

    /**
     * A categorical distribution: {@code probabilities[a]} for each action, summing to 1.
     *
     * @param probabilities one per action
     */
    record Categorical(double[] probabilities) implements Distribution {
    }

    /**
     * A diagonal Gaussian: per action dimension, the mean (the action taken in {@link Mode#EVAL}, once clipped to
     * the space) and the standard deviation.
     *
     * @param mean one per dimension
     * @param std  one per dimension, positive
     */
    record Gaussian(double[] mean, double[] std) implements Distribution {
    }
}
