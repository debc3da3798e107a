package dev.arcadia.experiments.config;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment as data: which environment, which agent with which hyperparameters, how long to train, how to
 * evaluate, and the seeds. Written as JSON (see the README for the format); every field has a default.
 */
public final class ExperimentConfig {

    /** Built-in configs shipped in the jar under {@code /configs/NAME.json}. */
    public static final List<String> BUILT_IN = List.of("frozenlake", "frozenlake-8x8", "frozenlake-dummy",
            "frozenlake-explore", "frozenlake-explore-slippery", "frozenlake-sarsa", "frozenlake-expected-sarsa",
            "frozenlake-qnet", "frozenlake-dqn", "cartpole-dqn", "cartpole-dqn-nips", "cartpole-double-dueling",
            "cartpole-rainbow-lite", "cartpole-qnet", "minatar-asterix-dqn", "minatar-breakout-dqn", "minatar-freeway-dqn",
            "minatar-seaquest-dqn", "minatar-space_invaders-dqn", "cartpole-ppo", "cartpole-a2c",
            "cartpole-reinforce", "pendulum-ppo");

    /** Name of the experiment; also names its run directory. */
    public String name = "experiment";
    /** What the experiment shows, for people. */
    public String description = "";
    /** The master seed: every random stream of the run derives from it by name. */
    public long seed = 1;
    /** How many independently seeded runs to make. */
    public int seeds = 1;
    /** The environment. */
    public EnvConfig env = new EnvConfig();
    /** The agent: {@code "type"} plus that agent's hyperparameters. */
    public JsonObject agent = defaultAgent();
    /** Training length and logging. */
    public TrainConfig train = new TrainConfig();
    /** Evaluation of the final greedy policy. */
    public EvalConfig eval = new EvalConfig();

    /** The environment to make. */
    public static final class EnvConfig {
        /** A registered, versioned id such as {@code FrozenLake-v1}. */
        public String id = "FrozenLake-v1";
        /** Options (Gymnasium kwargs) of the environment, e.g. {@code {"is_slippery": false}}. */
        public Map<String, Object> options = new LinkedHashMap<>();
    }

    /** How long to train: until either budget is used up (0 = no limit; at least one must be set). */
    public static final class TrainConfig {
        /** Training episodes per seed. */
        public int episodes = 2000;
        /** Training environment steps per seed. */
        public long steps = 0;
        /** Write a metrics line every this many episodes. */
        public int logEvery = 100;
        /** Write a checkpoint every this many episodes (0 = none); {@code arcadia resume} continues from the last. */
        public int checkpointEvery = 0;
        /** Keep only this many newest checkpoints per seed, deleting older ones (0 = keep all). */
        public int keepCheckpoints = 0;
    }

    /** How to evaluate the trained greedy policy. */
    public static final class EvalConfig {
        /** Sampled evaluation episodes per seed. */
        public int episodes = 10_000;
        /** Also evaluate exactly by dynamic programming when the environment exposes its transition table. */
        public boolean exact = true;
        /** Evaluate the greedy policy every this many training steps (0 = only at the end). */
        public int everySteps = 0;
        /** Episodes per periodic evaluation. */
        public int periodicEpisodes = 100;
        /** A periodic evaluation mean return at or above this counts as solved (null = no threshold). */
        public Double solvedAt = null;
    }

    private static JsonObject defaultAgent() {
        JsonObject o = new JsonObject();
        o.addProperty("type", "q-learning");
        return o;
    }

    /** Binds and validates a config document. */
    public static ExperimentConfig fromJson(JsonObject json) {
        ExperimentConfig c = ConfigBinder.bind(json, ExperimentConfig.class, "$");
        c.validate();
        return c;
    }

    /**
     * Loads a built-in config by name, or a JSON file by path.
     *
     * @throws ConfigException for a missing file or unknown name (listing the built-in ones), bad JSON or bad values
     */
    public static ExperimentConfig load(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            try {
                return fromJson(ConfigBinder.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new ConfigException("$", "cannot read config file " + file + ": " + e.getMessage());
            }
        }
        try (InputStream in = ExperimentConfig.class.getResourceAsStream("/configs/" + nameOrPath + ".json")) {
            if (in == null || !BUILT_IN.contains(nameOrPath)) {
                throw new ConfigException("$", "no config file '" + nameOrPath + "' and no built-in config of that name"
                        + dev.arcadia.env.util.Suggestions.didYouMean(nameOrPath, BUILT_IN)
                        + "; built-in configs: " + String.join(", ", BUILT_IN));
            }
            return fromJson(ConfigBinder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "built-in config " + nameOrPath));
        } catch (IOException e) {
            throw new ConfigException("$", "cannot read built-in config " + nameOrPath + ": " + e.getMessage());
        }
    }

    /**
     * Checks the values (the agent's own fields are checked when it is bound).
     *
     * @throws ConfigException at the first bad value
     */
    public void validate() {
        List<ConfigException> problems = new ArrayList<>();
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            problems.add(new ConfigException("$.name", "expected letters, digits, '.', '_' or '-' (it names the run "
                    + "directory), got " + (name == null ? "null" : "\"" + name + "\"")));
        }
        if (seeds < 1) {
            problems.add(new ConfigException("$.seeds", "expected an integer >= 1, got " + seeds));
        }
        if (env == null || env.id == null) {
            problems.add(new ConfigException("$.env.id", "expected a registered environment id such as \"FrozenLake-v1\", got null"));
        }
        if (env != null && env.options == null) {
            env.options = new LinkedHashMap<>();
        }
        if (agent == null || !agent.has("type")) {
            problems.add(new ConfigException("$.agent.type", "missing; expected one of "
                    + String.join(", ", AgentCatalog.types())));
        }
        if (train == null || train.episodes < 0 || train.steps < 0 || (train.episodes == 0 && train.steps == 0)) {
            problems.add(new ConfigException("$.train.episodes", "expected episodes >= 0 and steps >= 0, at least one "
                    + "of them > 0, got " + (train == null ? "null" : "episodes " + train.episodes + ", steps " + train.steps)));
        } else if (train.keepCheckpoints < 0) {
            problems.add(new ConfigException("$.train.keepCheckpoints", "expected an integer >= 0 (0 = keep all), got "
                    + train.keepCheckpoints));
        } else if (train.checkpointEvery < 0) {
            problems.add(new ConfigException("$.train.checkpointEvery", "expected an integer >= 0 (0 = none), got "
                    + train.checkpointEvery));
        } else if (train.logEvery < 1) {
            problems.add(new ConfigException("$.train.logEvery", "expected an integer >= 1, got " + train.logEvery));
        }
        if (eval == null || eval.episodes < 1) {
            problems.add(new ConfigException("$.eval.episodes", "expected an integer >= 1, got "
                    + (eval == null ? "null" : eval.episodes)));
        }
        if (eval != null && (eval.everySteps < 0 || eval.periodicEpisodes < 1)) {
            problems.add(new ConfigException("$.eval.everySteps", "expected everySteps >= 0 and periodicEpisodes >= 1, got "
                    + eval.everySteps + " and " + eval.periodicEpisodes));
        }
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }

    /** The resolved config as JSON: every default filled in, the agent's too. */
    public JsonObject toJson() {
        JsonObject o = ConfigBinder.toJson(this);
        o.add("agent", AgentCatalog.bind(agent, "$.agent").toJson());
        return o;
    }
}
