package dev.arcadia.agents.pg;

import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.PolicyDistribution;
import dev.arcadia.agents.Transition;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.env.vector.VectorEnv;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What REINFORCE, A2C and PPO share: acting on a batch of observations (sampling from the policy, recording values
 * and log-probabilities into the rollout), storing each step's results with truncated episodes bootstrapped from
 * the value of their final observation, calling the algorithm's {@link #update()} when the rollout is full, acting
 * on single observations for evaluation and the viewer, and checkpoints. Each algorithm's file holds its config and
 * its update.
 *
 * <p>{@link Agent#observe(Transition)} is not supported: these agents learn from a {@link VectorEnv} (see
 * {@link VectorAgent}), even with one copy.
 */
public abstract class PolicyGradientAgent implements Agent<Object, Object>, VectorAgent, PolicyDistribution<Object> {

    /** Settings every policy-gradient agent has; each algorithm's {@code Config} adds its own and sets defaults. */
    public abstract static class CommonConfig {
        /**
         * The actor's and the critic's network (two separate ones): "mlp" (built from hidden and activation) or a
         * plugin network such as "minatar-cnn" or "nature-cnn" (its output layer sized for the logits or means, and
         * for the value).
         */
        public String network = "mlp";
        /** Options of a plugin network (see its factory), e.g. {"hidden": 128} for minatar-cnn. */
        public java.util.Map<String, Object> networkOptions = new java.util.LinkedHashMap<>();
        /** Hidden layer sizes of the actor and of the critic (two separate MLPs). */
        public List<Integer> hidden = List.of(64, 64);
        /** Hidden activation: tanh (CleanRL, Stable-Baselines3) or relu. */
        public String activation = "tanh";
        /** Copies of the environment stepped together. */
        public int numEnvs = 8;
        /** Threads stepping the copies: 1 = a SyncVectorEnv on the training thread, more = a ThreadedVectorEnv. */
        public int envThreads = 1;
        /** Steps per copy in one rollout; an update learns from {@code numEnvs * rolloutSteps} transitions. */
        public int rolloutSteps = 128;
        /** Discount factor. */
        public double gamma = 0.99;
        /** Learning rate of the (policy) optimizer. */
        public double learningRate = 3e-4;
        /** Anneal the learning rate linearly to 0 over the training budget. */
        public boolean annealLearningRate = false;
        /** Weight of the entropy bonus (the loss subtracts entropyCoef * mean entropy). */
        public double entropyCoef = 0.0;
        /** Clip the global gradient norm of each step to this (0 = no clipping). */
        public double maxGradNorm = 0.5;
        /** Box actions: the initial log standard deviation of the Gaussian policy. */
        public double initLogStd = 0.0;

        /** Problems with the shared values, each "field: expected ..., got ...". */
        protected List<String> commonProblems() {
            List<String> p = new ArrayList<>();
            if (network == null || !network.equals("mlp") && !dev.arcadia.nets.Networks.names().contains(network)) {
                p.add("network: expected mlp or a registered network (" + String.join(", ",
                        dev.arcadia.nets.Networks.names()) + "), got " + network);
            }
            if (hidden == null || hidden.stream().anyMatch(h -> h == null || h <= 0)) {
                p.add("hidden: expected positive layer sizes, got " + hidden);
            }
            if (!List.of("tanh", "relu").contains(activation)) {
                p.add("activation: expected tanh or relu, got " + activation);
            }
            if (numEnvs < 1) {
                p.add("numEnvs: expected an integer >= 1, got " + numEnvs);
            }
            if (envThreads < 1 || envThreads > Math.max(1, numEnvs)) {
                p.add("envThreads: expected 1 .. numEnvs (" + numEnvs + "), got " + envThreads);
            }
            if (rolloutSteps < 1) {
                p.add("rolloutSteps: expected an integer >= 1, got " + rolloutSteps);
            }
            if (!(gamma >= 0 && gamma <= 1)) {
                p.add("gamma: expected a number in [0, 1], got " + gamma);
            }
            if (!(learningRate > 0)) {
                p.add("learningRate: expected a number > 0, got " + learningRate);
            }
            if (!(entropyCoef >= 0)) {
                p.add("entropyCoef: expected a number >= 0, got " + entropyCoef);
            }
            if (!(maxGradNorm >= 0)) {
                p.add("maxGradNorm: expected a number >= 0 (0 = off), got " + maxGradNorm);
            }
            if (!Double.isFinite(initLogStd)) {
                p.add("initLogStd: expected a finite number, got " + initLogStd);
            }
            return p;
        }

        /** Problems with the values, each "field: expected ..., got ..."; empty when valid. */
        public abstract List<String> problems();
    }

    private final String name;
    private final CommonConfig common;
    final ActorCritic model;
    final Rollout rollout;
    final Rng rng;
    final int numEnvs;
    final double gamma;
    /** The observations of the current step, {@code [numEnvs, observationSize]}. */
    private final Tensor batch;
    /** Final observations of the current step, for bootstrapping truncated episodes. */
    private final Tensor finals;
    private final int[] envIntActions;
    private final float[] envBoxActions;
    /** The last update's statistics (names and values; filled without allocating, mapped on request). */
    private final String[] statNames = new String[16];
    private final double[] statValues = new double[16];
    private int statCount;
    private boolean acted;
    private long steps;
    private long updates;
    private long budget;

    PolicyGradientAgent(String name, CommonConfig config, Space<?> observationSpace, Space<?> actionSpace,
                        boolean critic, long seed) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + " config: " + String.join("; ", problems));
        }
        this.name = name;
        this.common = config;
        this.rng = new Rng(seed);
        this.model = new ActorCritic(name, observationSpace, actionSpace, config.network, config.networkOptions,
                config.hidden, config.activation, critic, config.initLogStd, seed ^ 0x6E6574L);
        this.numEnvs = config.numEnvs;
        this.gamma = config.gamma;
        this.rollout = new Rollout(config.rolloutSteps, numEnvs, model.observationSize, model.discrete,
                model.storedActionSize());
        this.batch = Tensor.zeros(numEnvs, model.observationSize);
        this.finals = Tensor.zeros(numEnvs, model.observationSize);
        this.envIntActions = model.discrete ? new int[numEnvs] : null;
        this.envBoxActions = model.discrete ? null : new float[numEnvs * model.actionSize];
    }

    /** Learns from the full rollout (advantages not yet computed; {@code rollout.lastValues} set). */
    abstract void update();

    /** The optimizers, for checkpoints. */
    abstract List<Optimizer> optimizers();

    // --- acting and observing on a vector environment ---

    @Override
    public final void act(float[] observations) {
        if (acted) {
            throw new IllegalStateException(name + ": act() called twice without observe() in between");
        }
        int n = numEnvs * model.observationSize;
        if (observations.length != n) {
            throw new IllegalArgumentException(name + " expects " + numEnvs + " x " + model.observationSize
                    + " observations, got " + observations.length + " floats");
        }
        int at = rollout.t * numEnvs;
        System.arraycopy(observations, 0, batch.data(), 0, n);
        System.arraycopy(observations, 0, rollout.observations, at * model.observationSize, n);
        Tensor head = model.policy(batch, false);
        model.sample(head, numEnvs, rng, rollout.actions, rollout.boxActions, at, rollout.logProbs);
        if (model.discrete) {
            System.arraycopy(rollout.actions, at, envIntActions, 0, numEnvs);
        } else {
            for (int i = 0; i < numEnvs; i++) {
                model.clip(rollout.boxActions, (at + i) * model.actionSize, envBoxActions, i * model.actionSize);
            }
        }
        if (model.hasCritic()) {
            Tensor v = model.value(batch, false);
            for (int i = 0; i < numEnvs; i++) {
                rollout.values[at + i] = v.get(i);
            }
        }
        acted = true;
    }

    @Override
    public final int[] discreteActions() {
        if (!model.discrete) {
            throw new IllegalStateException(name + " has Box actions: use boxActions()");
        }
        return envIntActions;
    }

    @Override
    public final float[] boxActions() {
        if (model.discrete) {
            throw new IllegalStateException(name + " has Discrete actions: use discreteActions()");
        }
        return envBoxActions;
    }

    @Override
    public final boolean observe(VectorEnv env) {
        if (!acted) {
            throw new IllegalStateException(name + ": observe() called without act() before it");
        }
        if (env.numEnvs() != numEnvs || env.observationSize() != model.observationSize) {
            throw new IllegalArgumentException(name + " expects " + numEnvs + " copies with " + model.observationSize
                    + " observation floats, got " + env);
        }
        acted = false;
        int at = rollout.t * numEnvs;
        double[] rewards = env.rewards();
        boolean[] terminated = env.terminated();
        boolean[] truncated = env.truncated();
        boolean bootstrap = false;
        for (int i = 0; i < numEnvs; i++) {
            rollout.rewards[at + i] = (float) rewards[i];
            rollout.dones[at + i] = terminated[i] || truncated[i];
            bootstrap |= truncated[i] && !terminated[i];
        }
        if (bootstrap && model.hasCritic()) {
            // A time limit is not a terminal state: fold gamma V(final observation) into the reward.
            System.arraycopy(env.finalObservations(), 0, finals.data(), 0, numEnvs * model.observationSize);
            Tensor v = model.value(finals, false);
            for (int i = 0; i < numEnvs; i++) {
                if (truncated[i] && !terminated[i]) {
                    rollout.rewards[at + i] += (float) (gamma * v.get(i));
                }
            }
        }
        steps += numEnvs;
        rollout.t++;
        if (rollout.t < rollout.steps) {
            return false;
        }
        if (model.hasCritic()) {
            System.arraycopy(env.observations(), 0, batch.data(), 0, numEnvs * model.observationSize);
            Tensor v = model.value(batch, false);
            for (int i = 0; i < numEnvs; i++) {
                rollout.lastValues[i] = v.get(i);
            }
        } else {
            java.util.Arrays.fill(rollout.lastValues, 0f);
        }
        update();
        updates++;
        rollout.t = 0;
        return true;
    }

    /**
     * The fraction of the training budget left when the current rollout started (1 at the start; 1 throughout when
     * no budget is set): the factor of linearly annealed schedules, as CleanRL computes it.
     */
    final double remaining() {
        if (budget <= 0) {
            return 1;
        }
        long started = steps - (long) rollout.size;
        return Math.max(0, 1 - started / (double) budget);
    }

    /** Clears and then fills the statistics of this update through {@link #stat}. */
    final void clearStats() {
        statCount = 0;
    }

    final void stat(String key, double value) {
        if (Double.isFinite(value) && statCount < statNames.length) {
            statNames[statCount] = key;
            statValues[statCount] = value;
            statCount++;
        }
    }

    @Override
    public final Map<String, Double> updateStats() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < statCount; k++) {
            m.put(statNames[k], statValues[k]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public final int numEnvs() {
        return numEnvs;
    }

    @Override
    public final int envThreads() {
        return common.envThreads;
    }

    @Override
    public final void setTrainingBudget(long environmentSteps) {
        this.budget = Math.max(0, environmentSteps);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final long updates() {
        return updates;
    }

    /** True for Discrete actions (categorical policy), false for Box actions (Gaussian policy). */
    public final boolean discrete() {
        return model.discrete;
    }

    /** The Gaussian policy's current standard deviations (Box actions only). */
    public final float[] standardDeviations() {
        if (model.discrete) {
            throw new IllegalStateException(name + " has Discrete actions: no standard deviation");
        }
        float[] s = model.logStd.value().toArray();
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.exp(s[i]);
        }
        return s;
    }

    /** All parameters: actor (with the log standard deviation) and critic. */
    public final dev.arcadia.nets.Params parameters() {
        return model.allParams;
    }

    // --- single observations: evaluation and the viewer ---

    /**
     * The action for one observation ({@code float[]}): TRAIN samples from the policy, EVAL takes the most probable
     * action (Discrete) or the mean clipped to the action space (Box). Does not touch the rollout.
     */
    @Override
    public final Object act(Object observation, Mode mode) {
        if (!(observation instanceof float[] x)) {
            throw new IllegalArgumentException(name + " acts on float[] observations, got "
                    + (observation == null ? "null" : observation.getClass().getSimpleName()));
        }
        return model.act(x, mode, rng);
    }

    /**
     * The policy at one observation ({@code float[]}): the probability of each action (Discrete), or the Gaussian's
     * mean and standard deviation per dimension (Box). Does not touch the rollout or the random state.
     */
    @Override
    public final Distribution distribution(Object observation) {
        if (!(observation instanceof float[] x)) {
            throw new IllegalArgumentException(name + " acts on float[] observations, got "
                    + (observation == null ? "null" : observation.getClass().getSimpleName()));
        }
        return model.distribution(x);
    }

    @Override
    public final void observe(Transition<Object, Object> transition) {
        throw new UnsupportedOperationException(name + " learns from a vector environment (VectorAgent.observe); "
                + "use a VectorEnv with " + numEnvs + " copies (arcadia run does this for policy-gradient configs)");
    }

    // --- checkpoints (PgCheckpoint) ---

    /**
     * Writes a checkpoint directory (see {@link PgCheckpoint}). Saved at an update boundary it continues
     * bit-identically; a partly collected rollout is not saved.
     */
    @Override
    public final void save(Path dir) throws IOException {
        PgCheckpoint.save(dir, this);
    }

    @Override
    public final void load(Path dir) throws IOException {
        PgCheckpoint.load(dir, this);
    }

    final String name() {
        return name;
    }

    final long budget() {
        return budget;
    }

    /** Restores the counters and the last update's statistics from a checkpoint; drops any partly collected rollout. */
    final void restore(long steps, long updates, long budget, Map<String, Double> stats) {
        this.steps = steps;
        this.updates = updates;
        this.budget = budget;
        clearStats();
        for (Map.Entry<String, Double> e : stats.entrySet()) {
            stat(e.getKey(), e.getValue());
        }
        rollout.t = 0;
        acted = false;
    }

    @Override
    public String toString() {
        return name + "[" + numEnvs + " envs x " + rollout.steps + " steps, "
                + (model.discrete ? "categorical" : "gaussian") + "]";
    }
}
