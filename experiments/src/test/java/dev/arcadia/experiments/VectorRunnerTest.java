package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.experiments.cli.Arcadia;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.MetricsSink;
import dev.arcadia.experiments.run.Progress;
import dev.arcadia.experiments.run.Runner;
import dev.arcadia.experiments.run.VectorRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arcadia run} with policy-gradient agents: the vector runner, its metrics and their reproducibility. */
class VectorRunnerTest {

    @TempDir
    Path tmp;

    private Path config(String name, long seed, String agentExtra) throws Exception {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": %d, "seeds": 2,
                 "env": {"id": "CartPole-v1"},
                 "agent": {"type": "ppo", "numEnvs": 4, "rolloutSteps": 64, "minibatches": 4 %s},
                 "train": {"episodes": 0, "steps": 3072, "logEvery": 10},
                 "eval": {"episodes": 5, "exact": false, "everySteps": 1024, "periodicEpisodes": 3, "solvedAt": 475}}
                """.formatted(name, seed, agentExtra));
        return file;
    }

    private static String[] captured = new String[2];

    private static int quietly(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Arcadia.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
            captured = new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        }
    }

    @Test
    void sameConfigSeedAndThreadsGiveByteIdenticalMetrics() throws Exception {
        Path cfg = config("pg", 42, "");
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", tmp.resolve("a").toString(), "-q"), captured[1]);
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", tmp.resolve("b").toString(), "-q"), captured[1]);
        byte[] a = Files.readAllBytes(tmp.resolve("a/metrics.jsonl"));
        assertTrue(a.length > 500);
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/metrics.jsonl")));
        // two threads stepping the copies: the same metrics too (each copy's stream is its own)
        Path threaded = config("pg-threads", 42, ", \"envThreads\": 2");
        assertEquals(0, quietly("run", threaded.toString(), "--run-dir", tmp.resolve("c").toString(), "-q"), captured[1]);
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("c/metrics.jsonl")));
        assertEquals(0, quietly("run", config("pg2", 43, "").toString(), "--run-dir", tmp.resolve("d").toString(), "-q"));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("d/metrics.jsonl"))),
                "another master seed gives other metrics");
    }

    @Test
    void metricsHoldTrainingWindowsUpdateStatisticsEvaluationsAndFinalResults() throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, quietly("run", config("layout", 1, "").toString(), "--run-dir", dir.toString(), "-q"), captured[1]);
        assertTrue(captured[0].contains("agent ppo"), captured[0]);
        List<JsonObject> lines = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        List<JsonObject> windows = lines.stream().filter(o -> !o.has("event")).toList();
        assertFalse(windows.isEmpty());
        JsonObject w = windows.get(windows.size() - 1);
        for (String key : List.of("seed", "episode", "steps", "meanReturn", "trainReturn", "updates", "policyLoss",
                "valueLoss", "entropy", "approxKl", "clipFraction", "learningRate")) {
            assertTrue(w.has(key), key + " in " + w);
        }
        assertEquals(6, lines.stream().filter(o -> o.has("event") && o.get("event").getAsString().equals("eval")).count(),
                "3 evaluations (every 1024 of 3072 steps) per seed");
        List<JsonObject> finals = lines.stream().filter(o -> o.has("event") && o.get("event").getAsString().equals("final")).toList();
        assertEquals(2, finals.size());
        assertEquals(3072, finals.get(0).get("steps").getAsLong());
        assertEquals(12, finals.get(0).get("updates").getAsLong(), "3072 steps / (4 envs x 64 steps)");
        assertEquals(5, finals.get(0).get("evalEpisodes").getAsInt());
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
        assertTrue(Files.isRegularFile(dir.resolve("learning-curve.png")));
        assertTrue(JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("agent").has("gaeLambda"), "defaults resolved into config.json");
    }

    @Test
    void boxActionsRunThroughTheVectorRunner() {
        ExperimentConfig c = ExperimentConfig.load("pendulum-ppo");
        c.seeds = 1;
        c.train.steps = 4096;
        c.eval.everySteps = 0;
        c.eval.episodes = 2;
        List<Runner.SeedResult> r = new VectorRunner(c, MetricsSink.NONE, Progress.auto("t", 1, true)).run();
        assertEquals(4096, r.get(0).steps());
        double greedy = r.get(0).greedySampled().meanReturn();
        assertTrue(greedy < 0 && greedy > -2000, "Pendulum returns lie in [-3250, 0]: " + greedy);
    }

    @Test
    void unknownAgentKeysAreRejectedWithTheJsonPath() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, """
                {"name": "bad", "env": {"id": "CartPole-v1"}, "agent": {"type": "ppo", "minibatchs": 4},
                 "train": {"episodes": 0, "steps": 1000}}
                """);
        assertEquals(2, quietly("run", file.toString(), "--run-dir", tmp.resolve("y").toString(), "-q"));
        assertTrue(captured[1].contains("$.agent.minibatchs: unknown key") && captured[1].contains("minibatches"),
                captured[1]);
    }
}
