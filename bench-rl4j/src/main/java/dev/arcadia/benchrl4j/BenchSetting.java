package dev.arcadia.benchrl4j;

import java.util.List;

/**
 * One hyperparameter setting of the DQN throughput benchmark, shared by all three implementations (Arcadia, RL4J,
 * the PyTorch script). Both settings use CleanRL's {@code dqn.py} defaults for CartPole: an MLP 4-120-84-2 with
 * ReLU, Adam at 2.5e-4, gamma 0.99, MSE loss and no gradient clipping, a 10,000-transition replay buffer, learning
 * from step 10,000 on, the target network copied every 500 environment steps. Exploration is epsilon-greedy from 1
 * to 0.05 over the first 10,000 steps (CleanRL anneals over half of its 500k steps; the shorter schedule puts the
 * measured window at epsilon 0.05, so 95 % of the steps there run a batch-1 forward pass, in every implementation).
 *
 * @param id 1 or 2
 * @param label a short description for the table
 * @param batchSize minibatch size
 * @param trainFrequency one gradient step every this many environment steps
 */
public record BenchSetting(int id, String label, int batchSize, int trainFrequency) {

    public static final List<Integer> HIDDEN = List.of(120, 84);
    public static final double LEARNING_RATE = 2.5e-4;
    public static final double GAMMA = 0.99;
    public static final int BUFFER_SIZE = 10_000;
    public static final int LEARNING_STARTS = 10_000;
    public static final int TARGET_UPDATE_STEPS = 500;
    public static final double EPSILON_START = 1.0;
    public static final double EPSILON_END = 0.05;
    public static final int EPSILON_DECAY_STEPS = 10_000;

    /** CleanRL's defaults: batch 128, one update every 10 steps. */
    public static final BenchSetting CLEANRL = new BenchSetting(1, "CleanRL defaults: batch 128, train every 10 steps", 128, 10);
    /** One update every step at batch 64. */
    public static final BenchSetting EVERY_STEP = new BenchSetting(2, "train every step, batch 64", 64, 1);

    public static BenchSetting byId(int id) {
        return switch (id) {
            case 1 -> CLEANRL;
            case 2 -> EVERY_STEP;
            default -> throw new IllegalArgumentException("setting: expected 1 or 2, got " + id);
        };
    }
}
