package dev.arcadia.experiments.config;

import com.google.gson.JsonObject;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.dqn.Dqn;
import dev.arcadia.agents.dqn.QNetworkAgent;
import dev.arcadia.agents.pg.A2c;
import dev.arcadia.agents.pg.Ppo;
import dev.arcadia.agents.pg.Reinforce;
import dev.arcadia.agents.tabular.ExpectedSarsa;
import dev.arcadia.agents.tabular.QLearning;
import dev.arcadia.agents.tabular.Sarsa;
import dev.arcadia.agents.tabular.TabularAgent;
import dev.arcadia.env.Env;
import dev.arcadia.env.util.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The agents a config can name by {@code "type"}, with their config classes. */
public final class AgentCatalog {

    /** Builds an agent for an environment from its bound config and a seed. */
    @FunctionalInterface
    interface Factory {
        Agent<?, ?> create(Object config, Env<?, ?> env, long seed);
    }

    /** The problems of a bound config, each "field: message". */
    @FunctionalInterface
    interface Validator {
        List<String> problems(Object config);
    }

    private record Entry(Class<?> configClass, Factory factory, Validator validator) {
    }

    private static final Validator TABULAR = c -> ((TabularAgent.Config) c).problems();

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    /** Policy-gradient types: they learn from a vector environment (VectorRunner), not through Agent.observe. */
    private static final Set<String> VECTOR = Set.of("reinforce", "a2c", "ppo");

    static {
        ENTRIES.put("q-learning", new Entry(TabularAgent.Config.class, (c, env, seed) ->
                new QLearning((TabularAgent.Config) c, env.observationSpace(), env.actionSpace(), seed), TABULAR));
        ENTRIES.put("sarsa", new Entry(TabularAgent.Config.class, (c, env, seed) ->
                new Sarsa((TabularAgent.Config) c, env.observationSpace(), env.actionSpace(), seed), TABULAR));
        ENTRIES.put("expected-sarsa", new Entry(TabularAgent.Config.class, (c, env, seed) ->
                new ExpectedSarsa((TabularAgent.Config) c, env.observationSpace(), env.actionSpace(), seed), TABULAR));
        ENTRIES.put("qnet", new Entry(QNetworkAgent.Config.class, (c, env, seed) ->
                new QNetworkAgent((QNetworkAgent.Config) c, env.observationSpace(), env.actionSpace(), seed),
                c -> ((QNetworkAgent.Config) c).problems()));
        ENTRIES.put("dqn", new Entry(Dqn.Config.class, (c, env, seed) ->
                new Dqn((Dqn.Config) c, env.observationSpace(), env.actionSpace(), seed),
                c -> ((Dqn.Config) c).problems()));
        ENTRIES.put("reinforce", new Entry(Reinforce.Config.class, (c, env, seed) ->
                new Reinforce((Reinforce.Config) c, env.observationSpace(), env.actionSpace(), seed),
                c -> ((Reinforce.Config) c).problems()));
        ENTRIES.put("a2c", new Entry(A2c.Config.class, (c, env, seed) ->
                new A2c((A2c.Config) c, env.observationSpace(), env.actionSpace(), seed),
                c -> ((A2c.Config) c).problems()));
        ENTRIES.put("ppo", new Entry(Ppo.Config.class, (c, env, seed) ->
                new Ppo((Ppo.Config) c, env.observationSpace(), env.actionSpace(), seed),
                c -> ((Ppo.Config) c).problems()));
    }

    private AgentCatalog() {
    }

    /** Every agent type a config can name. */
    public static List<String> types() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The policy-gradient types, which train on a vector environment. */
    public static List<String> vectorTypes() {
        return types().stream().filter(VECTOR::contains).toList();
    }

    /** An agent type with its bound, validated config. */
    public record BoundAgent(String type, Object config) {

        /** True for policy-gradient agents: they train on a vector environment through the VectorRunner. */
        public boolean vectorized() {
            return VECTOR.contains(type);
        }

        /** A new agent for {@code env}, seeded with {@code seed}. */
        public Agent<?, ?> create(Env<?, ?> env, long seed) {
            return ENTRIES.get(type).factory().create(config, env, seed);
        }

        /** The agent's resolved config with its type, as JSON. */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("type", type);
            ConfigBinder.toJson(config).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
            return o;
        }
    }

    /**
     * Binds {@code {"type": ..., hyperparameters...}} strictly.
     *
     * @throws ConfigException for a missing or unknown type, an unknown key or a bad value
     */
    public static BoundAgent bind(JsonObject json, String path) {
        if (json == null || !json.has("type") || !json.get("type").isJsonPrimitive()) {
            throw new ConfigException(path + ".type", "missing; expected one of " + String.join(", ", types()));
        }
        String type = json.get("type").getAsString();
        Entry entry = ENTRIES.get(type);
        if (entry == null) {
            throw new ConfigException(path + ".type", "unknown agent type '" + type + "'"
                    + Suggestions.didYouMean(type, ENTRIES.keySet()) + "; expected one of " + String.join(", ", types()));
        }
        JsonObject rest = json.deepCopy();
        rest.remove("type");
        Object config = ConfigBinder.bind(rest, entry.configClass(), path);
        List<String> problems = entry.validator().problems(config);
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            int colon = first.indexOf(':');
            throw new ConfigException(path + "." + first.substring(0, colon), first.substring(colon + 2));
        }
        if (config instanceof TabularAgent.Config c && type.equals("expected-sarsa")
                && c.exploration == dev.arcadia.agents.tabular.Exploration.NOISE) {
            throw new ConfigException(path + ".exploration", "expected-sarsa needs epsilon-greedy or none, got noise");
        }
        return new BoundAgent(type, config);
    }
}
