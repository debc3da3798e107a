package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Space;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call protocol shared by the vector environments (reset before step, no step after a failed call until the
 * next reset, nothing after close) and the buffer accessors; subclasses only decide who works on which copies.
 */
abstract class AbstractVectorEnv implements VectorEnv {

    static final int RESET_SEEDED = 0;
    static final int RESET = 1;
    static final int STEP_INT = 2;
    static final int STEP_FLOAT = 3;

    final CopyBatch batch;
    private boolean started;
    private boolean broken;
    private boolean closed;

    AbstractVectorEnv(List<? extends Env<float[], ?>> copies) {
        this.batch = new CopyBatch(copies);
    }

    /**
     * Runs one call on every copy and returns when all are done, with their results visible to the calling thread.
     * Per-copy failures are recorded in the batch, never thrown.
     */
    abstract void runAll(int op, long seed, int[] intActions, float[] floatActions);

    @Override
    public final void reset(long seed) {
        call(RESET_SEEDED, seed, null, null, "reset(" + seed + ")");
    }

    @Override
    public final void reset() {
        call(RESET, 0, null, null, "reset()");
    }

    @Override
    public final void step(int[] actions) {
        checkSteppable();
        batch.checkIntActions(actions);
        call(STEP_INT, 0, actions, null, "step()");
    }

    @Override
    public final void step(float[] actions) {
        checkSteppable();
        batch.checkFloatActions(actions);
        call(STEP_FLOAT, 0, null, actions, "step()");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void checkSteppable() {
        checkOpen();
        if (!started) {
            throw new IllegalStateException("step() called before reset() on " + this
                    + ": call reset() or reset(seed) first");
        }
        if (broken) {
            throw new IllegalStateException("step() called after a failed call on " + this
                    + ": the copies are out of step; call reset() or reset(seed) first");
        }
    }

    private void call(int op, long seed, int[] intActions, float[] floatActions, String name) {
        checkOpen();
        batch.clearFailures();
        runAll(op, seed, intActions, floatActions);
        VectorEnvException failure = batch.failure(name);
        if (failure != null) {
            broken = true;
            throw failure;
        }
        if (op == RESET_SEEDED || op == RESET) {
            started = true;
            broken = false;
        }
    }

    /** Called once by {@link #close()}; releases threads. */
    abstract void shutdown();

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            shutdown();
        } finally {
            batch.closeAll();
        }
    }

    /** True once {@link #close()} has been called. */
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final int numEnvs() {
        return batch.numEnvs;
    }

    @Override
    public final Box singleObservationSpace() {
        return batch.observationSpace;
    }

    @Override
    public final Space<?> singleActionSpace() {
        return batch.actionSpace;
    }

    @Override
    public final int observationSize() {
        return batch.obsSize;
    }

    @Override
    public final boolean discreteActions() {
        return batch.discrete;
    }

    @Override
    public final int actionSize() {
        return batch.actionSize;
    }

    @Override
    public final Optional<EnvSpec> spec() {
        return batch.spec();
    }

    @Override
    public final Env<float[], ?> env(int i) {
        return batch.env(i);
    }

    @Override
    public final float[] observations() {
        return batch.observations;
    }

    @Override
    public final float[] finalObservations() {
        return batch.finalObservations;
    }

    @Override
    public final double[] rewards() {
        return batch.rewards;
    }

    @Override
    public final boolean[] terminated() {
        return batch.terminated;
    }

    @Override
    public final boolean[] truncated() {
        return batch.truncated;
    }

    @Override
    public final Map<String, Object> info(int i) {
        return batch.infos[i];
    }

    @Override
    public final Map<String, Object> resetInfo(int i) {
        return batch.resetInfos[i];
    }
}
