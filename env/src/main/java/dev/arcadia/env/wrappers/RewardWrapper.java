package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;

/** Transforms every step reward with {@link #reward(double)}. */
public abstract class RewardWrapper<O, A> extends Wrapper<O, A> {

    protected RewardWrapper(Env<O, A> env) {
        super(env);
    }

    /** The outer reward for an inner one. */
    protected abstract double reward(double reward);

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        return new Step<>(s.observation(), reward(s.reward()), s.terminated(), s.truncated(), s.info());
    }
}
