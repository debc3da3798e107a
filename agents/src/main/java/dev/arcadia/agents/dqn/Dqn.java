package dev.arcadia.agents.dqn;

import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.ObservationEncoder;
import dev.arcadia.agents.QValues;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.replay.NStepAccumulator;
import dev.arcadia.agents.replay.ReplayBuffer;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.optim.Adam;
import dev.arcadia.nets.optim.Optimizer;
import dev.arcadia.nets.optim.RmsProp;
import dev.arcadia.nets.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deep Q-learning (Mnih et al., "Playing Atari with Deep Reinforcement Learning", NIPS workshop 2013; "Human-level
 * control through deep reinforcement learning", Nature 2015) with the usual switches:
 * experience replay (off: learn from each newest transition only), a target network copied every C steps or
 * Polyak-averaged (off: bootstrap from the online network), Double DQN (van Hasselt et al., 2016), dueling heads
 * (Wang et al., 2016), n-step returns, proportional prioritized replay (Schaul et al., 2016), Huber or MSE loss and
 * gradient clipping. Targets: {@code y = r + gamma^n (1 - terminal) Q_target(s', argmax)}; the loss is on
 * {@code Q(s, a)} only. Observations: Box (copied) or Discrete (one-hot); actions: Discrete.
 * Hot paths ({@link #act}, sampling, the update) allocate nothing after warm-up.
 */
public final class Dqn implements Agent<Object, Integer>, QValues<Object> {

    /** Hyperparameters; the defaults are a reasonable start for CartPole. */
    public static final class Config {
        /** The Q-network: "mlp" (built from hidden/activation/dueling), or a plugin network such as "minatar-cnn". */
        public String network = "mlp";
        /** Options of a plugin network (see its factory), e.g. {"hidden": 128} for minatar-cnn. */
        public java.util.Map<String, Object> networkOptions = new java.util.LinkedHashMap<>();
        /** Hidden layer sizes of the MLP body. */
        public List<Integer> hidden = List.of(64, 64);
        /** Hidden activation: relu, tanh. */
        public String activation = "relu";
        /** adam, rmsprop (centred, as in the Nature paper) or sgd. */
        public String optimizer = "adam";
        public double learningRate = 1e-3;
        public double gamma = 0.99;
        /** Experience replay (NIPS 2013). When false, each update uses the newest transition only. */
        public boolean replay = true;
        public int bufferSize = 50_000;
        public int batchSize = 64;
        /** Environment steps before learning starts (filled with the exploratory policy). */
        public int learningStarts = 1_000;
        /** Learn every this many environment steps, */
        public int trainFrequency = 1;
        /** with this many gradient steps each time. */
        public int gradientSteps = 1;
        /** Target network: "hard" (copy every targetUpdateInterval steps), "polyak" (tau per update) or "none". */
        public String target = "hard";
        public int targetUpdateInterval = 500;
        public double tau = 0.005;
        /** Double DQN: the online network picks the next action, the target network values it. */
        public boolean doubleDqn = false;
        public boolean dueling = false;
        /** n-step returns (1 = plain one-step targets). */
        public int nStep = 1;
        /** Proportional prioritized replay. */
        public boolean prioritized = false;
        public double priorityAlpha = 0.6;
        /** Importance-sampling exponent at the start; annealed linearly to 1 over 10 x epsilonDecaySteps steps. */
        public double priorityBeta = 0.4;
        public double priorityEpsilon = 1e-6;
        /** "huber" (delta 1, DQN's error clipping) or "mse". */
        public String loss = "huber";
        /** Clip the global gradient norm to this (0 = no clipping). */
        public double maxGradNorm = 10;
        /** Epsilon decays linearly from epsilonStart to epsilonEnd over epsilonDecaySteps environment steps. */
        public double epsilonStart = 1.0;
        public double epsilonEnd = 0.05;
        public int epsilonDecaySteps = 10_000;

        /** Problems with the values, each "field: expected ..., got ..."; empty when valid. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            for (Integer h : hidden) {
                if (h == null || h <= 0) {
                    p.add("hidden: expected positive layer sizes, got " + hidden);
                    break;
                }
            }
            if (!network.equals("mlp") && !dev.arcadia.nets.Networks.names().contains(network)) {
                p.add("network: expected mlp or a registered network (" + String.join(", ", dev.arcadia.nets.Networks.names())
                        + "), got " + network);
            }
            if (!network.equals("mlp") && dueling) {
                p.add("dueling: the dueling head is built on the mlp network only, got network " + network);
            }
            if (!List.of("relu", "tanh").contains(activation)) {
                p.add("activation: expected relu or tanh, got " + activation);
            }
            if (!List.of("adam", "rmsprop", "sgd").contains(optimizer)) {
                p.add("optimizer: expected adam, rmsprop or sgd, got " + optimizer);
            }
            if (!(learningRate > 0)) {
                p.add("learningRate: expected a number > 0, got " + learningRate);
            }
            if (!(gamma >= 0 && gamma <= 1)) {
                p.add("gamma: expected a number in [0, 1], got " + gamma);
            }
            if (bufferSize < 1 || batchSize < 1 || (replay && batchSize > bufferSize)) {
                p.add("batchSize: expected 1 <= batchSize <= bufferSize, got " + batchSize + " and " + bufferSize);
            }
            if (learningStarts < 0 || trainFrequency < 1 || gradientSteps < 1) {
                p.add("trainFrequency: expected learningStarts >= 0, trainFrequency >= 1, gradientSteps >= 1, got "
                        + learningStarts + ", " + trainFrequency + ", " + gradientSteps);
            }
            if (!List.of("hard", "polyak", "none").contains(target)) {
                p.add("target: expected hard, polyak or none, got " + target);
            }
            if (targetUpdateInterval < 1 || !(tau > 0 && tau <= 1)) {
                p.add("tau: expected targetUpdateInterval >= 1 and 0 < tau <= 1, got " + targetUpdateInterval + " and " + tau);
            }
            if (nStep < 1) {
                p.add("nStep: expected an integer >= 1, got " + nStep);
            }
            if (!List.of("huber", "mse").contains(loss)) {
                p.add("loss: expected huber or mse, got " + loss);
            }
            if (!(maxGradNorm >= 0)) {
                p.add("maxGradNorm: expected a number >= 0 (0 = off), got " + maxGradNorm);
            }
            if (!(epsilonStart >= 0 && epsilonStart <= 1 && epsilonEnd >= 0 && epsilonEnd <= 1) || epsilonDecaySteps < 1) {
                p.add("epsilonStart: expected probabilities and epsilonDecaySteps >= 1, got " + epsilonStart + ", "
                        + epsilonEnd + ", " + epsilonDecaySteps);
            }
            if (prioritized && !(priorityAlpha > 0 && priorityBeta >= 0 && priorityBeta <= 1)) {
                p.add("priorityAlpha: expected alpha > 0 and 0 <= beta <= 1, got " + priorityAlpha + " and " + priorityBeta);
            }
            return p;
        }
    }

    private final Config config;
    private final ObservationEncoder encoder;
    private final int[] observationShape;
    private final int actions;
    private final Network online;
    private final Network target;
    private final Params onlineParams;
    private final Params targetParams;
    private final Optimizer optimizer;
    private final ReplayBuffer buffer;
    private final NStepAccumulator nStep;
    /** Where finished n-step transitions go (kept as a field: a method reference per call would allocate). */
    private final NStepAccumulator.Sink store;
    private final ReplayBuffer.Batch batch;
    private final Rng rng;
    private final Tensor actInput;
    private final Tensor observations;
    private final Tensor nextObservations;
    private final Tensor lossGrad;
    private final int[] nextActions;
    private final float[] targets;
    private final float[] tdErrors;
    private final float[] obsRow;
    private final float[] nextRow;
    private final double[] qRow;
    private long steps;
    private long updates;
    private long episodes;
    private double lastLoss;

    public Dqn(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("dqn config: " + String.join("; ", problems));
        }
        if (!(actionSpace instanceof Discrete d) || d.start() != 0) {
            throw new IllegalArgumentException("dqn needs a Discrete action space starting at 0, got " + actionSpace);
        }
        this.config = config;
        this.encoder = ObservationEncoder.forSpace("dqn", observationSpace);
        this.actions = d.n();
        this.rng = new Rng(seed);
        this.observationShape = observationSpace.shape().length == 0 ? new int[] {encoder.size()} : observationSpace.shape();
        this.online = build(new Rng(seed ^ 0x6E6574L));
        this.target = build(new Rng(seed ^ 0x6E6574L));
        this.onlineParams = online.parameters();
        this.targetParams = target.parameters();
        this.optimizer = switch (config.optimizer) {
            case "rmsprop" -> new RmsProp(onlineParams, config.learningRate, 0.95, 0.01, 0, true);
            case "sgd" -> new Sgd(onlineParams, config.learningRate);
            default -> new Adam(onlineParams, config.learningRate);
        };
        int obs = encoder.size();
        int capacity = config.replay ? config.bufferSize : 1;
        int batchSize = config.replay ? config.batchSize : 1;
        this.buffer = new ReplayBuffer(capacity, obs, config.prioritized ? config.priorityAlpha : 0);
        this.nStep = new NStepAccumulator(config.nStep, config.gamma, obs);
        this.store = buffer::add;
        this.batch = new ReplayBuffer.Batch(batchSize, obs);
        this.actInput = Tensor.zeros(1, obs);
        this.observations = Tensor.of(batch.observations, batchSize, obs);
        this.nextObservations = Tensor.of(batch.nextObservations, batchSize, obs);
        this.lossGrad = Tensor.zeros(batchSize, actions);
        this.nextActions = new int[batchSize];
        this.targets = new float[batchSize];
        this.tdErrors = new float[batchSize];
        this.obsRow = new float[obs];
        this.nextRow = new float[obs];
        this.qRow = new double[actions];
    }

    private Network build(Rng init) {
        if (!config.network.equals("mlp")) {
            return dev.arcadia.nets.Networks.create(config.network, observationShape, actions, config.networkOptions, init);
        }
        List<Layer> layers = new ArrayList<>();
        int in = encoder.size();
        for (int h : config.hidden) {
            layers.add(new Dense(in, h, Init.FAN_IN_UNIFORM, init));
            layers.add(config.activation.equals("tanh") ? Activation.tanh() : Activation.relu());
            in = h;
        }
        layers.add(config.dueling ? new DuelingHead(in, actions, Init.FAN_IN_UNIFORM, init)
                : new Dense(in, actions, Init.FAN_IN_UNIFORM, init));
        return new Network(layers);
    }

    /** The current exploration rate. */
    public double epsilon() {
        double f = Math.min(1.0, steps / (double) config.epsilonDecaySteps);
        return config.epsilonStart + f * (config.epsilonEnd - config.epsilonStart);
    }

    @Override
    public Integer act(Object observation, Mode mode) {
        if (mode == Mode.TRAIN && rng.nextDouble() < epsilon()) {
            return rng.nextInt(actions);
        }
        qValues(observation, qRow);
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (qRow[a] > qRow[best]) {
                best = a;
            }
        }
        return best;
    }

    @Override
    public void qValues(Object observation, double[] out) {
        encoder.encode(observation, actInput.data(), 0);
        Tensor q = online.forward(actInput, false);
        for (int a = 0; a < actions; a++) {
            out[a] = q.get(a);
        }
    }

    @Override
    public void observe(Transition<Object, Integer> t) {
        encoder.encode(t.observation(), obsRow, 0);
        encoder.encode(t.nextObservation(), nextRow, 0);
        nStep.add(obsRow, t.action(), (float) t.reward(), nextRow, t.terminated(), t.truncated(), store);
        steps++;
        if (t.done()) {
            episodes++;
        }
        boolean ready = config.replay ? steps > config.learningStarts && buffer.size() >= batch.size : buffer.size() > 0;
        if (ready && steps % config.trainFrequency == 0) {
            for (int k = 0; k < config.gradientSteps; k++) {
                update();
            }
        }
        if (config.target.equals("hard") && steps % config.targetUpdateInterval == 0) {
            targetParams.copyFrom(onlineParams);
        }
    }

    /** One gradient step on a sampled minibatch. */
    private void update() {
        double beta = config.priorityBeta + (1 - config.priorityBeta) * Math.min(1.0, steps / (10.0 * config.epsilonDecaySteps));
        buffer.sample(batch, rng, beta);
        int n = batch.size;
        Network bootstrap = config.target.equals("none") ? online : target;
        if (config.doubleDqn) {
            Tensor qNextOnline = online.forward(nextObservations, false);
            for (int k = 0; k < n; k++) {
                nextActions[k] = qNextOnline.argmaxRow(k);
            }
        }
        Tensor qNext = bootstrap.forward(nextObservations, false);
        for (int k = 0; k < n; k++) {
            int a = config.doubleDqn ? nextActions[k] : qNext.argmaxRow(k);
            targets[k] = batch.rewards[k] + batch.discounts[k] * qNext.get(k * actions + a);
        }
        Tensor q = online.forward(observations, true);
        lossGrad.fill(0f);
        double loss = 0;
        boolean huber = config.loss.equals("huber");
        for (int k = 0; k < n; k++) {
            int i = k * actions + batch.actions[k];
            float td = q.get(i) - targets[k];
            tdErrors[k] = Math.abs(td) + (float) config.priorityEpsilon;
            float w = batch.weights[k];
            float a = Math.abs(td);
            loss += w * (huber ? (a <= 1 ? 0.5 * td * td : a - 0.5) : td * td);
            lossGrad.set(i, w * (huber ? Math.max(-1f, Math.min(1f, td)) : 2 * td) / n);
        }
        lastLoss = loss / n;
        if (!Double.isFinite(lastLoss)) {
            throw new IllegalStateException("dqn training diverged at environment step " + steps + ": loss is " + lastLoss
                    + " (check the learning rate and reward scale); the last good checkpoint is kept");
        }
        onlineParams.zeroGrad();
        online.backwardParameters(lossGrad);
        if (config.maxGradNorm > 0) {
            onlineParams.clipGradNorm(config.maxGradNorm);
        }
        optimizer.step();
        updates++;
        buffer.updatePriorities(batch.indices, tdErrors, n);
        if (config.target.equals("polyak")) {
            targetParams.softUpdate(onlineParams, config.tau);
        }
    }

    public long steps() {
        return steps;
    }

    public long updates() {
        return updates;
    }

    public long episodes() {
        return episodes;
    }

    /** The loss of the last update (0 before learning starts). */
    public double lastLoss() {
        return lastLoss;
    }

    /** The online network's parameters. */
    public Params parameters() {
        return onlineParams;
    }

    @Override
    public void save(Path directory) throws IOException {
        DqnCheckpoint.save(directory, this);
    }

    @Override
    public void load(Path directory) throws IOException {
        DqnCheckpoint.load(directory, this);
    }

    /** Only the Q-network of a checkpoint: the replay buffer (hundreds of MB on MinAtar) is not read. */
    @Override
    public void loadPolicy(Path directory) throws IOException {
        DqnCheckpoint.loadPolicy(directory, this);
    }

    // --- state access for DqnCheckpoint (same package) ---

    Params targetParams() {
        return targetParams;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    ReplayBuffer buffer() {
        return buffer;
    }

    Rng rng() {
        return rng;
    }

    void restoreCounters(long steps, long updates, long episodes) {
        this.steps = steps;
        this.updates = updates;
        this.episodes = episodes;
    }
}
