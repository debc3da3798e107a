package dev.arcadia.env;

import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Env#reset} or {@link Env#step}: Gymnasium's five-tuple.
 *
 * <p>{@code terminated} means the MDP reached a terminal state: do not bootstrap from it. {@code truncated} means
 * the episode was cut (time limit) in a non-terminal state: bootstrap from the observation.
 *
 * @param observation the new observation
 * @param reward      the reward of the transition (0 on reset)
 * @param terminated  a terminal state of the task was reached
 * @param truncated   the episode was cut short, for example by a time limit
 * @param info        auxiliary diagnostics, never null (empty when there is nothing to say)
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

    public Step {
        Objects.requireNonNull(info, "info must not be null; use Map.of()");
    }

    /** A reset result: the observation, reward 0, not terminated, not truncated. */
    public static <O> Step<O> ofReset(O observation, Map<String, Object> info) {
        return new Step<>(observation, 0.0, false, false, info);
    }

    /** True when the episode has ended, either way. */
    public boolean done() {
        return terminated || truncated;
    }

    /** A copy with {@code truncated} set (used by time limits). */
    public Step<O> withTruncated(boolean value) {
        return value == truncated ? this : new Step<>(observation, reward, terminated, value, info);
    }

    /** A copy with another info map. */
    public Step<O> withInfo(Map<String, Object> newInfo) {
        return new Step<>(observation, reward, terminated, truncated, newInfo);
    }
}
