package dev.arcadia.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.arcadia.experiments.cli.Arcadia;
import dev.arcadia.experiments.config.ExperimentConfig;
import dev.arcadia.experiments.reproduce.MinAtarTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arcadia reproduce minatar}: the five configs carry the paper's settings; a short run writes the row, the
 * curve against the paper's value and the plot; running the command again on the finished directory reads it back
 * instead of training again; bad game names and misplaced options are refused with the fix.
 */
class ReproduceMinAtarTest {

    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Arcadia.execute(args);
            return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyGameHasAConfigWithThePapersSettings() {
        for (MinAtarTable.Game g : MinAtarTable.GAMES) {
            ExperimentConfig c = ExperimentConfig.load("minatar-" + g.key() + "-dqn");
            assertEquals(g.envId(), c.env.id);
            assertEquals(5_000_000L, c.train.steps);
            JsonObject a = c.agent;
            assertEquals("minatar-cnn", a.get("network").getAsString());
            assertEquals("rmsprop", a.get("optimizer").getAsString());
            assertEquals(2.5e-4, a.get("learningRate").getAsDouble(), 1e-12);
            assertEquals(0.99, a.get("gamma").getAsDouble(), 1e-12);
            assertEquals(100_000, a.get("bufferSize").getAsInt());
            assertEquals(32, a.get("batchSize").getAsInt());
            assertEquals(5_000, a.get("learningStarts").getAsInt());
            assertEquals(1_000, a.get("targetUpdateInterval").getAsInt());
            assertEquals(1.0, a.get("epsilonStart").getAsDouble());
            assertEquals(0.1, a.get("epsilonEnd").getAsDouble(), 1e-12);
            assertEquals(100_000, a.get("epsilonDecaySteps").getAsInt());
            assertEquals("huber", a.get("loss").getAsString());
            assertTrue(c.train.checkpointEvery > 0 && c.train.keepCheckpoints > 0, "long runs must be resumable");
        }
    }

    @Test
    void shortRunWritesTheRowAndThePlotAndIsReadBackWhenRunAgain() throws Exception {
        Path dir = tmp.resolve("breakout");
        Path json = tmp.resolve("rows.json");
        Outcome first = run("reproduce", "minatar", "--game", "breakout", "--frames", "6000", "--run-dir",
                dir.toString(), "--json", json.toString(), "-q");
        assertEquals(1, first.code(), "6,000 frames cannot reach the bar of 10: " + first.out() + first.err());
        assertTrue(first.out().contains("ran from the start"), first.out());
        assertTrue(Files.size(dir.resolve("minatar-breakout-curve.png")) > 1000);
        JsonObject row = JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                .getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals("breakout", row.get("game").getAsString());
        assertEquals(6000, row.get("frames").getAsLong());
        assertEquals(10.0, row.get("target").getAsDouble());
        assertFalse(row.get("pass").getAsBoolean());
        assertEquals(0, row.get("resumes").getAsInt());
        assertTrue(row.get("wallClockSeconds").getAsDouble() > 0);
        assertTrue(row.getAsJsonArray("curve").size() > 3, "one point per 100 training episodes");
        double measured = row.get("measured").getAsDouble();

        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.jsonl"));
        Outcome again = run("reproduce", "minatar", "--game", "breakout", "--run-dir", dir.toString(), "--json",
                json.toString(), "--frames", "9000", "-q");
        assertEquals(1, again.code());
        assertTrue(again.out().contains("already finished"), again.out());
        assertTrue(again.out().contains("its own budget of 6000 frames was kept"), again.out());
        assertEquals(java.util.Arrays.toString(metrics), java.util.Arrays.toString(Files.readAllBytes(dir.resolve("metrics.jsonl"))));
        JsonObject row2 = JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                .getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(measured, row2.get("measured").getAsDouble());
        assertEquals(row.get("wallClockSeconds").getAsDouble(), row2.get("wallClockSeconds").getAsDouble(), 1.0,
                "the training time comes back from the last checkpoint");

        Outcome wrongGame = run("reproduce", "minatar", "--game", "seaquest", "--run-dir", dir.toString(), "-q");
        assertEquals(2, wrongGame.code());
        assertTrue(wrongGame.err().contains("MinAtar/Breakout-v1") && wrongGame.err().contains("--run-dir"), wrongGame.err());
        // an unfinished run (its final line lost) is not resumed under the wrong game
        String text = Files.readString(dir.resolve("metrics.jsonl"));
        String unfinished = text.substring(0, text.lastIndexOf("{\"seed\":0,\"event\":\"final\""));
        Files.writeString(dir.resolve("metrics.jsonl"), unfinished);
        assertEquals(2, run("reproduce", "minatar", "--game", "seaquest", "--run-dir", dir.toString(), "-q").code());
        assertEquals(unfinished, Files.readString(dir.resolve("metrics.jsonl")), "nothing was resumed");
    }

    @Test
    void badGamesAndMisplacedOptionsAreRefused() {
        Outcome unknown = run("reproduce", "minatar", "--game", "breakuot", "-q");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("breakuot") && unknown.err().contains("breakout"), unknown.err());
        Outcome missing = run("reproduce", "minatar", "-q");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--game"), missing.err());
        Outcome misplaced = run("reproduce", "cartpole", "--game", "breakout", "-q");
        assertEquals(2, misplaced.code());
        assertTrue(misplaced.err().contains("reproduce minatar"), misplaced.err());
    }
}
