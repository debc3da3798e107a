package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.experiments.cli.Arcadia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTest {

    @TempDir
    Path tmp;

    private Path config(String name, long seed) throws Exception {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": %d, "seeds": 2,
                 "env": {"id": "FrozenLake-v1"},
                 "agent": {"type": "q-learning", "alpha": 0.1},
                 "train": {"episodes": 300, "logEvery": 50},
                 "eval": {"episodes": 200}}
                """.formatted(name, seed));
        return file;
    }

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

    @Test
    void sameConfigAndSeedGiveByteIdenticalMetrics() throws Exception {
        Path cfg = config("det", 42);
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", tmp.resolve("a").toString(), "-q"));
        assertEquals(0, quietly("run", cfg.toString(), "--run-dir", tmp.resolve("b").toString(), "-q"));
        byte[] a = Files.readAllBytes(tmp.resolve("a/metrics.jsonl"));
        byte[] b = Files.readAllBytes(tmp.resolve("b/metrics.jsonl"));
        assertTrue(a.length > 100);
        assertArrayEquals(a, b);
        assertEquals(0, quietly("run", config("det2", 43).toString(), "--run-dir", tmp.resolve("c").toString(), "-q"));
        assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/metrics.jsonl"))),
                "another master seed gives other metrics");
    }

    @Test
    void runDirectoryHoldsConfigProvenanceMetricsAndSummary() throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, quietly("run", config("layout", 1).toString(), "--run-dir", dir.toString(), "-q"));
        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        assertEquals(0.99, config.getAsJsonObject("agent").get("gamma").getAsDouble(), "defaults are resolved");
        JsonObject provenance = JsonParser.parseString(Files.readString(dir.resolve("provenance.json"))).getAsJsonObject();
        assertEquals(2, provenance.getAsJsonArray("seeds").size());
        assertTrue(provenance.getAsJsonArray("seeds").get(0).getAsJsonObject().has("env"));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(2 * (300 / 50 + 1), lines.size(), "6 log lines and 1 final line per seed");
        JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertEquals("final", last.get("event").getAsString());
        assertTrue(last.has("greedyExact"));
        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertEquals(2, summary.getAsJsonArray("seeds").size());
        // an existing run directory is never overwritten
        assertEquals(2, quietly("run", config("layout", 1).toString(), "--run-dir", dir.toString(), "-q"));
    }

    @Test
    void badConfigExitsWithTwoAndAMessage() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"agent\": {\"type\": \"q-learning\", \"gama\": 0.9}}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Arcadia.execute("run", bad.toString(), "--out", tmp.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("arcadia: error: $.agent.gama: unknown key 'gama' (did you mean 'gamma'?)"),
                err.toString(StandardCharsets.UTF_8));
    }
}
