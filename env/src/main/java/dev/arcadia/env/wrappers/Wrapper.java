package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Space;

/**
 * A wrapper that keeps the observation and action types; by default it forwards everything. Subclasses override
 * the calls they change.
 */
public abstract class Wrapper<O, A> extends EnvWrapper<O, A, O, A> {

    protected Wrapper(Env<O, A> env) {
        super(env);
    }

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
        return env.step(action);
    }

    @Override
    public Space<O> observationSpace() {
        return env.observationSpace();
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
