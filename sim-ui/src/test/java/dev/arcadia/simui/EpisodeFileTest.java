package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFile;
import dev.arcadia.experiments.episodes.EpisodeFileException;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeFileTest {

    @TempDir
    Path dir;

    private static final EpisodeRecord WIN = Fixtures.record("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, Fixtures.FROZENLAKE_WIN);

    @Test
    void roundTrip() throws Exception {
        Path f = dir.resolve("sub/episode.jsonl");
        EpisodeFile.write(f, WIN);
        EpisodeRecord r = EpisodeFile.read(f);
        assertEquals("FrozenLake-v1", r.envId());
        assertEquals(Map.of("is_slippery", false), r.options());
        assertEquals(0, r.seed());
        assertArrayEquals(Fixtures.FROZENLAKE_WIN, r.actions());
        assertEquals(1.0, r.totalReturn());
        assertTrue(r.done());
        assertEquals(WIN.steps(), r.steps());
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\"format\":\"arcadia-episode\",\"version\":1,\"env\":\"FrozenLake-v1\""), text);
        assertEquals(8, text.split("\n").length, "header, 6 steps, end");
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void largeSeedsAndOptionsSurvive() throws Exception {
        EpisodeRecord r = new EpisodeRecord("CartPole-v1", Map.of("sutton_barto_reward", true), Long.MIN_VALUE + 3,
                "human", WIN.steps(), true);
        EpisodeRecord back = EpisodeFile.parse("x", EpisodeFile.format(r));
        assertEquals(Long.MIN_VALUE + 3, back.seed());
        assertEquals(Map.of("sutton_barto_reward", true), back.options());
    }

    private static String problem(String text) {
        return assertThrows(EpisodeFileException.class, () -> EpisodeFile.parse("ep.jsonl", text)).getMessage();
    }

    private static String good() {
        return EpisodeFile.format(WIN);
    }

    @Test
    void corruptAndPartialFilesFailWithTheLineAndTheProblem() {
        String g = good();
        String[] lines = g.split("\n");
        assertEquals("ep.jsonl is empty: it holds no recorded episode", problem(""));
        assertTrue(problem("hello\n").contains("ep.jsonl line 1 is not a JSON object"), problem("hello\n"));
        assertTrue(problem("{\"a\":\n").contains("ep.jsonl line 1 is not valid JSON"), problem("{\"a\":\n"));
        assertTrue(problem("{\"format\":\"other\"}\n").contains("not an Arcadia episode file"));
        assertTrue(problem(g.replace("\"version\":1", "\"version\":9")).contains("version 9 is not supported"));
        assertTrue(problem(g.replace("\"seed\":0", "\"seed\":\"x\"")).contains("line 1: \"seed\" must be a number"));
        assertTrue(problem(g.replace("\"seed\":0", "\"seed\":0.5")).contains("\"seed\" must be a 64-bit integer"));
        assertTrue(problem(lines[0] + "\n" + lines[1].replace("\"action\":2", "\"action\":true") + "\n")
                .contains("line 2: \"action\" must be a number"));
        assertTrue(problem(lines[0] + "\n" + lines[2] + "\n").contains("line 2: expected step t=1, found t=2"));
        assertTrue(problem(g.replace("\"terminated\":false", "\"terminated\":0")).contains("\"terminated\" must be true or false"));
        String cutMiddle = lines[0] + "\n" + lines[1].substring(0, 15) + "\n" + lines[2] + "\n";
        assertTrue(problem(cutMiddle).contains("ep.jsonl line 2 is not valid JSON"), problem(cutMiddle));
        String cutEnd = lines[0] + "\n" + lines[1] + "\n" + lines[2].substring(0, 15);
        assertTrue(problem(cutEnd).contains("is partial: its last line (3) is cut off"), problem(cutEnd));
        String noEnd = g.substring(0, g.lastIndexOf("{\"end\""));
        assertEquals("ep.jsonl is partial: it stops after 6 steps without its closing \"end\" line (was the recording "
                + "cut short?)", problem(noEnd));
        assertTrue(problem(g + lines[1] + "\n").contains("more lines after the closing \"end\" line"));
        assertTrue(problem(g.replace("\"steps\":6", "\"steps\":5")).contains("counts 5 steps but the file holds 6"));
        assertTrue(problem(g.replace("\"return\":1.0", "\"return\":2.0")).contains("differs from the sum of the rewards"));
        assertTrue(problem(lines[0] + "\n\n").contains("line 2 is blank"));
        assertTrue(problem(lines[0] + "\n[1,2]\n").contains("line 2 is not a JSON object"));
        String afterDone = lines[0] + "\n" + String.join("\n", java.util.Arrays.copyOfRange(lines, 1, 7)) + "\n"
                + lines[6].replace("\"t\":6", "\"t\":7") + "\n";
        assertTrue(problem(afterDone).contains("a step after the episode ended at step 6"), problem(afterDone));
    }

    @Test
    void missingAndNonTextFiles() throws Exception {
        EpisodeFileException e = assertThrows(EpisodeFileException.class, () -> EpisodeFile.read(dir.resolve("none.jsonl")));
        assertTrue(e.getMessage().endsWith("none.jsonl: no such file"), e.getMessage());
        Path bin = dir.resolve("bin.jsonl");
        Files.write(bin, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        e = assertThrows(EpisodeFileException.class, () -> EpisodeFile.read(bin));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }
}
