package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;
import dev.arcadia.env.util.StateCodec;

/**
 * Truncates an episode after {@code maxEpisodeSteps} steps, as Gymnasium's {@code TimeLimit}: the step that reaches
 * the limit is returned with {@code truncated = true} (also when it is terminal).
 */
public final class TimeLimit<O, A> extends Wrapper<O, A> {

    private final int maxEpisodeSteps;
    private int elapsed;

    public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be positive, got " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Steps taken in the current episode. */
    public int elapsedSteps() {
        return elapsed;
    }

    @Override
    public Step<O> reset(long seed) {
        elapsed = 0;
        return env.reset(seed);
    }

    @Override
    public Step<O> reset() {
        elapsed = 0;
        return env.reset();
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        return ++elapsed >= maxEpisodeSteps ? s.withTruncated(true) : s;
    }

    @Override
    protected void saveState(StateCodec.Writer out) {
        out.writeInt(elapsed);
    }

    @Override
    protected void loadState(StateCodec.Reader in) {
        elapsed = in.readInt();
    }
}
