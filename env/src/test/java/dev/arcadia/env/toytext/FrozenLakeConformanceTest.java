package dev.arcadia.env.toytext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Envs;
import dev.arcadia.env.TransitionTable;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares FrozenLake's transition tables entry by entry (order, probability, next state, reward, terminated) with
 * fixtures generated from Gymnasium itself by {@code tools/fixtures/gen_frozenlake.py}.
 */
class FrozenLakeConformanceTest {

    private static JsonObject fixture(String name) throws Exception {
        try (var in = FrozenLakeConformanceTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run tools/fixtures/gen_frozenlake.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"frozenlake-4x4-slippery", "frozenlake-4x4-deterministic", "frozenlake-8x8-slippery",
            "frozenlake-8x8-deterministic", "frozenlake-random-6x6-slippery"})
    void transitionTableMatchesGymnasium(String name) throws Exception {
        JsonObject f = fixture(name);
        List<String> desc = new ArrayList<>();
        f.getAsJsonArray("desc").forEach(e -> desc.add(e.getAsString()));
        boolean slippery = f.getAsJsonObject("kwargs").get("is_slippery").getAsBoolean();
        String id = desc.size() == 8 ? "FrozenLake8x8-v1" : "FrozenLake-v1";
        Map<String, Object> options = new HashMap<>();
        options.put("is_slippery", slippery);
        if (name.contains("random")) {
            options.put("desc", desc);
        }
        Env<Integer, Integer> env = Envs.make(id, options);
        FrozenLake lake = (FrozenLake) env.unwrapped();
        assertEquals(desc, lake.map().rows());
        TransitionTable t = lake.transitionTable();
        assertEquals(f.get("nS").getAsInt(), t.states());
        assertEquals(f.get("nA").getAsInt(), t.actions());
        JsonArray init = f.getAsJsonArray("initialStateDistribution");
        for (int s = 0; s < t.states(); s++) {
            assertEquals(init.get(s).getAsDouble(), t.initialProbability(s), 0.0, "initial probability of " + s);
        }
        JsonArray p = f.getAsJsonArray("P");
        for (int s = 0; s < t.states(); s++) {
            for (int a = 0; a < t.actions(); a++) {
                JsonArray outcomes = p.get(s).getAsJsonArray().get(a).getAsJsonArray();
                String where = name + " state " + s + " action " + a;
                assertEquals(outcomes.size(), t.end(s, a) - t.start(s, a), where + ": number of outcomes");
                for (int k = 0; k < outcomes.size(); k++) {
                    JsonArray o = outcomes.get(k).getAsJsonArray();
                    int i = t.start(s, a) + k;
                    assertEquals(o.get(0).getAsDouble(), t.probability(i), 0.0, where + " outcome " + k + " probability");
                    assertEquals(o.get(1).getAsInt(), t.nextState(i), where + " outcome " + k + " next state");
                    assertEquals(o.get(2).getAsDouble(), t.reward(i), 0.0, where + " outcome " + k + " reward");
                    assertEquals(o.get(3).getAsBoolean(), t.terminated(i), where + " outcome " + k + " terminated");
                }
            }
        }
        EnvSpec spec = env.spec().orElseThrow();
        assertEquals(f.get("maxEpisodeSteps").getAsInt(), spec.maxEpisodeSteps());
        if (!name.contains("random")) {
            assertEquals(f.get("rewardThreshold").getAsDouble(), spec.rewardThreshold(), 0.0);
        }
    }
}
