package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Space;

/**
 * Transforms every action with {@link #action(Object)} before the inner environment sees it, and declares the new
 * {@link #actionSpace()}.
 *
 * @param <O> observation type
 * @param <A> outer action type
 * @param <I> inner action type
 */
public abstract class ActionWrapper<O, A, I> extends EnvWrapper<O, A, O, I> {

    protected ActionWrapper(Env<O, I> env) {
        super(env);
    }

    /** The inner action for an outer one. */
    protected abstract I action(A action);

    @Override
    public abstract Space<A> actionSpace();

    @Override
    public Step<O> reset(long seed) {
        return env.reset(seed);
    }

    @Override
    public Step<O> reset() {
        return env.reset();
    }

    @Override
    public Step<O> step(A action) {
        return env.step(action(action));
    }

    @Override
    public Space<O> observationSpace() {
        return env.observationSpace();
    }
}
