package dev.arcadia.agents.replay;

import dev.arcadia.env.util.Rng;
import java.util.Arrays;

/**
 * A ring buffer of transitions {@code (s, a, r, s', terminated)} stored in preallocated primitive arrays (float
 * observations of a fixed size, int actions). Sampling fills a {@link Batch} owned by the caller, so the hot path
 * allocates nothing. Optionally prioritized (proportional, Schaul et al. 2016): {@code P(i) = p_i^alpha / sum p^alpha},
 * importance weights {@code (N P(i))^-beta / max w}, new transitions at the current maximum priority.
 * For n-step returns the caller stores the n-step transition (discounted reward sum, state n steps later and the
 * discount {@code gamma^k} to apply), see {@link NStepAccumulator}.
 */
public final class ReplayBuffer {

    /** A sampled minibatch; arrays are reused between samples. */
    public static final class Batch {
        public final int size;
        public final int observationSize;
        public final float[] observations;
        public final int[] actions;
        public final float[] rewards;
        public final float[] nextObservations;
        /** 0 if the transition ended in a terminal state, else the discount to apply to the bootstrap value. */
        public final float[] discounts;
        public final float[] weights;
        public final int[] indices;

        public Batch(int size, int observationSize) {
            this.size = size;
            this.observationSize = observationSize;
            this.observations = new float[size * observationSize];
            this.actions = new int[size];
            this.rewards = new float[size];
            this.nextObservations = new float[size * observationSize];
            this.discounts = new float[size];
            this.weights = new float[size];
            this.indices = new int[size];
        }
    }

    private final int capacity;
    private final int observationSize;
    private final float[] observations;
    private final float[] nextObservations;
    private final int[] actions;
    private final float[] rewards;
    private final float[] discounts;
    private final SumTree priorities;
    private final double alpha;
    private double maxPriority = 1.0;
    private int next;
    private int size;
    private long added;

    /**
     * @param alpha prioritization exponent; 0 gives uniform sampling without a sum tree
     */
    public ReplayBuffer(int capacity, int observationSize, double alpha) {
        if (capacity <= 0 || observationSize <= 0) {
            throw new IllegalArgumentException("replay buffer needs capacity > 0 and observation size > 0, got "
                    + capacity + " and " + observationSize);
        }
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("prioritization alpha must be >= 0, got " + alpha);
        }
        this.capacity = capacity;
        this.observationSize = observationSize;
        long floats = (long) capacity * observationSize;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("replay buffer of " + capacity + " x " + observationSize
                    + " floats is too large for one array; reduce the capacity");
        }
        this.observations = new float[(int) floats];
        this.nextObservations = new float[(int) floats];
        this.actions = new int[capacity];
        this.rewards = new float[capacity];
        this.discounts = new float[capacity];
        this.alpha = alpha;
        this.priorities = alpha > 0 ? new SumTree(capacity) : null;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public boolean prioritized() {
        return priorities != null;
    }

    /** Transitions added over the buffer's life (including overwritten ones). */
    public long added() {
        return added;
    }

    /**
     * Stores a transition, overwriting the oldest when full.
     *
     * @param discount 0 for a terminal transition, else the bootstrap discount (gamma, or gamma^n for n-step)
     */
    public void add(float[] observation, int action, float reward, float[] nextObservation, float discount) {
        if (observation.length != observationSize || nextObservation.length != observationSize) {
            throw new IllegalArgumentException("observation of size " + observation.length + ", expected " + observationSize);
        }
        System.arraycopy(observation, 0, observations, next * observationSize, observationSize);
        System.arraycopy(nextObservation, 0, nextObservations, next * observationSize, observationSize);
        actions[next] = action;
        rewards[next] = reward;
        discounts[next] = discount;
        if (priorities != null) {
            priorities.set(next, Math.pow(maxPriority, alpha));
        }
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        added++;
    }

    /**
     * Fills {@code batch} with {@code batch.size} transitions drawn with replacement (uniformly, or by priority with
     * importance-sampling exponent {@code beta}).
     */
    public void sample(Batch batch, Rng rng, double beta) {
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer");
        }
        double total = priorities != null ? priorities.total() : 0;
        double maxWeight = 0;
        for (int k = 0; k < batch.size; k++) {
            int i;
            if (priorities == null) {
                i = rng.nextInt(size);
                batch.weights[k] = 1f;
            } else {
                double segment = total / batch.size; // stratified, as in the paper
                i = priorities.find(Math.min(total * (1 - 1e-12), segment * (k + rng.nextDouble())));
                double p = priorities.get(i) / total;
                double w = Math.pow(size * p, -beta);
                batch.weights[k] = (float) w;
                maxWeight = Math.max(maxWeight, w);
            }
            batch.indices[k] = i;
            System.arraycopy(observations, i * observationSize, batch.observations, k * observationSize, observationSize);
            System.arraycopy(nextObservations, i * observationSize, batch.nextObservations, k * observationSize, observationSize);
            batch.actions[k] = actions[i];
            batch.rewards[k] = rewards[i];
            batch.discounts[k] = discounts[i];
        }
        if (priorities != null) {
            for (int k = 0; k < batch.size; k++) {
                batch.weights[k] /= (float) maxWeight;
            }
        }
    }

    /** Sets new priorities (e.g. |TD error| + epsilon) for the transitions of the last batch. */
    public void updatePriorities(int[] indices, float[] newPriorities, int count) {
        if (priorities == null) {
            return;
        }
        for (int k = 0; k < count; k++) {
            double p = Math.max(newPriorities[k], 1e-12);
            maxPriority = Math.max(maxPriority, p);
            priorities.set(indices[k], Math.pow(p, alpha));
        }
    }

    /** The stored transition {@code i}'s action (for tests and inspection). */
    public int action(int i) {
        return actions[i];
    }

    /** Copies out the whole state, for checkpoints: arrays in storage order and the counters. */
    public State state() {
        double[] pri = new double[priorities == null ? 0 : capacity];
        for (int i = 0; i < pri.length; i++) {
            pri[i] = priorities.get(i);
        }
        return new State(Arrays.copyOf(observations, size * observationSize), Arrays.copyOf(nextObservations, size * observationSize),
                Arrays.copyOf(actions, size), Arrays.copyOf(rewards, size), Arrays.copyOf(discounts, size), pri,
                maxPriority, next, size, added);
    }

    /** Restores a state from {@link #state()} of a buffer with the same capacity and observation size. */
    public void restore(State s) {
        if (s.actions.length > capacity || s.observations.length != s.actions.length * observationSize) {
            throw new IllegalArgumentException("replay state of " + s.actions.length + " transitions does not fit this buffer ("
                    + capacity + " x " + observationSize + ")");
        }
        System.arraycopy(s.observations, 0, observations, 0, s.observations.length);
        System.arraycopy(s.nextObservations, 0, nextObservations, 0, s.nextObservations.length);
        System.arraycopy(s.actions, 0, actions, 0, s.actions.length);
        System.arraycopy(s.rewards, 0, rewards, 0, s.rewards.length);
        System.arraycopy(s.discounts, 0, discounts, 0, s.discounts.length);
        if (priorities != null) {
            for (int i = 0; i < s.priorities.length; i++) {
                priorities.set(i, s.priorities[i]);
            }
        }
        maxPriority = s.maxPriority;
        next = s.next;
        size = s.size;
        added = s.added;
    }

    /** A copy of a buffer's contents and counters. */
    public record State(float[] observations, float[] nextObservations, int[] actions, float[] rewards, float[] discounts,
                        double[] priorities, double maxPriority, int next, int size, long added) {
    }
}
