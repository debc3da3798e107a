package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.StateCodec;

/**
 * Enforces the call order and the action contract: {@code step} before the first {@code reset}, {@code step} after
 * the episode ended (terminated or truncated), and actions outside the action space each fail with a message
 * saying what happened and what to do. It sits outside the time limit so that it also sees truncation.
 */
public final class OrderEnforcing<O, A> extends Wrapper<O, A> {

    private final Space<A> actionSpace;
    private boolean hasReset;
    private boolean ended;

    public OrderEnforcing(Env<O, A> env) {
        super(env);
        this.actionSpace = env.actionSpace();
    }

    @Override
    public Step<O> reset(long seed) {
        Step<O> s = env.reset(seed);
        hasReset = true;
        ended = false;
        return s;
    }

    @Override
    public Step<O> reset() {
        Step<O> s = env.reset();
        hasReset = true;
        ended = false;
        return s;
    }

    @Override
    public Step<O> step(A action) {
        if (!hasReset) {
            throw new IllegalStateException("step() called before reset() on " + env
                    + ": call reset() or reset(seed) to start an episode first");
        }
        if (ended) {
            throw new IllegalStateException("step() called after the episode ended on " + env
                    + ": the last step returned terminated or truncated; call reset() to start a new episode");
        }
        if (!actionSpace.contains(action)) {
            throw new IllegalArgumentException(actionSpace.explainNotContained("action", action));
        }
        Step<O> s = env.step(action);
        ended = s.terminated() || s.truncated();
        return s;
    }

    /** True once reset has been called. */
    public boolean hasReset() {
        return hasReset;
    }

    @Override
    protected void saveState(StateCodec.Writer out) {
        out.writeBoolean(hasReset).writeBoolean(ended);
    }

    @Override
    protected void loadState(StateCodec.Reader in) {
        hasReset = in.readBoolean();
        ended = in.readBoolean();
    }
}
