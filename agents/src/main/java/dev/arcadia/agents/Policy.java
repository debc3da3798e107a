package dev.arcadia.agents;

/**
 * Chooses actions.
 *
 * @param <O> observation type
 * @param <A> action type
 */
@FunctionalInterface
public interface Policy<O, A> {

    /** The action to take after seeing {@code observation}. */
    A act(O observation, Mode mode);
}
