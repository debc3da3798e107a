package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Space;

/**
 * Transforms every observation (from reset and step) with {@link #observation(Object)} and declares the new
 * {@link #observationSpace()}.
 *
 * @param <I> inner observation type
 * @param <O> outer observation type
 * @param <A> action type
 */
public abstract class ObservationWrapper<I, O, A> extends EnvWrapper<O, A, I, A> {

    protected ObservationWrapper(Env<I, A> env) {
        super(env);
    }

    /** The outer observation for an inner one. */
    protected abstract O observation(I observation);

    @Override
    public abstract Space<O> observationSpace();

    private Step<O> map(Step<I> s) {
        return new Step<>(observation(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
    }

    @Override
    public Step<O> reset(long seed) {
        return map(env.reset(seed));
    }

    @Override
    public Step<O> reset() {
        return map(env.reset());
    }

    @Override
    public Step<O> step(A action) {
        return map(env.step(action));
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public java.util.List<String> actionNames() {
        return env.actionNames();
    }
}
