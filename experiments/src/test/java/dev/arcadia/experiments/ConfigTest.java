package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.arcadia.agents.tabular.Exploration;
import dev.arcadia.agents.tabular.TabularAgent;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ConfigBinder;
import dev.arcadia.experiments.config.ConfigException;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.MetricsSink;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ConfigTest {

    static final java.util.List<String> BUILT_IN = ExperimentConfig.BUILT_IN;

    private static ExperimentConfig parse(String json) {
        return ExperimentConfig.fromJson(ConfigBinder.parse(json, "test"));
    }

    private static void assertConfigError(String json, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            ExperimentConfig c = parse(json);
            AgentCatalog.bind(c.agent, "$.agent");
        });
        assertEquals(expected, e.getMessage());
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void everyBuiltInConfigBindsAndValidates(String name) {
        ExperimentConfig c = ExperimentConfig.load(name);
        assertEquals(name, c.name);
        AgentCatalog.BoundAgent agent = AgentCatalog.bind(c.agent, "$.agent");
        assertTrue(AgentCatalog.types().contains(agent.type()));
        new Runner(c, MetricsSink.NONE, Progress.auto("x", 1, true)); // env id resolves
        // the resolved config round-trips to the same resolved config
        JsonObject resolved = c.toJson();
        assertEquals(resolved, ExperimentConfig.fromJson(resolved).toJson());
    }

    @Test
    void defaultsAndEnumsBind() {
        ExperimentConfig c = parse("{\"agent\": {\"type\": \"sarsa\", \"exploration\": \"noise\", \"alpha\": 0.5}}");
        TabularAgent.Config a = (TabularAgent.Config) AgentCatalog.bind(c.agent, "$.agent").config();
        assertEquals(Exploration.NOISE, a.exploration);
        assertEquals(0.5, a.alpha);
        assertEquals(0.99, a.gamma);
        assertEquals("FrozenLake-v1", c.env.id);
        assertEquals(1, c.seeds);
    }

    @Test
    void unknownKeysNameThePathAndTheClosestKey() {
        assertConfigError("{\"seeed\": 3}",
                "$.seeed: unknown key 'seeed' (did you mean one of 'seed', 'seeds'?); valid keys here: name, description, seed, seeds, env, agent, train, eval");
        assertConfigError("{\"agent\": {\"type\": \"q-learning\", \"alpah\": 0.1}}",
                "$.agent.alpah: unknown key 'alpah' (did you mean 'alpha'?); valid keys here: alpha, gamma, exploration, "
                        + "epsilonStart, epsilonMin, epsilonDecayEpisodes, noiseScale, initialQ");
        assertConfigError("{\"train\": {\"episode\": 10}}",
                "$.train.episode: unknown key 'episode' (did you mean 'episodes'?); valid keys here: episodes, steps, logEvery, checkpointEvery, keepCheckpoints");
    }

    @Test
    void wrongTypesAndValuesStateActualAndExpected() {
        assertConfigError("{\"agent\": {\"type\": \"q-learning\", \"alpha\": \"fast\"}}",
                "$.agent.alpha: expected a number, got \"fast\" (a string)");
        assertConfigError("{\"train\": {\"episodes\": 2.5}}", "$.train.episodes: expected an integer (int range), got 2.5 (a number)");
        assertConfigError("{\"seeds\": true}", "$.seeds: expected an integer (int range), got true (a boolean)");
        assertConfigError("{\"env\": {\"id\": 7}}", "$.env.id: expected a string, got 7 (a number)");
        assertConfigError("{\"env\": \"FrozenLake-v1\"}", "$.env: expected an object {...}, got \"FrozenLake-v1\" (a string)");
        assertConfigError("{\"agent\": {\"type\": \"q-learning\", \"exploration\": \"greedy\"}}",
                "$.agent.exploration: expected one of none, epsilon-greedy, noise, got \"greedy\" (a string) (did you mean 'epsilon-greedy'?)");
        assertConfigError("{\"agent\": {\"type\": \"q-learning\", \"alpha\": 1.5}}",
                "$.agent.alpha: expected a number in (0, 1], got 1.5");
        assertConfigError("{\"agent\": {\"type\": \"q-lerning\"}}",
                "$.agent.type: unknown agent type 'q-lerning' (did you mean 'q-learning'?); expected one of q-learning, sarsa, expected-sarsa, qnet, dqn, "
                        + "reinforce, a2c, ppo");
        assertConfigError("{\"seeds\": 0}", "$.seeds: expected an integer >= 1, got 0");
        assertConfigError("{\"name\": \"my run\"}",
                "$.name: expected letters, digits, '.', '_' or '-' (it names the run directory), got \"my run\"");
        ConfigException malformed = assertThrows(ConfigException.class, () -> parse("{\"seed\": 1,}"));
        assertTrue(malformed.getMessage().startsWith("$: malformed JSON in test: Expected name at line 1 column 13"),
                malformed.getMessage());
    }

    @Test
    void unknownEnvironmentsAndOptionsAreReportedWhenTheRunStarts() {
        ExperimentConfig c = parse("{\"env\": {\"id\": \"FrozenLake-v2\"}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Runner(c, MetricsSink.NONE, Progress.auto("x", 1, true)));
        assertEquals("environment 'FrozenLake-v2' is not registered; registered versions of FrozenLake: FrozenLake-v1", e.getMessage());
        ExperimentConfig d = parse("{\"env\": {\"options\": {\"slippery\": false}}, \"train\": {\"episodes\": 1}}");
        e = assertThrows(IllegalArgumentException.class, () -> new Runner(d, MetricsSink.NONE, Progress.auto("x", 1, true)).run());
        assertTrue(e.getMessage().startsWith("unknown option 'slippery' for FrozenLake-v1 (did you mean 'is_slippery'?)"), e.getMessage());
    }

    @Test
    void unknownBuiltInNamesSuggestTheClosest() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.load("frozenlak"));
        assertTrue(e.getMessage().contains("no config file 'frozenlak' and no built-in config of that name (did you mean "), e.getMessage());
    }
}
