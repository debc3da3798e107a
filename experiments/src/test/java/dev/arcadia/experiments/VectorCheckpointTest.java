package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.agents.Agent;
import dev.arcadia.agents.Evaluation;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.experiments.cli.Arcadia;
import dev.arcadia.experiments.config.AgentCatalog;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.run.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoints of policy-gradient runs ({@code checkpoints/seed-I/step-N/}): written at update boundaries and at the
 * end, loadable into an agent that acts as the trained one, and continued by {@code arcadia resume} into the same
 * metrics as a run that never stopped.
 */
class VectorCheckpointTest {

    @TempDir
    Path tmp;

    private static String err = "";

    private static int quietly(String... args) {
        PrintStream out = System.out;
        PrintStream e = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            return Arcadia.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(e);
            err = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private Path config(String env, String agent, int checkpointEvery) throws Exception {
        Path file = tmp.resolve("cfg.json");
        Files.writeString(file, """
                {"name": "pg-ckpt", "seed": 5, "seeds": 2, "env": {"id": "%s"}, "agent": %s,
                 "train": {"episodes": 0, "steps": 2560, "logEvery": 7, "checkpointEvery": %d},
                 "eval": {"episodes": 3, "exact": false, "everySteps": 1024, "periodicEpisodes": 2}}
                """.formatted(env, agent, checkpointEvery));
        return file;
    }

    private static final String PPO = "{\"type\": \"ppo\", \"numEnvs\": 4, \"rolloutSteps\": 64, \"minibatches\": 4,"
            + " \"annealLearningRate\": true}";

    /** The complete checkpoint directories of a seed, by step. */
    private static List<Path> checkpoints(Path run, int seed) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints/seed-" + seed))) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+"))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(5))))
                    .toList();
        }
    }

    @Test
    void checkpointsAreWrittenAtUpdatesAndTheLastOneActsAsTheTrainedAgent() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, quietly("run", config("CartPole-v1", PPO, 20).toString(), "--run-dir", run.toString(), "-q"), err);
        for (int seed = 0; seed < 2; seed++) {
            List<Path> list = checkpoints(run, seed);
            assertTrue(list.size() >= 3, "several checkpoints of seed " + seed + ": " + list);
            long previousEpisodes = 0;
            for (Path c : list) {
                long step = Long.parseLong(c.getFileName().toString().substring(5));
                JsonObject state = JsonParser.parseString(Files.readString(c.resolve("runner.json"))).getAsJsonObject();
                assertEquals(step, state.get("steps").getAsLong());
                assertEquals(4, state.getAsJsonArray("running").size(), "one running return per copy");
                assertTrue(Files.isRegularFile(c.resolve("env.bin")) && Files.isRegularFile(c.resolve("agent/state.json")));
                if (step < 2560) {
                    assertEquals(0, step % 256, "written at the end of an update (4 envs x 64 steps): " + c);
                    long episodes = state.get("episode").getAsLong();
                    assertTrue(episodes / 20 > previousEpisodes / 20, "one per 20 episodes: " + c);
                    previousEpisodes = episodes;
                }
            }
            assertEquals("step-2560", list.get(list.size() - 1).getFileName().toString(), "the trained agent is kept");
        }
        // The last checkpoint loads (into an agent built as the runner builds it) and evaluates exactly as the trained
        // agent did in the final line of the metrics.
        ExperimentConfig c = ExperimentConfig.load(run.resolve("config.json").toString());
        long runSeed = Seeds.run(c.seed, 1);
        Env<Object, Object> env = Envs.make(c.env.id, c.env.options);
        @SuppressWarnings("unchecked")
        Agent<Object, Object> agent = (Agent<Object, Object>) AgentCatalog.bind(c.agent, "$.agent")
                .create(env, Seeds.child(runSeed, Seeds.AGENT));
        agent.load(run.resolve("checkpoints/seed-1/step-2560/agent"));
        double greedy = Evaluation.run(env, agent, c.eval.episodes, Seeds.child(runSeed, Seeds.EVAL)).meanReturn();
        JsonObject fin = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.has("event") && o.get("event").getAsString().equals("final") && o.get("seed").getAsInt() == 1)
                .findFirst().orElseThrow();
        assertEquals(fin.get("greedySampled").getAsDouble(), greedy, 0.0);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "ppo|CartPole-v1|{\"type\": \"ppo\", \"numEnvs\": 4, \"rolloutSteps\": 64, \"minibatches\": 4, \"annealLearningRate\": true}|20",
        "a2c|CartPole-v1|{\"type\": \"a2c\", \"numEnvs\": 4, \"rolloutSteps\": 5, \"envThreads\": 2}|20",
        "reinforce|CartPole-v1|{\"type\": \"reinforce\", \"numEnvs\": 4, \"rolloutSteps\": 64}|20",
        "ppo|Pendulum-v1|{\"type\": \"ppo\", \"numEnvs\": 2, \"rolloutSteps\": 128, \"minibatches\": 4}|2"})
    void aResumedRunWritesTheSameMetricsAsAnUninterruptedOne(String name, String env, String agent, int every)
            throws Exception {
        Path cfg = config(env, agent, every);
        Path full = tmp.resolve("full");
        Path cut = tmp.resolve("cut");
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", full.toString(), "-q"), err);
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", cut.toString(), "-q"), err);
        // simulate a crash in seed 1 just after an early checkpoint: later output never happened
        List<Path> list = checkpoints(cut, 1);
        assertTrue(list.size() >= 3, "checkpoints of seed 1: " + list);
        Path checkpoint = list.get(1);
        long keep = JsonParser.parseString(Files.readString(checkpoint.resolve("runner.json"))).getAsJsonObject()
                .get("metricsBytes").getAsLong();
        try (FileChannel ch = FileChannel.open(cut.resolve("metrics.jsonl"), StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        }
        for (Path later : list.subList(2, list.size())) {
            delete(later);
        }
        assertEquals(0, quietly("resume", cut.toString(), "-q"), err);
        byte[] expected = Files.readAllBytes(full.resolve("metrics.jsonl"));
        assertTrue(expected.length > 500);
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                Files.readString(cut.resolve("metrics.jsonl"), StandardCharsets.UTF_8));
        // the checkpoints written after the resume are those of the uninterrupted run
        assertEquals(checkpoints(full, 1).stream().map(p -> p.getFileName().toString()).toList(),
                checkpoints(cut, 1).stream().map(p -> p.getFileName().toString()).toList());
        assertArrayEquals(Files.readAllBytes(full.resolve("checkpoints/seed-1/step-2560/agent/params.params")),
                Files.readAllBytes(cut.resolve("checkpoints/seed-1/step-2560/agent/params.params")));
        JsonObject state = JsonParser.parseString(Files.readString(cut.resolve("checkpoints/seed-1/step-2560/runner.json")))
                .getAsJsonObject();
        assertEquals(1, state.get("resumes").getAsInt(), "the resumed seed counts its resume");
        assertTrue(state.get("seconds").getAsDouble() > 0, "and carries its training time across sessions");
    }

    @Test
    void aDamagedCheckpointStopsTheResumeWithTheReason() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, quietly("run", config("CartPole-v1", PPO, 20).toString(), "--run-dir", run.toString(), "-q"), err);
        List<Path> list = checkpoints(run, 1);
        Path checkpoint = list.get(0);
        long keep = JsonParser.parseString(Files.readString(checkpoint.resolve("runner.json"))).getAsJsonObject()
                .get("metricsBytes").getAsLong();
        try (FileChannel ch = FileChannel.open(run.resolve("metrics.jsonl"), StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        }
        for (Path later : list.subList(1, list.size())) {
            delete(later);
        }
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));
        // a truncated environment snapshot
        byte[] env = Files.readAllBytes(checkpoint.resolve("env.bin"));
        Files.write(checkpoint.resolve("env.bin"), java.util.Arrays.copyOf(env, env.length / 2));
        assertEquals(2, quietly("resume", run.toString(), "-q"));
        assertTrue(err.contains("cannot continue from") && err.contains("step-") && err.contains("corrupt")
                && err.contains("delete that directory"), err);
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve("metrics.jsonl")), "the metrics are left as they were");
        Files.write(checkpoint.resolve("env.bin"), env);
        // an agent whose parameter file was tampered with
        Path params = checkpoint.resolve("agent/params.params");
        byte[] p = Files.readAllBytes(params);
        p[p.length - 3] ^= 0x55;
        Files.write(params, p);
        assertEquals(2, quietly("resume", run.toString(), "-q"));
        assertTrue(err.contains("cannot continue from") && err.contains("params.params"), err);
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
