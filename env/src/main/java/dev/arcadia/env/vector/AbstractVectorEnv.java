package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.StateCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call protocol shared by the vector environments (reset before step, no step after a failed call until the
 * next reset, nothing after close), the buffer accessors and snapshots; subclasses only decide who works on which
 * copies.
 *
 * <p>A snapshot ({@link Snapshotable}) holds every copy's own snapshot (so every copy must be {@link Snapshotable};
 * the standard wrappers are) and the batch buffers: observations, final observations, rewards and flags. Info maps
 * are not saved: after {@link #restore} they are empty. Restoring makes the vector environment continue exactly as
 * from the snapshot, and counts as a reset (steps are allowed again after a failed call).
 */
abstract class AbstractVectorEnv implements VectorEnv, Snapshotable {

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

    @Override
    public final byte[] snapshot() {
        checkOpen();
        if (!started || broken) {
            throw new IllegalStateException("snapshot() of " + this + (started ? " after a failed call" : " before reset()")
                    + ": the copies have no consistent state; call reset() or reset(seed) first");
        }
        StateCodec.Writer out = new StateCodec.Writer("VectorEnv");
        out.writeInt(batch.numEnvs).writeInt(batch.obsSize);
        for (int i = 0; i < batch.numEnvs; i++) {
            out.writeBytes(snapshotable(i).snapshot());
        }
        for (int k = 0; k < batch.observations.length; k++) {
            out.writeInt(Float.floatToRawIntBits(batch.observations[k]));
            out.writeInt(Float.floatToRawIntBits(batch.finalObservations[k]));
        }
        for (int i = 0; i < batch.numEnvs; i++) {
            out.writeDouble(batch.rewards[i]).writeBoolean(batch.terminated[i]).writeBoolean(batch.truncated[i]);
        }
        return out.toByteArray();
    }

    @Override
    public final void restore(byte[] snapshot) {
        checkOpen();
        StateCodec.Reader in = new StateCodec.Reader(snapshot, "VectorEnv");
        int n = in.readInt();
        int obs = in.readInt();
        if (n != batch.numEnvs || obs != batch.obsSize) {
            throw new IllegalArgumentException("snapshot is of " + n + " copies with " + obs + " observation floats, "
                    + "expected " + batch.numEnvs + " copies with " + batch.obsSize + " (" + this + ")");
        }
        byte[][] copies = new byte[n][];
        for (int i = 0; i < n; i++) {
            copies[i] = in.readBytes();
        }
        float[] observations = new float[batch.observations.length];
        float[] finals = new float[observations.length];
        for (int k = 0; k < observations.length; k++) {
            observations[k] = Float.intBitsToFloat(in.readInt());
            finals[k] = Float.intBitsToFloat(in.readInt());
        }
        double[] rewards = new double[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        for (int i = 0; i < n; i++) {
            rewards[i] = in.readDouble();
            terminated[i] = in.readBoolean();
            truncated[i] = in.readBoolean();
        }
        in.end();
        broken = true; // until every copy is restored: a copy that rejects its bytes leaves the batch inconsistent
        for (int i = 0; i < n; i++) {
            try {
                snapshotable(i).restore(copies[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("copy " + i + " of " + this + ": " + e.getMessage(), e);
            }
        }
        System.arraycopy(observations, 0, batch.observations, 0, observations.length);
        System.arraycopy(finals, 0, batch.finalObservations, 0, finals.length);
        System.arraycopy(rewards, 0, batch.rewards, 0, n);
        System.arraycopy(terminated, 0, batch.terminated, 0, n);
        System.arraycopy(truncated, 0, batch.truncated, 0, n);
        batch.clearInfos();
        started = true;
        broken = false;
    }

    private Snapshotable snapshotable(int i) {
        if (!(batch.env(i) instanceof Snapshotable s)) {
            throw new UnsupportedOperationException("copy " + i + " of " + this + " (" + batch.env(i)
                    + ") does not support snapshots: it does not implement Snapshotable");
        }
        return s;
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
