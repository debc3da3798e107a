package dev.arcadia.agents.dqn;

import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.ObservationEncoder;
import dev.arcadia.agents.QValues;
import dev.arcadia.agents.Transition;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.env.util.Rng;
import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Network;
import dev.arcadia.nets.Params;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.optim.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed notes' Q-network (S3 §8.2, from the "RL for everyone" lectures): Q-values from a network instead of a
 * table, trained online at batch 1 on every transition, with the target {@code r} at a terminal state and
 * {@code r + gamma max_a' Q(s', a')} otherwise, computed from the same network; squared error on the taken action
 * only, plain SGD. Exploration {@code epsilon = 1 / (episode / 50 + 10)} as in the lecture code. With one-hot
 * FrozenLake states and no hidden layer this is a linear 16 -> 4 Q-function. The seed reports 50-60 % success and
 * names the two reasons it struggles: correlated samples and non-stationary targets, which DQN fixes.
 */
public final class QNetworkAgent implements Agent<Object, Integer>, QValues<Object> {

    /** Hyperparameters, defaulting to the lecture's. */
    public static final class Config {
        /** Hidden layer sizes; empty = a linear Q-function, as in the lecture. */
        public List<Integer> hidden = List.of();
        public double learningRate = 0.1;
        public double gamma = 0.99;
        /** epsilon = 1 / (episode / epsilonEpisodes + epsilonOffset). */
        public double epsilonEpisodes = 50;
        public double epsilonOffset = 10;

        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (!(learningRate > 0)) {
                p.add("learningRate: expected a number > 0, got " + learningRate);
            }
            if (!(gamma >= 0 && gamma <= 1)) {
                p.add("gamma: expected a number in [0, 1], got " + gamma);
            }
            if (!(epsilonEpisodes > 0 && epsilonOffset >= 1)) {
                p.add("epsilonEpisodes: expected epsilonEpisodes > 0 and epsilonOffset >= 1, got " + epsilonEpisodes
                        + " and " + epsilonOffset);
            }
            return p;
        }
    }

    private final Config config;
    private final ObservationEncoder encoder;
    private final int actions;
    private final Network net;
    private final Params params;
    private final Sgd sgd;
    private final Rng rng;
    private final Tensor input;
    private final Tensor grad;
    private final double[] q;
    private long episodes;

    public QNetworkAgent(Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("qnet config: " + String.join("; ", problems));
        }
        if (!(actionSpace instanceof Discrete d) || d.start() != 0) {
            throw new IllegalArgumentException("qnet needs a Discrete action space starting at 0, got " + actionSpace);
        }
        this.config = config;
        this.encoder = ObservationEncoder.forSpace("qnet", observationSpace);
        this.actions = d.n();
        this.rng = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        int in = encoder.size();
        Rng init = new Rng(seed ^ 0x71L);
        for (int h : config.hidden) {
            layers.add(new Dense(in, h, Init.XAVIER_UNIFORM, init));
            layers.add(Activation.tanh());
            in = h;
        }
        Dense out = new Dense(in, actions, Init.ZEROS, init);
        if (config.hidden.isEmpty()) { // the lecture: W ~ U(0, 0.01)
            for (int i = 0; i < out.params().get(0).value().size(); i++) {
                out.params().get(0).value().set(i, (float) (0.01 * init.nextDouble()));
            }
        } else {
            Init.XAVIER_UNIFORM.fill(out.params().get(0).value(), in, actions, init);
        }
        layers.add(out);
        this.net = new Network(layers);
        this.params = net.parameters();
        this.sgd = new Sgd(params, config.learningRate);
        this.input = Tensor.zeros(1, encoder.size());
        this.grad = Tensor.zeros(1, actions);
        this.q = new double[actions];
    }

    public double epsilon() {
        return 1.0 / (episodes / config.epsilonEpisodes + config.epsilonOffset);
    }

    @Override
    public Integer act(Object observation, Mode mode) {
        if (mode == Mode.TRAIN && rng.nextDouble() < epsilon()) {
            return rng.nextInt(actions);
        }
        qValues(observation, q);
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        return best;
    }

    @Override
    public void qValues(Object observation, double[] out) {
        encoder.encode(observation, input.data(), 0);
        Tensor y = net.forward(input, false);
        for (int a = 0; a < actions; a++) {
            out[a] = y.get(a);
        }
    }

    @Override
    public void observe(Transition<Object, Integer> t) {
        double target = t.reward();
        if (!t.terminated()) {
            qValues(t.nextObservation(), q);
            double best = q[0];
            for (int a = 1; a < actions; a++) {
                best = Math.max(best, q[a]);
            }
            target += config.gamma * best;
        }
        encoder.encode(t.observation(), input.data(), 0);
        Tensor y = net.forward(input, true);
        float error = (float) (y.get(t.action()) - target);
        if (!Float.isFinite(error)) {
            throw new IllegalStateException("qnet training diverged: Q-value error is " + error);
        }
        grad.fill(0f);
        grad.set(t.action(), 2 * error);
        params.zeroGrad();
        net.backwardParameters(grad);
        sgd.step();
        if (t.done()) {
            episodes++;
        }
    }

    public Params parameters() {
        return params;
    }

    public long episodes() {
        return episodes;
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        params.save(directory.resolve("qnet.params"));
        long[] s = rng.state();
        AtomicFiles.writeString(directory.resolve("state.json"), "{\"format\":\"arcadia-qnet-checkpoint\",\"episodes\":"
                + episodes + ",\"rng\":[" + s[0] + "," + s[1] + "," + s[2] + "," + s[3] + "]}\n");
    }

    @Override
    public void load(Path directory) throws IOException {
        Path state = directory.resolve("state.json");
        if (!Files.isRegularFile(state)) {
            throw new IOException("qnet checkpoint " + directory + " is incomplete or missing: no state.json");
        }
        com.google.gson.JsonObject o;
        try {
            o = com.google.gson.JsonParser.parseString(Files.readString(state)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("qnet checkpoint " + directory + ": state.json is corrupt: " + e.getMessage(), e);
        }
        params.load(directory.resolve("qnet.params"));
        var r = o.getAsJsonArray("rng");
        rng.setState(new long[] {r.get(0).getAsLong(), r.get(1).getAsLong(), r.get(2).getAsLong(), r.get(3).getAsLong()});
        episodes = o.get("episodes").getAsLong();
    }
}
