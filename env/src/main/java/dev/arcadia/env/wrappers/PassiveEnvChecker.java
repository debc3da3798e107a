package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Step;
import java.util.Optional;

/**
 * Checks the first reset and the first step of an environment (observation in its space, finite reward, non-null
 * info) and then gets out of the way, as Gymnasium's {@code PassiveEnvChecker}. A violation is a bug in the
 * environment, reported as an {@link IllegalStateException}.
 */
public final class PassiveEnvChecker<O, A> extends Wrapper<O, A> {

    private final EnvSpec spec;
    private boolean checkedReset;
    private boolean checkedStep;

    public PassiveEnvChecker(Env<O, A> env) {
        this(env, null);
    }

    /** Checks {@code env} and reports {@code spec} (may be null) as the spec of the whole stack above it. */
    public PassiveEnvChecker(Env<O, A> env, EnvSpec spec) {
        super(env);
        this.spec = spec;
        if (env.observationSpace() == null || env.actionSpace() == null) {
            throw new IllegalStateException(env + " must define both an observation space and an action space");
        }
    }

    @Override
    public Optional<EnvSpec> spec() {
        return spec != null ? Optional.of(spec) : env.spec();
    }

    @Override
    public Step<O> reset(long seed) {
        return checkReset(env.reset(seed));
    }

    @Override
    public Step<O> reset() {
        return checkReset(env.reset());
    }

    private Step<O> checkReset(Step<O> s) {
        if (!checkedReset) {
            check(s, "reset");
            checkedReset = true;
        }
        return s;
    }

    @Override
    public Step<O> step(A action) {
        Step<O> s = env.step(action);
        if (!checkedStep) {
            check(s, "step");
            checkedStep = true;
        }
        return s;
    }

    private void check(Step<O> s, String call) {
        if (s == null) {
            throw new IllegalStateException(env + "." + call + "() returned null; expected a Step");
        }
        if (!env.observationSpace().contains(s.observation())) {
            throw new IllegalStateException(env + "." + call + "(): "
                    + env.observationSpace().explainNotContained("observation", s.observation()));
        }
        if (!Double.isFinite(s.reward())) {
            throw new IllegalStateException(env + "." + call + "() returned reward " + s.reward() + "; expected a finite number");
        }
    }
}
