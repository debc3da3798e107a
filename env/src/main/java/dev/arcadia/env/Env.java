package dev.arcadia.env;

import dev.arcadia.env.space.Space;
import java.util.Optional;

/**
 * A reinforcement-learning environment with Gymnasium's contract.
 *
 * <p>One episode at a time: {@link #reset(long)} or {@link #reset()} starts an episode and {@link #step(Object)}
 * advances it until {@link Step#terminated()} or {@link Step#truncated()}. The environment owns its random
 * stream; only {@code reset(seed)} reseeds it, and a plain {@code reset()} continues the stream, so
 * {@code reset(seed)} once and {@code reset()} afterwards gives a reproducible sequence of episodes.
 *
 * @param <O> observation type (for example {@code Integer} for a {@code Discrete} space, {@code float[]} for a Box)
 * @param <A> action type
 */
public interface Env<O, A> extends AutoCloseable {

    /** Seeds the environment's random stream and starts an episode. Reward is 0 and both flags are false. */
    Step<O> reset(long seed);

    /** Starts an episode, continuing the random stream (seeded from entropy if never seeded). */
    Step<O> reset();

    /**
     * Advances the episode by one action.
     *
     * @throws IllegalArgumentException if the action is outside {@link #actionSpace()}
     * @throws IllegalStateException if called before the first reset
     */
    Step<O> step(A action);

    Space<O> observationSpace();

    Space<A> actionSpace();

    /** The registry spec this environment was made from; empty for an environment built directly. */
    default Optional<EnvSpec> spec() {
        return Optional.empty();
    }

    /**
     * Human-readable names of the discrete actions, indexed by action (e.g. "Left", "Down", "Right", "Up"), for
     * viewers, key maps and logs; empty when the environment does not name them.
     */
    default java.util.List<String> actionNames() {
        return java.util.List.of();
    }

    /** The innermost environment below all wrappers (this one if it is not a wrapper). */
    default Env<?, ?> unwrapped() {
        return this;
    }

    /** Releases resources; environments without any keep the default no-op. */
    @Override
    default void close() {
    }
}
