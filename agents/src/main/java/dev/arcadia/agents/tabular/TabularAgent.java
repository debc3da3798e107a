package dev.arcadia.agents.tabular;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.planning.TabularPolicy;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.AtomicFiles;
import dev.arcadia.env.util.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tabular agents share: the Q-table {@code Q[s][a]}, exploration, episode counting and the agent file.
 * A subclass supplies only {@link #target}: the value {@code Q(s, a)} is moved towards with step size alpha,
 * {@code Q <- (1 - alpha) Q + alpha * target}.
 */
public abstract class TabularAgent implements Agent<Integer, Integer>, dev.arcadia.agents.QValues<Integer> {

    /** Hyperparameters of every tabular agent. Defaults suit slippery FrozenLake. */
    public static final class Config {
        /** Step size in (0, 1]. 1 replaces Q(s,a) by the target: the seed's update for a deterministic lake. */
        public double alpha = 0.1;
        /** Discount factor in [0, 1]. */
        public double gamma = 0.99;
        /** Exploration method while training. */
        public Exploration exploration = Exploration.EPSILON_GREEDY;
        /** Epsilon at episode 0 (epsilon-greedy). */
        public double epsilonStart = 1.0;
        /** Lowest epsilon (epsilon-greedy). */
        public double epsilonMin = 0.0;
        /** Epsilon after i episodes is max(epsilonMin, epsilonStart / (1 + i / epsilonDecayEpisodes)). */
        public double epsilonDecayEpisodes = 100;
        /** Scale of the Gaussian noise added to Q (noise exploration), divided by (episode + 1). */
        public double noiseScale = 1.0;
        /** Initial value of every Q(s, a). */
        public double initialQ = 0.0;

        /** Problems with the values, each naming the field, the value and what is expected; empty when valid. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (!(alpha > 0 && alpha <= 1)) {
                p.add("alpha: expected a number in (0, 1], got " + alpha);
            }
            if (!(gamma >= 0 && gamma <= 1)) {
                p.add("gamma: expected a number in [0, 1], got " + gamma);
            }
            if (!(epsilonStart >= 0 && epsilonStart <= 1)) {
                p.add("epsilonStart: expected a probability in [0, 1], got " + epsilonStart);
            }
            if (!(epsilonMin >= 0 && epsilonMin <= epsilonStart)) {
                p.add("epsilonMin: expected a number in [0, epsilonStart], got " + epsilonMin);
            }
            if (!(epsilonDecayEpisodes > 0)) {
                p.add("epsilonDecayEpisodes: expected a positive number, got " + epsilonDecayEpisodes);
            }
            if (!(noiseScale >= 0)) {
                p.add("noiseScale: expected a number >= 0, got " + noiseScale);
            }
            if (!Double.isFinite(initialQ)) {
                p.add("initialQ: expected a finite number, got " + initialQ);
            }
            if (exploration == null) {
                p.add("exploration: expected one of none, epsilon-greedy, noise, got null");
            }
            return p;
        }
    }

    protected final Config config;
    protected final int states;
    protected final int actions;
    /** Q-values, {@code q[s * actions + a]}. */
    protected final double[] q;
    protected final Rng rng;
    private long episodes;
    private long steps;
    /** For on-policy targets: the action already chosen for the next state (-1 when none). */
    private int pendingState = -1;
    private int pendingAction = -1;

    protected TabularAgent(String name, Config config, Space<?> observationSpace, Space<?> actionSpace, long seed) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + " config: " + String.join("; ", problems));
        }
        if (!(observationSpace instanceof Discrete obs) || !(actionSpace instanceof Discrete act)) {
            throw new IllegalArgumentException(name + " needs Discrete observation and action spaces, got "
                    + observationSpace + " and " + actionSpace + "; wrap other observations first");
        }
        if (obs.start() != 0 || act.start() != 0) {
            throw new IllegalArgumentException(name + " needs Discrete spaces starting at 0, got " + obs + " and " + act);
        }
        this.config = config;
        this.states = obs.n();
        this.actions = act.n();
        this.q = new double[states * actions];
        java.util.Arrays.fill(q, config.initialQ);
        this.rng = new Rng(seed);
    }

    /** The config name of the algorithm, e.g. "q-learning". */
    public abstract String algorithm();

    /** The value {@code Q(s, a)} of the transition moves towards. */
    protected abstract double target(Transition<Integer, Integer> t);

    @Override
    public Integer act(Integer observation, Mode mode) {
        int s = observation;
        if (mode == Mode.TRAIN && s == pendingState) {
            pendingState = -1;
            return pendingAction;
        }
        return mode == Mode.TRAIN ? explore(s) : greedy(s);
    }

    /** An action for state {@code s} under the training exploration. */
    protected int explore(int s) {
        return switch (config.exploration) {
            case NONE -> greedy(s);
            case EPSILON_GREEDY -> rng.nextDouble() < epsilon() ? rng.nextInt(actions) : greedy(s);
            case NOISE -> {
                double scale = config.noiseScale / (episodes + 1);
                int best = 0;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < actions; a++) {
                    double v = q[s * actions + a] + scale * rng.nextGaussian();
                    if (v > bestValue) {
                        bestValue = v;
                        best = a;
                    }
                }
                yield best;
            }
        };
    }

    /** The current epsilon of epsilon-greedy exploration. */
    public double epsilon() {
        return Math.max(config.epsilonMin, config.epsilonStart / (1.0 + episodes / config.epsilonDecayEpisodes));
    }

    /** An action of maximal value, uniformly among exact ties (reservoir sampling, no allocation). */
    protected int greedy(int s) {
        int base = s * actions;
        int best = 0;
        double bestValue = q[base];
        int ties = 1;
        for (int a = 1; a < actions; a++) {
            double v = q[base + a];
            if (v > bestValue) {
                bestValue = v;
                best = a;
                ties = 1;
            } else if (v == bestValue && rng.nextInt(++ties) == 0) {
                best = a;
            }
        }
        return best;
    }

    /** {@code max_a Q(s, a)}. */
    protected double maxQ(int s) {
        double best = q[s * actions];
        for (int a = 1; a < actions; a++) {
            best = Math.max(best, q[s * actions + a]);
        }
        return best;
    }

    /** Chooses and remembers the action for the next state now, so {@link #act} returns it (SARSA). */
    protected int commitNextAction(int nextState) {
        pendingState = nextState;
        pendingAction = explore(nextState);
        return pendingAction;
    }

    @Override
    public void observe(Transition<Integer, Integer> t) {
        int i = t.observation() * actions + t.action();
        double target = target(t);
        q[i] += config.alpha * (target - q[i]);
        steps++;
        if (t.done()) {
            episodes++;
            pendingState = -1;
        }
    }

    /** Episodes finished so far. */
    public long episodes() {
        return episodes;
    }

    /** Transitions observed so far. */
    public long steps() {
        return steps;
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    @Override
    public void qValues(Integer observation, double[] out) {
        System.arraycopy(q, observation * actions, out, 0, actions);
    }

    /** A copy of the Q-table, {@code [s * actions + a]}. */
    public double[] qTable() {
        return q.clone();
    }

    /** The greedy policy of the current Q-table (uniform over exact ties), with its own random stream. */
    public TabularPolicy greedyPolicy(long seed) {
        return TabularPolicy.greedy(q, states, actions, seed);
    }

    @Override
    public void save(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", "arcadia-tabular-agent");
        o.addProperty("version", 1);
        o.addProperty("algorithm", algorithm());
        o.addProperty("states", states);
        o.addProperty("actions", actions);
        o.addProperty("episodes", episodes);
        o.addProperty("steps", steps);
        o.addProperty("pendingState", pendingState);
        o.addProperty("pendingAction", pendingAction);
        JsonArray r = new JsonArray();
        for (long w : rng.state()) {
            r.add(w);
        }
        o.add("rng", r);
        JsonArray values = new JsonArray();
        for (double v : q) {
            values.add(v);
        }
        o.add("q", values);
        AtomicFiles.writeString(file, o + "\n");
    }

    @Override
    public void load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("agent file " + file + " does not exist", e);
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            String format = o.has("format") ? o.get("format").getAsString() : "(none)";
            if (!format.equals("arcadia-tabular-agent")) {
                throw new IOException("agent file " + file + " has format '" + format + "', expected 'arcadia-tabular-agent'");
            }
            String algo = o.get("algorithm").getAsString();
            int s = o.get("states").getAsInt();
            int a = o.get("actions").getAsInt();
            if (!algo.equals(algorithm()) || s != states || a != actions) {
                throw new IOException("agent file " + file + " holds a " + algo + " agent for " + s + " states x " + a
                        + " actions; this is a " + algorithm() + " agent for " + states + " x " + actions);
            }
            JsonArray values = o.getAsJsonArray("q");
            if (values.size() != q.length) {
                throw new IOException("agent file " + file + " has " + values.size() + " Q-values, expected " + q.length);
            }
            double[] loaded = new double[q.length];
            for (int i = 0; i < loaded.length; i++) {
                loaded[i] = values.get(i).getAsDouble();
            }
            JsonArray r = o.getAsJsonArray("rng");
            long[] rngState = new long[r.size()];
            for (int i = 0; i < rngState.length; i++) {
                rngState[i] = r.get(i).getAsLong();
            }
            rng.setState(rngState);
            System.arraycopy(loaded, 0, q, 0, q.length);
            episodes = o.get("episodes").getAsLong();
            steps = o.get("steps").getAsLong();
            pendingState = o.get("pendingState").getAsInt();
            pendingAction = o.get("pendingAction").getAsInt();
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                 | IllegalArgumentException e) {
            throw new IOException("agent file " + file + " is corrupt or incomplete: " + e.getMessage(), e);
        }
    }
}
