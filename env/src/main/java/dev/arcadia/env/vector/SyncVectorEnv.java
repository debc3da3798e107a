package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import java.util.List;
import java.util.Map;

/**
 * A {@link VectorEnv} that steps its copies one after the other on the calling thread, as Gymnasium's
 * {@code SyncVectorEnv} and Stable-Baselines3's {@code DummyVecEnv}: no threads, the simplest and, for light
 * environments, the fastest choice. Autoreset, seeding and buffer semantics are those described in {@link VectorEnv}.
 */
public final class SyncVectorEnv extends AbstractVectorEnv {

    /** {@code numEnvs} copies of {@code Envs.make(id, options)} (standard wrappers included). */
    public SyncVectorEnv(String id, Map<String, ?> options, int numEnvs) {
        this(CopyBatch.make(id, options, numEnvs));
    }

    /** {@code numEnvs} copies of {@code Envs.make(id)}. */
    public SyncVectorEnv(String id, int numEnvs) {
        this(id, Map.of(), numEnvs);
    }

    /** The given copies (distinct objects with equal spaces and float[] observations); closing closes them. */
    public SyncVectorEnv(List<? extends Env<float[], ?>> copies) {
        super(copies);
    }

    @Override
    void runAll(int op, long seed, int[] intActions, float[] floatActions) {
        int n = batch.numEnvs;
        switch (op) {
            case RESET_SEEDED -> batch.reset(0, n, true, seed);
            case RESET -> batch.reset(0, n, false, 0);
            case STEP_INT -> batch.step(0, n, intActions);
            case STEP_FLOAT -> batch.step(0, n, floatActions);
            default -> throw new IllegalStateException("unknown operation " + op);
        }
    }

    @Override
    void shutdown() {
    }

    @Override
    public String toString() {
        return "SyncVectorEnv[" + batch.numEnvs + " x " + batch.name + "]";
    }
}
