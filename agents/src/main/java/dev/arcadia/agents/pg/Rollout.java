package dev.arcadia.agents.pg;

/**
 * One rollout of {@code steps} steps of {@code envs} copies in preallocated arrays, time-major: step t of copy i is
 * entry {@code k = t * envs + i} (its observation at {@code k * observationSize}, its Box action at
 * {@code k * actionSize}). {@code dones[k]} marks the step that ended copy i's episode; truncated steps carry their
 * bootstrap in {@code rewards[k]} (see {@link Gae}).
 */
final class Rollout {

    final int steps;
    final int envs;
    final int size;
    final int observationSize;
    final int actionSize;
    final float[] observations;
    /** Discrete actions (null for Box). */
    final int[] actions;
    /** Box actions as sampled, before clipping (null for Discrete). */
    final float[] boxActions;
    final float[] logProbs;
    final float[] values;
    final float[] rewards;
    final boolean[] dones;
    final float[] advantages;
    final float[] returns;
    /** Value of each copy's observation after the last step. */
    final float[] lastValues;
    /** Steps stored so far (0 .. steps). */
    int t;

    Rollout(int steps, int envs, int observationSize, boolean discrete, int actionSize) {
        this.steps = steps;
        this.envs = envs;
        this.size = steps * envs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new float[size * observationSize];
        this.actions = discrete ? new int[size] : null;
        this.boxActions = discrete ? null : new float[size * actionSize];
        this.logProbs = new float[size];
        this.values = new float[size];
        this.rewards = new float[size];
        this.dones = new boolean[size];
        this.advantages = new float[size];
        this.returns = new float[size];
        this.lastValues = new float[envs];
    }
}
