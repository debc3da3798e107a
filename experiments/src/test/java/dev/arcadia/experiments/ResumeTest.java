package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.arcadia.experiments.cli.Arcadia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An interrupted run, resumed from its last checkpoint, ends with the same metrics as one that never stopped. */
class ResumeTest {

    @TempDir
    Path tmp;

    private static int quietly(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Arcadia.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "dqn"})
    void resumedRunMatchesAnUninterruptedOne(String agent) throws Exception {
        String agentJson = agent.equals("dqn")
                ? "{\"type\": \"dqn\", \"hidden\": [16], \"learningStarts\": 100, \"batchSize\": 16, \"bufferSize\": 2000,"
                        + " \"targetUpdateInterval\": 50, \"epsilonDecaySteps\": 1000, \"prioritized\": true}"
                : "{\"type\": \"q-learning\", \"alpha\": 0.1}";
        Path cfg = tmp.resolve("cfg.json");
        Files.writeString(cfg, """
                {"name": "resume", "seed": 3, "seeds": 2, "env": {"id": "FrozenLake-v1"}, "agent": %s,
                 "train": {"episodes": 300, "logEvery": 25, "checkpointEvery": 100}, "eval": {"episodes": 200}}
                """.formatted(agentJson));
        Path full = tmp.resolve("full");
        Path cut = tmp.resolve("cut");
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", full.toString(), "-q"));
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", cut.toString(), "-q"));
        // simulate a crash in seed 1 just after its checkpoint at episode 100: later output never happened
        Path checkpoint = cut.resolve("checkpoints/seed-1/episode-100");
        long keep = JsonParser.parseString(Files.readString(checkpoint.resolve("runner.json"))).getAsJsonObject()
                .get("metricsBytes").getAsLong();
        try (var ch = java.nio.channels.FileChannel.open(cut.resolve("metrics.jsonl"), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        }
        delete(cut.resolve("checkpoints/seed-1/episode-200"));
        delete(cut.resolve("checkpoints/seed-1/episode-300")); // the final checkpoint
        assertEquals(0, quietly("resume", cut.toString(), "-q"));
        byte[] expected = Files.readAllBytes(full.resolve("metrics.jsonl"));
        assertTrue(expected.length > 500);
        assertArrayEquals(expected, Files.readAllBytes(cut.resolve("metrics.jsonl")));
        var state = JsonParser.parseString(Files.readString(cut.resolve("checkpoints/seed-1/episode-300/runner.json")))
                .getAsJsonObject();
        assertEquals(1, state.get("resumes").getAsInt(), "the resumed seed counts its resume");
        assertTrue(state.get("seconds").getAsDouble() > 0, "and carries its training time across sessions");
        assertEquals(0, JsonParser.parseString(Files.readString(cut.resolve("checkpoints/seed-0/episode-300/runner.json")))
                .getAsJsonObject().get("resumes").getAsInt());
        if (agent.equals("dqn")) { // the evaluation episodes are recorded for the viewer, the same after a resume
            Path episode = cut.resolve("episodes/seed-1/final.jsonl");
            assertTrue(Files.isRegularFile(episode), "the final evaluation's first episode is recorded");
            assertEquals(Files.readString(full.resolve("episodes/seed-1/final.jsonl")), Files.readString(episode));
            var record = dev.arcadia.experiments.episodes.EpisodeFile.read(episode);
            assertEquals("FrozenLake-v1", record.envId());
            assertEquals("agent", record.source());
            assertTrue(record.done() && record.complete(), "a whole episode");
            // re-simulating its actions from its seed gives the recorded rewards and end
            var env = dev.arcadia.env.Envs.<Object, Object>make(record.envId(), record.options());
            env.reset(record.seed());
            for (var s : record.steps()) {
                var step = env.step(s.action());
                assertEquals(s.reward(), step.reward());
                assertEquals(s.done(), step.terminated() || step.truncated());
            }
        }
        assertEquals(0, quietly("resume", cut.toString(), "-q"), "resuming a finished run does nothing");
        assertArrayEquals(expected, Files.readAllBytes(cut.resolve("metrics.jsonl")));
    }

    @org.junit.jupiter.api.Test
    void keepCheckpointsDeletesOlderOnesAndResumeStillWorks() throws Exception {
        Path cfg = tmp.resolve("keep.json");
        Files.writeString(cfg, """
                {"name": "keep", "seed": 5, "seeds": 1, "env": {"id": "FrozenLake-v1"},
                 "agent": {"type": "q-learning", "alpha": 0.1},
                 "train": {"episodes": 500, "logEvery": 50, "checkpointEvery": 100, "keepCheckpoints": 2},
                 "eval": {"episodes": 100}}
                """);
        Path dir = tmp.resolve("keep");
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", dir.toString(), "-q"));
        try (Stream<Path> list = Files.list(dir.resolve("checkpoints/seed-0"))) {
            assertEquals(java.util.List.of("episode-400", "episode-500"),
                    list.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(0, quietly("resume", dir.toString(), "-q"));
        Files.writeString(cfg, Files.readString(cfg).replace("\"keepCheckpoints\": 2", "\"keepCheckpoints\": -1"));
        assertEquals(2, quietly("run", cfg.toString(), "--run-dir", tmp.resolve("bad").toString(), "-q"));
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
