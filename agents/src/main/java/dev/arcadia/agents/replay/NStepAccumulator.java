package dev.arcadia.agents.replay;

/**
 * Turns one-step transitions into n-step ones (Sutton 1988; used by Rainbow): keeps the last n steps and emits
 * {@code (s_t, a_t, sum_{k<n} gamma^k r_{t+k}, s_{t+n}, gamma^n)}, cutting the sum at a terminal state (discount 0)
 * and flushing the shorter tails when an episode ends. Preallocated; emits through a callback without allocating.
 */
public final class NStepAccumulator {

    /** Receives finished n-step transitions. */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] observation, int action, float reward, float[] nextObservation, float discount);
    }

    private final int n;
    private final double gamma;
    private final int observationSize;
    private final float[][] observations;
    private final int[] actions;
    private final float[] rewards;
    private final float[] lastNext;
    private int count;
    private int start;

    public NStepAccumulator(int n, double gamma, int observationSize) {
        if (n < 1) {
            throw new IllegalArgumentException("n-step returns need n >= 1, got " + n);
        }
        this.n = n;
        this.gamma = gamma;
        this.observationSize = observationSize;
        this.observations = new float[n][observationSize];
        this.actions = new int[n];
        this.rewards = new float[n];
        this.lastNext = new float[observationSize];
    }

    /**
     * Adds a one-step transition; emits the n-step transition that became complete, and at the episode's end
     * (terminated or truncated) all remaining ones.
     */
    public void add(float[] observation, int action, float reward, float[] nextObservation, boolean terminated,
                    boolean truncated, Sink sink) {
        int slot = (start + count) % n;
        System.arraycopy(observation, 0, observations[slot], 0, observationSize);
        actions[slot] = action;
        rewards[slot] = reward;
        count++;
        System.arraycopy(nextObservation, 0, lastNext, 0, observationSize);
        if (count == n) {
            emit(terminated, sink);
        }
        if (terminated || truncated) {
            while (count > 0) {
                emit(terminated, sink);
            }
            start = 0;
        }
    }

    private void emit(boolean terminated, Sink sink) {
        double ret = 0;
        double discount = 1;
        for (int k = 0; k < count; k++) {
            ret += discount * rewards[(start + k) % n];
            discount *= gamma;
        }
        sink.accept(observations[start], actions[start], (float) ret, lastNext, terminated ? 0f : (float) discount);
        start = (start + 1) % n;
        count--;
    }

    /** Drops pending steps (e.g. when training is reset). */
    public void clear() {
        count = 0;
        start = 0;
    }
}
