package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The copies and batch buffers shared by {@link SyncVectorEnv} and {@link ThreadedVectorEnv}, and the per-copy work
 * on a range of copies. Each copy's slots (its buffer rows, info entries and failure slot) are written only by the
 * thread working on that copy's range, so ranges can run in parallel without locking; the driver publishes the
 * results to its own thread with a happens-before edge (a volatile write after the work, read before the results).
 */
final class CopyBatch {

    private static final Map<String, Object> NO_INFO = Map.of();

    final int numEnvs;
    final int obsSize;
    final int actionSize;
    final boolean discrete;
    final Box observationSpace;
    final Space<?> actionSpace;
    final String name;
    private final List<Env<float[], Object>> envs;

    final float[] observations;
    final float[] finalObservations;
    final double[] rewards;
    final boolean[] terminated;
    final boolean[] truncated;
    final Map<String, Object>[] infos;
    final Map<String, Object>[] resetInfos;
    /** The failure of each copy in the current call, or null. */
    private final Throwable[] failures;
    private final String[] failureThreads;

    /** Builds {@code numEnvs} copies of {@code id} with {@code Envs.make(id, options)} (standard wrappers included). */
    static List<Env<float[], ?>> make(String id, Map<String, ?> options, int numEnvs) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("a vector environment needs at least 1 copy, got " + numEnvs);
        }
        List<Env<float[], ?>> copies = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            copies.add(Envs.<float[], Object>make(id, options));
        }
        return copies;
    }

    @SuppressWarnings("unchecked")
    CopyBatch(List<? extends Env<float[], ?>> copies) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("a vector environment needs at least 1 copy, got none");
        }
        this.numEnvs = copies.size();
        this.envs = new ArrayList<>(numEnvs);
        for (Env<float[], ?> e : copies) {
            if (e == null) {
                throw new IllegalArgumentException("copy " + envs.size() + " is null");
            }
            if (envs.contains(e)) {
                throw new IllegalArgumentException("copy " + envs.size() + " is the same object as copy "
                        + envs.indexOf(e) + "; a vector environment needs " + numEnvs + " distinct environments");
            }
            envs.add((Env<float[], Object>) e);
        }
        Env<float[], Object> first = envs.get(0);
        this.name = first.spec().map(EnvSpec::id).orElse(first.unwrapped().toString());
        Space<?> obs = first.observationSpace();
        if (!(obs instanceof Box box)) {
            throw new IllegalArgumentException("a vector environment needs float[] observations (a Box space); " + first
                    + " has " + obs + (obs instanceof Discrete
                    ? "; wrap each copy in OneHotObservation to get a Box" : ""));
        }
        this.observationSpace = box;
        this.actionSpace = first.actionSpace();
        if (actionSpace instanceof Discrete) {
            this.discrete = true;
            this.actionSize = 1;
        } else if (actionSpace instanceof Box ab) {
            this.discrete = false;
            this.actionSize = ab.size();
        } else {
            throw new IllegalArgumentException("a vector environment needs a Discrete or Box action space; " + first
                    + " has " + actionSpace);
        }
        for (int i = 1; i < numEnvs; i++) {
            Env<float[], Object> e = envs.get(i);
            if (!obs.equals(e.observationSpace()) || !actionSpace.equals(e.actionSpace())) {
                throw new IllegalArgumentException("copy " + i + " (" + e + ") has spaces " + e.observationSpace() + " / "
                        + e.actionSpace() + ", copy 0 (" + first + ") has " + obs + " / " + actionSpace
                        + "; all copies must have the same spaces");
            }
        }
        this.obsSize = box.size();
        this.observations = new float[numEnvs * obsSize];
        this.finalObservations = new float[numEnvs * obsSize];
        this.rewards = new double[numEnvs];
        this.terminated = new boolean[numEnvs];
        this.truncated = new boolean[numEnvs];
        this.infos = new Map[numEnvs];
        this.resetInfos = new Map[numEnvs];
        Arrays.fill(infos, NO_INFO);
        Arrays.fill(resetInfos, NO_INFO);
        this.failures = new Throwable[numEnvs];
        this.failureThreads = new String[numEnvs];
    }

    Env<float[], ?> env(int i) {
        return envs.get(i);
    }

    Optional<EnvSpec> spec() {
        return envs.get(0).spec();
    }

    /** Resets copies [from, to): with {@code seed + i} if {@code seeded}, else continuing their streams. */
    void reset(int from, int to, boolean seeded, long seed) {
        for (int i = from; i < to; i++) {
            try {
                Step<float[]> s = seeded ? envs.get(i).reset(seed + i) : envs.get(i).reset();
                int at = i * obsSize;
                copyObservation(i, s.observation(), observations, "reset");
                System.arraycopy(observations, at, finalObservations, at, obsSize);
                rewards[i] = 0;
                terminated[i] = false;
                truncated[i] = false;
                infos[i] = s.info();
                resetInfos[i] = s.info();
            } catch (Throwable t) {
                fail(i, t);
            }
        }
    }

    /** Steps copies [from, to) with {@code actions[i]}, autoresetting ended episodes in the same step. */
    void step(int from, int to, int[] actions) {
        for (int i = from; i < to; i++) {
            try {
                finish(i, envs.get(i).step(actions[i]));
            } catch (Throwable t) {
                fail(i, t);
            }
        }
    }

    /** Steps copies [from, to) with their slice of the flat {@code actions}, autoresetting ended episodes. */
    void step(int from, int to, float[] actions) {
        for (int i = from; i < to; i++) {
            try {
                float[] a = new float[actionSize]; // fresh: an environment may keep its action
                System.arraycopy(actions, i * actionSize, a, 0, actionSize);
                finish(i, envs.get(i).step(a));
            } catch (Throwable t) {
                fail(i, t);
            }
        }
    }

    private void finish(int i, Step<float[]> s) {
        rewards[i] = s.reward();
        terminated[i] = s.terminated();
        truncated[i] = s.truncated();
        infos[i] = s.info();
        copyObservation(i, s.observation(), finalObservations, "step");
        int at = i * obsSize;
        if (s.terminated() || s.truncated()) {
            Step<float[]> r = envs.get(i).reset();
            copyObservation(i, r.observation(), observations, "reset");
            resetInfos[i] = r.info();
        } else {
            System.arraycopy(finalObservations, at, observations, at, obsSize);
        }
    }

    private void copyObservation(int i, float[] o, float[] into, String call) {
        if (o == null || o.length != obsSize) {
            throw new IllegalStateException(call + "() returned an observation of " + (o == null ? "null" : o.length
                    + " floats") + ", expected " + obsSize + " for " + observationSpace);
        }
        System.arraycopy(o, 0, into, i * obsSize, obsSize);
    }

    private void fail(int i, Throwable t) {
        failures[i] = t;
        failureThreads[i] = Thread.currentThread().getName();
    }

    /** Empties every info map (after a restore: infos are not part of a snapshot). */
    void clearInfos() {
        Arrays.fill(infos, NO_INFO);
        Arrays.fill(resetInfos, NO_INFO);
    }

    /** Forgets the failures of the previous call. Called by the driver before a call starts. */
    void clearFailures() {
        Arrays.fill(failures, null);
        Arrays.fill(failureThreads, null);
    }

    /**
     * The failure of the lowest-numbered failed copy of the call that just ended (the others suppressed), or null;
     * called by the driver once every range is done.
     */
    VectorEnvException failure(String call) {
        VectorEnvException first = null;
        for (int i = 0; i < numEnvs; i++) {
            Throwable t = failures[i];
            if (t == null) {
                continue;
            }
            String message = "copy " + i + " of " + numEnvs + " (" + name + ") failed in " + call + " on thread '"
                    + failureThreads[i] + "': " + t.getClass().getSimpleName() + ": " + t.getMessage();
            if (first == null) {
                first = new VectorEnvException(i, message, t);
            } else {
                first.addSuppressed(new VectorEnvException(i, message, t));
            }
        }
        return first;
    }

    void closeAll() {
        RuntimeException first = null;
        for (Env<float[], Object> e : envs) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    void checkIntActions(int[] actions) {
        if (!discrete) {
            throw new IllegalStateException(name + " has Box actions " + actionSpace + "; call step(float[]) with "
                    + numEnvs + " x " + actionSize + " floats");
        }
        if (actions == null || actions.length != numEnvs) {
            throw new IllegalArgumentException("step(int[]) needs one action per copy: " + numEnvs + " ints, got "
                    + (actions == null ? "null" : actions.length));
        }
    }

    void checkFloatActions(float[] actions) {
        if (discrete) {
            throw new IllegalStateException(name + " has Discrete actions " + actionSpace + "; call step(int[]) with "
                    + numEnvs + " ints");
        }
        if (actions == null || actions.length != numEnvs * actionSize) {
            throw new IllegalArgumentException("step(float[]) needs " + numEnvs + " copies x " + actionSize
                    + " floats = " + numEnvs * actionSize + " floats, copy-major; got "
                    + (actions == null ? "null" : actions.length));
        }
    }
}
